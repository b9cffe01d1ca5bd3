import Foundation
import RiskScoring

extension ModelComparison {
    /// The report as one self-contained HTML page (inline CSS and SVG charts, no scripts, no network): the
    /// verdict and its gates, discrimination side by side, discovery by grade of both models (chart and table with
    /// the differences), the migration heat map, score and grade PSI, CSI per indicator, weight changes and the
    /// enterprises that moved most; labels in English or Chinese. The same comparison gives the same bytes.
    public func html(language: ReportLanguage = .english) -> String {
        let t = language.text
        let percent = ReportText.percent, interval = ReportText.interval
        func number(_ x: Double?, _ format: String = "%.4f") -> String { x.map { String(format: format, $0) } ?? "–" }
        let a = champion.model, b = challenger.model
        let title = t("Champion \(a) vs challenger \(b)", "现行模型 \(a) 与候选模型 \(b) 对比")
        var page = HTMLPage(language: language == .english ? "en" : "zh-CN", title: title)
        page.heading(title, level: 1, id: "summary")
        page.paragraph(
            t("Data: ", "数据：") + data + t("; quarters ", "；季度 ") + quarters.joined(separator: ", ")
                + t(
                    "; rows both models scored \(rows); random inspections \(inspections), hits \(hits).",
                    "；两个模型均评分的记录 \(rows) 条；双随机抽查 \(inspections) 次，发现问题 \(hits) 次。"))
        page.paragraph(
            verdict.promote
                ? t("✓ promote: the challenger passes every gate", "✓ 建议启用：候选模型通过全部门槛")
                : t("✗ do not promote: the challenger fails a gate", "✗ 不建议启用：候选模型未通过门槛"),
            class: verdict.promote ? "verdict pass" : "verdict fail")

        page.section(id: "verdict") { page in
            page.heading(t("Gates", "门槛"))
            page.table(
                header: [t("Gate", "门槛"), t("Value", "实际值"), t("Threshold", "阈值"), t("Result", "结果")],
                rows: verdict.gates.map { gate in
                    let monotone = gate.name == "require_monotone"
                    return [
                        gate.name,
                        monotone ? (gate.value == 1 ? t("rising", "递增") : t("not rising", "未递增")) : number(gate.value),
                        monotone
                            ? (gate.threshold == 1 ? t("required", "必须") : t("not required", "不要求"))
                            : number(gate.threshold),
                        gate.passed ? t("pass", "通过") : t("FAIL", "未通过"),
                    ]
                }, rowClasses: verdict.gates.map { $0.passed ? nil : "break" })
        }

        page.section(id: "discrimination") { page in
            page.heading(t("Discrimination on random inspections", "双随机抽查上的区分度"))
            guard let metrics else {
                page.paragraph(t("The random inspections hold one class only.", "双随机抽查只有一类结果。"))
                return
            }
            page.table(
                header: [t("Model", "模型"), "AUC", "DeLong 95%", "Gini", "KS", "Brier", t("Log loss", "对数损失")],
                rows: [(a, metrics.champion), (b, metrics.challenger)].map { name, figures in
                    [
                        name, number(figures.auc.auc),
                        String(format: "%.4f – %.4f", figures.auc.interval.lower, figures.auc.interval.upper),
                        number(figures.gini), number(figures.kolmogorovSmirnov.statistic),
                        number(figures.brier, "%.5f"),
                        number(figures.logLoss, "%.5f"),
                    ]
                })
            let d = metrics.aucDifference
            page.paragraph(
                t("AUC difference (challenger − champion): ", "AUC 差异（候选 − 现行）：") + number(d.difference)
                    + String(format: " [%.4f, %.4f]", d.interval.lower, d.interval.upper)
                    + t(", paired DeLong p = ", "，配对 DeLong 检验 p = ") + number(d.pValue))
        }

        page.section(id: "discovery") { page in
            page.heading(t("Discovery rate by grade", "各等级问题发现率"))
            page.figures([
                SVGGroupedBarChart(
                    title: t("Discovery rate by grade (random inspections)", "各等级问题发现率（双随机抽查）"),
                    xTitle: t("Discovery rate", "问题发现率"), categories: Grade.allCases.map(\.rawValue),
                    series: [
                        .init(name: a, values: discovery.champion.grades.map(\.discoveryRate)),
                        .init(name: b, values: discovery.challenger.grades.map(\.discoveryRate)),
                    ]
                ).svg()
            ])
            page.table(
                header: [
                    t("Grade", "等级"), "\(a)", "Wilson 95%", "\(b)", "Wilson 95%", t("Difference", "差异"),
                    "Newcombe 95%",
                ],
                rows: Grade.allCases.map { grade in
                    let first = discovery.champion.grades[grade.rank], second = discovery.challenger.grades[grade.rank]
                    let difference = discovery.differences[grade.rank].difference
                    return [
                        grade.rawValue, "\(first.hits)/\(first.inspections) = \(percent(first.discoveryRate))",
                        interval(first.wilson),
                        "\(second.hits)/\(second.inspections) = \(percent(second.discoveryRate))",
                        interval(second.wilson), difference.map { percent($0.difference) } ?? "–",
                        interval(difference?.interval),
                    ]
                })
            page.paragraph(
                "\(a): " + (discovery.champion.monotone ? t("rising A<B<C<D", "A<B<C<D 递增") : t("not rising", "未递增"))
                    + "; \(b): "
                    + (discovery.challenger.monotone ? t("rising A<B<C<D", "A<B<C<D 递增") : t("not rising", "未递增")))
        }

        page.section(id: "migration") { page in
            page.heading(t("Grade migration and stability", "等级迁移与稳定性"))
            page.figures([
                SVGHeatMap(
                    migration: stability.migration, title: t("Grade migration", "等级迁移矩阵"),
                    rowTitle: t("Grade under \(a)", "\(a) 下的等级"), columnTitle: t("Grade under \(b)", "\(b) 下的等级"),
                    excluded: t("excluded", "排除"), scaleName: t("enterprises", "企业数")
                ).svg()
            ])
            page.paragraph(
                t("Same grade: ", "等级不变：") + "\(stability.sameGrade) / \(Int(stability.migration.total)); "
                    + t("score PSI ", "分数 PSI ") + number(stability.score.index) + t(", grade PSI ", "，等级 PSI ")
                    + number(stability.grade.index))
            if let characteristics = characteristicStability {
                page.table(
                    header: [t("Indicator", "指标"), t("Kind", "类型"), "CSI"],
                    rows: characteristics.indicators.map { [$0.indicator, $0.kind, number($0.stability.index)] },
                    rowClasses: characteristics.indicators.map { $0.stability.index >= 0.25 ? "break" : nil })
            } else if let characteristicNote {
                page.paragraph(t("CSI not computed: ", "未计算 CSI：") + characteristicNote)
            }
        }

        page.section(id: "weights") { page in
            page.heading(t("Indicator weights", "指标权重"))
            let shown = weights.filter { $0.champion != nil || $0.challenger != nil }
            guard !shown.isEmpty else {
                page.paragraph(t("Neither model carries learned weights.", "两个模型都没有学习得到的权重。"))
                return
            }
            page.figures([
                SVGGroupedBarChart(
                    title: t("Learned weight shares", "学习权重占比"), xTitle: t("Share", "占比"),
                    categories: shown.map(\.indicator),
                    series: [
                        .init(name: a, values: shown.map { $0.champion ?? 0 }),
                        .init(name: b, values: shown.map { $0.challenger ?? 0 }),
                    ]
                ).svg()
            ])
        }

        page.section(id: "movers") { page in
            page.heading(t("Enterprises whose grade moved most", "等级变化最大的企业"))
            page.table(
                header: [
                    t("Enterprise", "企业"), t("Quarter", "季度"), "\(a)", "\(b)", t("Reasons under \(a)", "\(a) 的原因"),
                    t("Reasons under \(b)", "\(b) 的原因"),
                ],
                rows: movers.map { mover in
                    func reasons(_ side: MoverSide) -> String {
                        side.reasons.map { "\($0.indicator)=\($0.value ?? "–")" }.joined(separator: ", ")
                    }
                    return [
                        mover.enterprise, mover.quarter,
                        "\(mover.champion.grade.rawValue) (\(String(format: "%.0f", mover.champion.score)))",
                        "\(mover.challenger.grade.rawValue) (\(String(format: "%.0f", mover.challenger.score)))",
                        reasons(mover.champion), reasons(mover.challenger),
                    ]
                }, numericFrom: 6)
        }
        return page.document()
    }
}
