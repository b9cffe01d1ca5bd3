import Foundation
import RiskScoring

extension ModelComparison {
    /// The report as Markdown, for terminals and merge requests.
    public func markdown(language: ReportLanguage = .english) -> String {
        let t = language.text
        let percent = ReportText.percent, interval = ReportText.interval
        func number(_ x: Double?, _ format: String = "%.4f") -> String { x.map { String(format: format, $0) } ?? "–" }
        func gradeName(_ grade: Grade?) -> String { grade?.rawValue ?? t("excluded", "排除") }
        let a = champion.model, b = challenger.model
        var lines: [String] = []
        lines.append("# " + t("Champion \(a) vs challenger \(b)", "现行模型 \(a) 与候选模型 \(b) 对比"))
        lines.append("")
        lines.append(
            t("Data: ", "数据：") + "`\(data)`, " + t("quarters ", "季度 ") + quarters.joined(separator: ", ") + "; "
                + t(
                    "rows both models scored \(rows) (unreadable: \(a) \(champion.rejected), \(b) \(challenger.rejected)); "
                        + "random inspections \(inspections), hits \(hits).",
                    "两个模型均评分的记录 \(rows) 条（无法读取：\(a) \(champion.rejected) 条，\(b) \(challenger.rejected) 条）；"
                        + "双随机抽查 \(inspections) 次，发现问题 \(hits) 次。"))
        lines.append("")

        lines.append("## " + t("Verdict", "结论"))
        lines.append("")
        lines.append(t("| Gate | Value | Threshold | Result |", "| 门槛 | 实际值 | 阈值 | 结果 |"))
        lines.append("|---|---:|---:|---|")
        for gate in verdict.gates {
            let value: String, threshold: String
            if gate.name == "require_monotone" {
                value = gate.value == 1 ? t("rising", "递增") : t("not rising", "未递增")
                threshold = gate.threshold == 1 ? t("required", "必须") : t("not required", "不要求")
            } else {
                value = number(gate.value)
                threshold = number(gate.threshold)
            }
            lines.append(
                "| `\(gate.name)` | \(value) | \(threshold) | " + (gate.passed ? t("pass", "通过") : t("FAIL", "未通过"))
                    + " |")
        }
        lines.append("")
        lines.append(
            verdict.promote
                ? t("**promote: true**: the challenger passes every gate.", "**promote: true**：候选模型通过全部门槛。")
                : t("**promote: false**: the challenger fails a gate.", "**promote: false**：候选模型未通过门槛。"))
        lines.append("")

        lines.append("## " + t("Discrimination on random inspections", "双随机抽查上的区分度"))
        lines.append("")
        if let metrics {
            lines.append(
                t(
                    "| Model | AUC | DeLong 95% | Gini | KS | Brier | Log loss |",
                    "| 模型 | AUC | DeLong 95% | Gini | KS | Brier | 对数损失 |"))
            lines.append("|---|---:|---|---:|---:|---:|---:|")
            for (name, figures) in [(a, metrics.champion), (b, metrics.challenger)] {
                lines.append(
                    "| \(name) | " + number(figures.auc.auc) + " | "
                        + String(format: "%.4f – %.4f", figures.auc.interval.lower, figures.auc.interval.upper) + " | "
                        + number(figures.gini) + " | " + number(figures.kolmogorovSmirnov.statistic) + " | "
                        + number(figures.brier, "%.5f") + " | " + number(figures.logLoss, "%.5f") + " |")
            }
            lines.append("")
            let d = metrics.aucDifference
            lines.append(
                t("AUC difference (challenger − champion, paired DeLong): ", "AUC 差（候选 − 现行，配对 DeLong 检验）：")
                    + String(
                        format: "%+.4f [%.4f, %.4f], p = %.4g", d.difference, d.interval.lower, d.interval.upper,
                        d.pValue))
        } else {
            lines.append(t("Not computed: the random inspections hold a single class.", "未计算：双随机抽查结果只有一类。"))
        }
        lines.append("")

        lines.append("## " + t("Discovery rates by grade", "按等级的问题发现率"))
        lines.append("")
        lines.append(
            t(
                "| Grade | \(a) inspections | hits | rate | Wilson 95% | \(b) inspections | hits | rate | Wilson 95% | Difference (Newcombe 95%) |",
                "| 等级 | \(a) 抽查 | 发现 | 发现率 | Wilson 95% | \(b) 抽查 | 发现 | 发现率 | Wilson 95% | 差值（Newcombe 95%） |"))
        lines.append("|---|---:|---:|---:|---|---:|---:|---:|---|---|")
        for (index, grade) in Grade.allCases.enumerated() {
            let x = discovery.champion.grades[index], y = discovery.challenger.grades[index]
            let d = discovery.differences[index].difference.map {
                "\(percent($0.difference)) [\(percent($0.interval.lower)), \(percent($0.interval.upper))]"
            }
            lines.append(
                "| \(grade.rawValue) | \(x.inspections) | \(x.hits) | \(percent(x.discoveryRate)) | \(interval(x.wilson)) | "
                    + "\(y.inspections) | \(y.hits) | \(percent(y.discoveryRate)) | \(interval(y.wilson)) | \(d ?? "–") |"
            )
        }
        lines.append("")
        for (name, side) in [(a, discovery.champion), (b, discovery.challenger)] {
            lines.append(
                "- \(name): "
                    + (side.monotone
                        ? t("rates rise strictly from A to D", "发现率自 A 至 D 严格递增")
                        : t("rates do NOT rise strictly from A to D", "发现率未能自 A 至 D 严格递增"))
                    + String(format: "; D/A = %.1f", side.dOverA))
        }
        lines.append("")

        lines.append("## " + t("Grade migration", "等级迁移"))
        lines.append("")
        let m = stability.migration
        let names = GradeMigration.categories.map(gradeName)
        lines.append(
            "| \(a) → \(b) | " + names.joined(separator: " | ") + " | " + t("Total", "合计") + " |")
        lines.append("|---|" + String(repeating: "---:|", count: names.count + 1))
        for (from, row) in m.counts.enumerated() {
            let cells = row.enumerated().map { to, count in
                "\(Int(count)) (\(percent(m.rowShares[from][to])))"
            }
            lines.append("| \(names[from]) | " + cells.joined(separator: " | ") + " | \(Int(row.reduce(0, +))) |")
        }
        lines.append("")
        lines.append(
            t(
                "Same grade: \(stability.sameGrade) of \(Int(m.total)) (\(percent(m.stableShare))).",
                "等级不变：\(stability.sameGrade) / \(Int(m.total))（\(percent(m.stableShare))）。"))
        lines.append("")

        lines.append("## " + t("Stability", "稳定性"))
        lines.append("")
        lines.append(
            t("PSI of the scores (deciles of the champion's): ", "分数 PSI（按现行模型分数十分位）：")
                + number(stability.score.index) + t("; PSI of the grades: ", "；等级 PSI：") + number(stability.grade.index)
        )
        lines.append("")
        if let characteristicStability {
            lines.append(
                t(
                    "CSI per indicator, population \(characteristicStability.championPopulation) (champion) → "
                        + "\(characteristicStability.challengerPopulation) (challenger), largest first:",
                    "各指标 CSI，总体 \(characteristicStability.championPopulation)（现行）→ "
                        + "\(characteristicStability.challengerPopulation)（候选），从大到小："))
            lines.append("")
            lines.append(t("| Indicator | Kind | Bins | CSI |", "| 指标 | 类型 | 分箱数 | CSI |"))
            lines.append("|---|---|---:|---:|")
            let sorted = characteristicStability.indicators.sorted {
                $0.stability.index != $1.stability.index
                    ? $0.stability.index > $1.stability.index : $0.indicator < $1.indicator
            }
            for row in sorted {
                lines.append("| \(row.indicator) | \(row.kind) | \(row.bins.count) | \(number(row.stability.index)) |")
            }
        } else {
            lines.append(t("CSI not computed: ", "未计算 CSI：") + (characteristicNote ?? ""))
        }
        lines.append("")

        lines.append("## " + t("Indicator weights", "指标权重"))
        lines.append("")
        lines.append(
            t(
                "Learned weight shares (\(a): \(champion.weightSource ?? "none"), \(b): \(challenger.weightSource ?? "none")), largest change first:",
                "学习权重占比（\(a)：\(champion.weightSource ?? "无")，\(b)：\(challenger.weightSource ?? "无")），按变化从大到小："))
        lines.append("")
        lines.append("| " + t("Indicator", "指标") + " | \(a) | \(b) | " + t("Change", "变化") + " |")
        lines.append("|---|---:|---:|---:|")
        let changes = weights.sorted {
            abs($0.difference ?? 0) != abs($1.difference ?? 0)
                ? abs($0.difference ?? 0) > abs($1.difference ?? 0) : $0.indicator < $1.indicator
        }
        for row in changes {
            lines.append(
                "| \(row.indicator) | \(row.champion.map(percent) ?? "–") | \(row.challenger.map(percent) ?? "–") | "
                    + (row.difference.map { String(format: "%+.2f pp", 100 * $0) } ?? "–") + " |")
        }
        lines.append("")

        lines.append("## " + t("Enterprises whose grade moved most", "等级变化最大的企业"))
        lines.append("")
        if movers.isEmpty {
            lines.append(t("No enterprise changed grade.", "没有企业的等级发生变化。"))
        } else {
            lines.append(
                t(
                    "| Enterprise | Quarter | \(a) | \(b) | Score change | \(a) reasons | \(b) reasons |",
                    "| 企业 | 季度 | \(a) | \(b) | 分数变化 | \(a) 原因 | \(b) 原因 |"))
            lines.append("|---|---|---|---|---:|---|---|")
            func reasons(_ side: MoverSide) -> String {
                side.reasons.isEmpty
                    ? "–"
                    : side.reasons.map { "\($0.indicator)=\($0.value ?? t("missing", "缺失"))" }.joined(separator: ", ")
            }
            for mover in movers {
                lines.append(
                    "| \(mover.enterprise) | \(mover.quarter) | "
                        + String(
                            format: "%@ %.0f | %@ %.0f | %+.0f", mover.champion.grade.rawValue, mover.champion.score,
                            mover.challenger.grade.rawValue, mover.challenger.score, mover.scoreChange)
                        + " | \(reasons(mover.champion)) | \(reasons(mover.challenger)) |")
            }
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
