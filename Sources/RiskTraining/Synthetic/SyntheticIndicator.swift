/// The indicators of `experiments/general.yaml` as the synthetic province knows them: their column names,
/// dimension, and where the feature table gets them from.
public enum SyntheticIndicator: Int, CaseIterable, Sendable {
    case yearsEstablished, registeredCapital, paidInRatio, employees, branchCount, enterpriseType, region, industry
    case legalRepChanges12m, addressChanges12m, scopeChanges12m, capitalChanges24m, shareholderChanges12m
    case annualReportLate, annualReportMissing, zeroFinancials, revenueGrowth
    case abnormalListNow, abnormalList3y, seriousDishonesty, courtDefaulter, penalties1y, penalties3y, maxFine3y
    case largeFine3y, licences, expiredLicences, inspections3y, inspectionHits3y
    case addressEnterprises, addressAbnormal, personEnterprises, linkedAbnormal, linkedPenalised, linkedHits
    case linkedDishonest
    case complaints3m, complaints12m, complaintSurge, negativeNews12m, qualityFailures12m, awards, certifications

    /// The column name in snapshots and the feature table.
    public var column: String {
        switch self {
        case .yearsEstablished: "years_established"
        case .registeredCapital: "registered_capital"
        case .paidInRatio: "paid_in_ratio"
        case .employees: "employees"
        case .branchCount: "branch_count"
        case .enterpriseType: "enterprise_type"
        case .region: "region"
        case .industry: "industry"
        case .legalRepChanges12m: "legal_rep_changes_12m"
        case .addressChanges12m: "address_changes_12m"
        case .scopeChanges12m: "scope_changes_12m"
        case .capitalChanges24m: "capital_changes_24m"
        case .shareholderChanges12m: "shareholder_changes_12m"
        case .annualReportLate: "annual_report_late"
        case .annualReportMissing: "annual_report_missing"
        case .zeroFinancials: "zero_financials"
        case .revenueGrowth: "revenue_growth"
        case .abnormalListNow: "abnormal_list_now"
        case .abnormalList3y: "abnormal_list_3y"
        case .seriousDishonesty: "serious_dishonesty"
        case .courtDefaulter: "court_defaulter"
        case .penalties1y: "penalties_1y"
        case .penalties3y: "penalties_3y"
        case .maxFine3y: "max_fine_3y"
        case .largeFine3y: "large_fine_3y"
        case .licences: "licences"
        case .expiredLicences: "expired_licences"
        case .inspections3y: "inspections_3y"
        case .inspectionHits3y: "inspection_hits_3y"
        case .addressEnterprises: "address_enterprises"
        case .addressAbnormal: "address_abnormal"
        case .personEnterprises: "person_enterprises"
        case .linkedAbnormal: "linked_abnormal"
        case .linkedPenalised: "linked_penalised"
        case .linkedHits: "linked_hits"
        case .linkedDishonest: "linked_dishonest"
        case .complaints3m: "complaints_3m"
        case .complaints12m: "complaints_12m"
        case .complaintSurge: "complaint_surge"
        case .negativeNews12m: "negative_news_12m"
        case .qualityFailures12m: "quality_failures_12m"
        case .awards: "awards"
        case .certifications: "certifications"
        }
    }

    /// The dimension of the general indicator system the indicator belongs to.
    public var dimension: String {
        switch self {
        case .yearsEstablished, .registeredCapital, .paidInRatio, .employees, .branchCount, .enterpriseType, .region,
            .industry:
            "basic"
        case .legalRepChanges12m, .addressChanges12m, .scopeChanges12m, .capitalChanges24m, .shareholderChanges12m,
            .annualReportLate, .annualReportMissing, .zeroFinancials, .revenueGrowth:
            "dynamic"
        case .abnormalListNow, .abnormalList3y, .seriousDishonesty, .courtDefaulter, .penalties1y, .penalties3y,
            .maxFine3y, .largeFine3y, .licences, .expiredLicences, .inspections3y, .inspectionHits3y:
            "supervision"
        case .addressEnterprises, .addressAbnormal, .personEnterprises, .linkedAbnormal, .linkedPenalised, .linkedHits,
            .linkedDishonest:
            "association"
        case .complaints3m, .complaints12m, .complaintSurge, .negativeNews12m, .qualityFailures12m, .awards,
            .certifications:
            "social"
        }
    }

    /// Where the feature table takes the indicator from.
    public enum Source: Sendable {
        /// The `enterprises.csv` register (region, industry, type) or derived from it (years since establishment).
        case register
        /// A column of `snapshots.csv`.
        case snapshot
        /// Counted from `inspections.csv`.
        case inspections
        /// Counted over the enterprises linked through `relations.csv`.
        case association
    }

    /// Where the feature table takes the indicator from.
    public var source: Source {
        switch self {
        case .yearsEstablished, .enterpriseType, .region, .industry: .register
        case .inspections3y, .inspectionHits3y: .inspections
        case .addressEnterprises, .addressAbnormal, .personEnterprises, .linkedAbnormal, .linkedPenalised, .linkedHits,
            .linkedDishonest:
            .association
        default: .snapshot
        }
    }

    /// The indicators `snapshots.csv` carries, in column order.
    public static let snapshotIndicators: [SyntheticIndicator] = allCases.filter { $0.source == .snapshot }

    /// The categorical indicators.
    public var isCategorical: Bool { self == .enterpriseType || self == .region || self == .industry }
}
