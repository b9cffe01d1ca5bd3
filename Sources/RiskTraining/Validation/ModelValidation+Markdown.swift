import Foundation
import RiskScoring

/// The language of a report's labels.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case chinese = "zh"

    /// `english` or `chinese` text.
    func text(_ english: String, _ chinese: String) -> String { self == .english ? english : chinese }
}

/// How the validation and comparison reports write their numbers.
enum ReportText {
    /// A rate as a percentage with two decimals: `12.34%`.
    static func percent(_ x: Double) -> String { String(format: "%.2f%%", 100 * x) }

    /// An interval as `lower – upper` in percent, or `–` when there is none.
    static func interval(_ i: ConfidenceInterval?) -> String {
        i.map { "\(percent($0.lower)) – \(percent($0.upper))" } ?? "–"
    }
}

extension ModelValidation {
    /// The report as Markdown, for terminals and merge requests.
    public func markdown(language: ReportLanguage = .english) -> String {
        let t = language.text
        let percent = ReportText.percent, interval = ReportText.interval
        var lines: [String] = []
        lines.append("# " + t("Validation of ", "模型验证：") + model)
        lines.append("")
        lines.append(
            t("Data: ", "数据：") + "`\(data)`, " + t("quarters ", "季度 ") + quarters.joined(separator: ", ") + "; "
                + t(
                    "rows \(rows), excluded by hard rules \(excluded), unreadable \(rejected).",
                    "记录 \(rows) 条，硬性规则排除 \(excluded) 条，无法读取 \(rejected) 条。"))
        lines.append("")

        func discoveryTable(_ discovery: Discovery) {
            lines.append(
                t(
                    "| Grade | Enterprises | Inspections | Hits | Discovery rate | Wilson 95% | Clopper-Pearson 95% | Lift |",
                    "| 等级 | 企业数 | 抽查次数 | 发现问题 | 问题发现率 | Wilson 95% | Clopper-Pearson 95% | 提升度 |"))
            lines.append("|---|---:|---:|---:|---:|---|---|---:|")
            for row in discovery.grades {
                lines.append(
                    "| \(row.grade.rawValue) | \(row.enterprises) | \(row.inspections) | \(row.hits) | "
                        + "\(percent(row.discoveryRate)) | \(interval(row.wilson)) | \(interval(row.clopperPearson)) | "
                        + String(format: "%.2f", row.lift) + " |")
            }
            lines.append(
                "| " + t("all", "合计") + " | | \(discovery.inspections) | \(discovery.hits) | "
                    + "\(percent(discovery.discoveryRate)) | | | 1.00 |")
            lines.append("")
            let steps = discovery.steps.map { step -> String in
                let d = step.difference.map {
                    "\(percent($0.difference)) [\(percent($0.interval.lower)), \(percent($0.interval.upper))]"
                }
                return "\(step.lower.rawValue)→\(step.upper.rawValue): " + (d ?? "–")
                    + (step.significant ? " ✓" : step.rises ? t(" (not significant)", "（不显著）") : " ✗")
            }
            lines.append(
                t("Steps between adjacent grades (difference, Newcombe 95%): ", "相邻等级差异（Newcombe 95%）：")
                    + steps.joined(separator: "; "))
            lines.append(
                (discovery.monotone
                    ? t("Discovery rates rise strictly from A to D", "问题发现率自 A 至 D 严格递增")
                    : t("Discovery rates do NOT rise strictly from A to D", "问题发现率未能自 A 至 D 严格递增"))
                    + "; D/A = " + String(format: "%.1f", discovery.dOverA) + ".")
            lines.append("")
        }

        lines.append("## " + t("Random inspections by grade", "按等级的双随机抽查"))
        lines.append("")
        discoveryTable(random)
        if let figures {
            lines.append("## " + t("Discrimination and calibration", "区分度与校准"))
            lines.append("")
            let auc = figures.auc
            lines.append(
                "AUC " + String(format: "%.4f", auc.auc) + " (DeLong 95% "
                    + String(format: "%.4f – %.4f", auc.interval.lower, auc.interval.upper) + "), Gini "
                    + String(format: "%.4f", figures.gini) + ", KS "
                    + String(format: "%.4f", figures.kolmogorovSmirnov.statistic) + ", Brier "
                    + String(format: "%.5f", figures.brier) + t(", log loss ", "，对数损失 ")
                    + String(format: "%.5f", figures.logLoss))
            lines.append("")
            lines.append(
                t(
                    "| Predicted | Rows | Mean predicted | Observed | Wilson 95% |",
                    "| 预测区间 | 记录 | 平均预测 | 实际 | Wilson 95% |"))
            lines.append("|---|---:|---:|---:|---|")
            for row in figures.calibration.rows where row.count > 0 {
                lines.append(
                    "| \(percent(row.lower)) – \(percent(row.upper)) | \(Int(row.count)) | \(percent(row.meanPredicted)) | "
                        + "\(percent(row.observedRate)) | \(interval(row.interval)) |")
            }
            lines.append("")
            lines.append(
                t(
                    "| Score decile | Rows | Hits | Rate | Cumulative capture | Lift |",
                    "| 分数十分位 | 记录 | 发现问题 | 发现率 | 累计捕获 | 提升度 |"))
            lines.append("|---|---:|---:|---:|---:|---:|")
            for row in figures.gains.rows {
                lines.append(
                    String(format: "| %.0f – %.0f ", row.lowestScore, row.highestScore)
                        + "| \(Int(row.count)) | \(Int(row.hits)) | \(percent(row.rate)) | "
                        + "\(percent(row.cumulativeCapture)) | " + String(format: "%.2f", row.lift) + " |")
            }
            lines.append("")
        }
        for breakdown in breakdowns {
            lines.append("## " + t("Random inspections by \(breakdown.column)", "按 \(breakdown.column) 的双随机抽查"))
            lines.append("")
            lines.append(
                "| \(breakdown.column) | " + t("Inspections", "抽查次数") + " | A | B | C | D | "
                    + t("Order", "等级次序") + " |")
            lines.append("|---|---:|---:|---:|---:|---:|---|")
            for group in breakdown.groups {
                let rates = group.discovery.grades.map { $0.inspections > 0 ? percent($0.discoveryRate) : "–" }
                let order =
                    !group.breaks.isEmpty
                    ? "✗ " + group.breaks.joined(separator: ", ")
                    : !group.falls.isEmpty
                        ? t("falls within noise: ", "噪声范围内下降：") + group.falls.joined(separator: ", ")
                        : (group.discovery.monotone ? "✓" : t("incomplete", "不完整"))
                lines.append(
                    "| \(group.value) | \(group.discovery.inspections) | \(rates.joined(separator: " | ")) | \(order) |"
                )
            }
            lines.append("")
        }
        lines.append("## " + t("Targeted inspections (reported apart, never mixed in)", "定向检查（单独报告，不混入）"))
        lines.append("")
        discoveryTable(targeted)
        lines.append("## " + t("Inspection efficiency", "抽查效率模拟"))
        lines.append("")
        if let efficiency {
            let ratios = Grade.allCases.map { "\($0.rawValue) \(percent(sampling[$0.rank]))" }
            func range(_ i: ConfidenceInterval, _ format: String) -> String {
                String(format: " [\(format), \(format)]", i.lower, i.upper)
            }
            var text = t("Sampling by grade (", "按等级抽查（") + ratios.joined(separator: ", ")
            text += t(") at the budget of a uniform programme: ", ")，与同等预算的均匀随机抽查相比：")
            text += String(format: "%.1f", efficiency.stratifiedPerThousand)
            text += range(efficiency.stratifiedInterval, "%.1f")
            text += t(" hits per 1,000 inspections against ", " 次/千次检查，均匀抽查 ")
            text += String(format: "%.1f", efficiency.uniformPerThousand) + range(efficiency.uniformInterval, "%.1f")
            text += t("; ratio ", "；倍数 ") + String(format: "%.2f", efficiency.ratio)
            text += range(efficiency.ratioInterval, "%.2f") + "."
            lines.append(text)
        } else {
            lines.append(t("Not simulated: ", "未能模拟：") + (efficiencyNote ?? ""))
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
