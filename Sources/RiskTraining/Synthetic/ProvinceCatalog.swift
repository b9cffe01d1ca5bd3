/// The fixed categories of the synthetic province: regions (Jiangsu's 13 prefecture-level cities), industry
/// sections of the national industry classification (GB/T 4754), and enterprise types, each with its share of
/// the register and its known effect on the logit of true risk.
enum ProvinceCatalog {
    /// A category with its share of enterprises and its true-risk effect (logit scale).
    struct Category {
        let code: String
        let label: String
        let share: Double
        let effect: Double
    }

    /// An industry section with its event rates.
    struct Industry {
        let code: String
        let label: String
        let share: Double
        let effect: Double
        /// Multiplies the base complaint rate.
        let complaints: Double
        /// Quarterly rate of failed product-quality checks at zero distress.
        let qualityFailures: Double
        /// Multiplies the base penalty rate.
        let penalties: Double
        /// Mean number of licences.
        let licences: Double
    }

    static let regions: [Category] = [
        .init(code: "3201", label: "南京市", share: 0.13, effect: -0.10),
        .init(code: "3202", label: "无锡市", share: 0.11, effect: -0.05),
        .init(code: "3203", label: "徐州市", share: 0.07, effect: 0.10),
        .init(code: "3204", label: "常州市", share: 0.08, effect: 0.00),
        .init(code: "3205", label: "苏州市", share: 0.18, effect: -0.05),
        .init(code: "3206", label: "南通市", share: 0.08, effect: 0.00),
        .init(code: "3207", label: "连云港市", share: 0.04, effect: 0.15),
        .init(code: "3208", label: "淮安市", share: 0.04, effect: 0.10),
        .init(code: "3209", label: "盐城市", share: 0.06, effect: 0.05),
        .init(code: "3210", label: "扬州市", share: 0.06, effect: 0.00),
        .init(code: "3211", label: "镇江市", share: 0.04, effect: 0.00),
        .init(code: "3212", label: "泰州市", share: 0.05, effect: 0.05),
        .init(code: "3213", label: "宿迁市", share: 0.06, effect: 0.20),
    ]

    static let industries: [Industry] = [
        .init(
            code: "A", label: "农、林、牧、渔业", share: 0.020, effect: -0.10, complaints: 0.3, qualityFailures: 0.004,
            penalties: 0.8, licences: 1.0),
        .init(
            code: "B", label: "采矿业", share: 0.005, effect: 0.20, complaints: 0.5, qualityFailures: 0.002,
            penalties: 1.5, licences: 3.0),
        .init(
            code: "C", label: "制造业", share: 0.140, effect: 0.10, complaints: 0.8, qualityFailures: 0.030,
            penalties: 1.2, licences: 2.0),
        .init(
            code: "D", label: "电力、热力、燃气及水生产和供应业", share: 0.005, effect: -0.30, complaints: 1.0, qualityFailures: 0.002,
            penalties: 0.6, licences: 3.0),
        .init(
            code: "E", label: "建筑业", share: 0.060, effect: 0.20, complaints: 1.0, qualityFailures: 0.005,
            penalties: 1.3, licences: 2.5),
        .init(
            code: "F", label: "批发和零售业", share: 0.330, effect: 0.00, complaints: 1.2, qualityFailures: 0.010,
            penalties: 1.0, licences: 1.0),
        .init(
            code: "G", label: "交通运输、仓储和邮政业", share: 0.030, effect: 0.00, complaints: 0.8, qualityFailures: 0.002,
            penalties: 1.1, licences: 2.0),
        .init(
            code: "H", label: "住宿和餐饮业", share: 0.050, effect: 0.20, complaints: 2.0, qualityFailures: 0.025,
            penalties: 1.4, licences: 2.0),
        .init(
            code: "I", label: "信息传输、软件和信息技术服务业", share: 0.080, effect: -0.20, complaints: 0.6, qualityFailures: 0.001,
            penalties: 0.5, licences: 0.5),
        .init(
            code: "J", label: "金融业", share: 0.010, effect: 0.30, complaints: 1.5, qualityFailures: 0.001,
            penalties: 1.0, licences: 2.0),
        .init(
            code: "K", label: "房地产业", share: 0.030, effect: 0.40, complaints: 2.5, qualityFailures: 0.003,
            penalties: 1.2, licences: 1.5),
        .init(
            code: "L", label: "租赁和商务服务业", share: 0.120, effect: 0.30, complaints: 1.0, qualityFailures: 0.002,
            penalties: 0.9, licences: 0.5),
        .init(
            code: "M", label: "科学研究和技术服务业", share: 0.070, effect: -0.20, complaints: 0.4, qualityFailures: 0.002,
            penalties: 0.5, licences: 0.5),
        .init(
            code: "N", label: "水利、环境和公共设施管理业", share: 0.005, effect: 0.00, complaints: 0.6, qualityFailures: 0.002,
            penalties: 0.8, licences: 1.5),
        .init(
            code: "O", label: "居民服务、修理和其他服务业", share: 0.020, effect: 0.10, complaints: 1.5, qualityFailures: 0.005,
            penalties: 1.0, licences: 1.0),
        .init(
            code: "P", label: "教育", share: 0.010, effect: 0.20, complaints: 2.0, qualityFailures: 0.001, penalties: 0.8,
            licences: 1.5),
        .init(
            code: "Q", label: "卫生和社会工作", share: 0.005, effect: 0.10, complaints: 1.5, qualityFailures: 0.010,
            penalties: 1.2, licences: 3.0),
        .init(
            code: "R", label: "文化、体育和娱乐业", share: 0.010, effect: 0.10, complaints: 1.2, qualityFailures: 0.003,
            penalties: 1.0, licences: 1.5),
    ]

    static let enterpriseTypes: [Category] = [
        .init(code: "有限责任公司", label: "有限责任公司", share: 0.78, effect: 0.00),
        .init(code: "股份有限公司", label: "股份有限公司", share: 0.03, effect: -0.20),
        .init(code: "个人独资企业", label: "个人独资企业", share: 0.08, effect: 0.15),
        .init(code: "合伙企业", label: "合伙企业", share: 0.05, effect: 0.20),
        .init(code: "外商投资企业", label: "外商投资企业", share: 0.04, effect: -0.20),
        .init(code: "国有企业", label: "国有企业", share: 0.02, effect: -0.40),
    ]

    /// Running sums of the shares, for `SeededGenerator.index(cumulativeWeights:)`.
    static func cumulative(_ shares: [Double]) -> [Double] {
        var sum = 0.0
        return shares.map {
            sum += $0; return sum
        }
    }

    static let regionWeights = cumulative(regions.map(\.share))
    static let industryWeights = cumulative(industries.map(\.share))
    static let typeWeights = cumulative(enterpriseTypes.map(\.share))
}
