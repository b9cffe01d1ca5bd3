import Foundation
import RiskScoring

extension ModelValidation {
    /// The report as one self-contained HTML page (inline CSS and SVG charts, no scripts, no network): the header,
    /// the verdict on the grade order, discovery by grade, ROC, gains and lift, calibration, the breakdowns with
    /// their breaks highlighted, targeted inspections apart, the efficiency simulation and expert vs learned
    /// weights; labels in English or Chinese. The same validation gives the same bytes.
    public func html(language: ReportLanguage = .english) -> String {
        let t = language.text
        let percent = ReportText.percent, interval = ReportText.interval
        var page = HTMLPage(
            language: language == .english ? "en" : "zh-CN", title: t("Validation of ", "模型验证：") + model)
        page.heading(t("Validation of ", "模型验证：") + model, level: 1, id: "summary")
        page.paragraph(
            t("Data: ", "数据：") + data + t("; quarters ", "；季度 ") + quarters.joined(separator: ", ")
                + t(
                    "; rows \(rows), excluded by hard rules \(excluded), unreadable \(rejected).",
                    "；记录 \(rows) 条，硬性规则排除 \(excluded) 条，无法读取 \(rejected) 条。"), class: "meta")
        page.paragraph(
            (random.monotone
                ? t("✓ Discovery rates rise strictly A < B < C < D", "✓ 问题发现率自 A 至 D 严格递增")
                : t("✗ Discovery rates do NOT rise strictly from A to D", "✗ 问题发现率未能自 A 至 D 严格递增"))
                + "; D/A = " + String(format: "%.1f", random.dOverA)
                + t(
                    " (random inspections: \(random.inspections), hits \(random.hits))",
                    "（双随机抽查 \(random.inspections) 次，发现问题 \(random.hits) 次）"),
            class: "verdict " + (random.monotone ? "ok" : "bad"))

        func discoverySection(_ page: inout HTMLPage, _ discovery: Discovery, chartTitle: String) {
            let bars = discovery.grades.map { row in
                SVGIntervalBarChart.Bar(
                    label: row.grade.rawValue, value: row.discoveryRate, lower: row.wilson?.lower,
                    upper: row.wilson?.upper, caption: row.inspections > 0 ? percent(row.discoveryRate) : "–")
            }
            page.figures([
                SVGIntervalBarChart(
                    title: chartTitle, xTitle: t("Grade", "等级"), yTitle: t("Discovery rate", "问题发现率"),
                    bars: bars, barName: t("discovery rate", "问题发现率"), intervalName: t("Wilson 95%", "Wilson 95% 区间"),
                    reference: (t("overall", "总体"), discovery.discoveryRate)
                ).svg()
            ])
            var rows = discovery.grades.map { row in
                [
                    row.grade.rawValue, "\(row.enterprises)", "\(row.inspections)", "\(row.hits)",
                    percent(row.discoveryRate), interval(row.wilson), interval(row.clopperPearson),
                    String(format: "%.2f", row.lift),
                ]
            }
            rows.append([
                t("all", "合计"), "", "\(discovery.inspections)", "\(discovery.hits)", percent(discovery.discoveryRate),
                "", "", "1.00",
            ])
            page.table(
                header: [
                    t("Grade", "等级"), t("Enterprises", "企业数"), t("Inspections", "抽查次数"), t("Hits", "发现问题"),
                    t("Discovery rate", "问题发现率"), "Wilson 95%", "Clopper-Pearson 95%", t("Lift", "提升度"),
                ], rows: rows)
            page.table(
                header: [t("Step", "相邻等级"), t("Difference", "差异"), "Newcombe 95%", t("Result", "结论")],
                rows: discovery.steps.map { step in
                    [
                        "\(step.lower.rawValue) → \(step.upper.rawValue)",
                        step.difference.map { percent($0.difference) } ?? "–",
                        interval(step.difference?.interval),
                        step.significant
                            ? t("rises, significant", "上升，显著")
                            : step.rises ? t("rises, not significant", "上升，不显著") : t("falls", "下降"),
                    ]
                }, rowClasses: discovery.steps.map { $0.rises ? nil : "break" })
        }

        page.section(id: "discovery") { page in
            page.heading(t("Random inspections by grade", "按等级的双随机抽查"))
            discoverySection(
                &page, random, chartTitle: t("Discovery rate by grade (random inspections)", "各等级问题发现率（双随机抽查）"))
        }

        page.section(id: "discrimination") { page in
            page.heading(t("Discrimination: ROC", "区分度：ROC 曲线"))
            guard let figures else {
                page.paragraph(
                    t("Not computed: the random inspections hold a single class.", "未计算：双随机抽查结果只有一类。"), class: "note")
                return
            }
            let auc = figures.auc
            page.paragraph(
                "AUC " + String(format: "%.4f", auc.auc) + " (DeLong 95% "
                    + String(format: "%.4f – %.4f", auc.interval.lower, auc.interval.upper) + "), Gini "
                    + String(format: "%.4f", figures.gini) + ", KS "
                    + String(format: "%.4f", figures.kolmogorovSmirnov.statistic) + ", Brier "
                    + String(format: "%.5f", figures.brier) + t(", log loss ", "，对数损失 ")
                    + String(format: "%.5f", figures.logLoss))
            page.figures([
                SVGLineChart(
                    title: t("ROC curve (random inspections)", "ROC 曲线（双随机抽查）"),
                    xTitle: t("False positive rate", "误报率"), yTitle: t("True positive rate", "命中率"),
                    series: [
                        .init(
                            name: "AUC " + String(format: "%.3f", auc.auc),
                            points: figures.roc.map { SVGPoint(x: $0.falsePositiveRate, y: $0.truePositiveRate) })
                    ], diagonal: t("random ordering", "随机排序")
                ).svg()
            ])
        }

        if let figures {
            page.section(id: "gains") { page in
                page.heading(t("Gains and lift by score decile", "按分数十分位的累计捕获与提升度"))
                let gains =
                    [SVGPoint(x: 0, y: 0)]
                    + figures.gains.rows.map { SVGPoint(x: $0.cumulativeShare, y: $0.cumulativeCapture) }
                page.figures([
                    SVGLineChart(
                        title: t("Cumulative capture of hits", "问题累计捕获率"),
                        xTitle: t("Share of inspections, riskiest first", "抽查占比（风险由高到低）"),
                        yTitle: t("Share of hits captured", "捕获问题占比"),
                        series: [.init(name: t("model", "模型"), points: gains)],
                        diagonal: t("random ordering", "随机排序")
                    ).svg(),
                    SVGIntervalBarChart(
                        title: t("Lift by score decile", "各分数十分位提升度"),
                        xTitle: t("Decile, riskiest first", "十分位（风险由高到低）"),
                        yTitle: t("Lift", "提升度"),
                        bars: figures.gains.rows.enumerated().map { index, row in
                            .init(label: "\(index + 1)", value: row.lift, caption: String(format: "%.1f", row.lift))
                        }, barName: t("lift", "提升度"), reference: (t("no lift", "无提升"), 1), yFormat: .number
                    ).svg(),
                ])
                page.table(
                    header: [
                        t("Score range", "分数区间"), t("Rows", "记录"), t("Hits", "发现问题"), t("Rate", "发现率"),
                        t("Cumulative capture", "累计捕获"), t("Lift", "提升度"),
                    ],
                    rows: figures.gains.rows.map { row in
                        [
                            String(format: "%.0f – %.0f", row.lowestScore, row.highestScore), "\(Int(row.count))",
                            "\(Int(row.hits))", percent(row.rate), percent(row.cumulativeCapture),
                            String(format: "%.2f", row.lift),
                        ]
                    })
            }
            page.section(id: "calibration") { page in
                page.heading(t("Calibration", "校准"))
                page.figures([
                    SVGReliabilityChart(
                        title: t("Predicted vs observed (random inspections)", "预测与实际发现率（双随机抽查）"),
                        xTitle: t("Mean predicted probability", "平均预测概率"), yTitle: t("Observed rate", "实际发现率"),
                        bins: figures.calibration.rows.map {
                            .init(
                                predicted: $0.meanPredicted, observed: $0.observedRate, lower: $0.interval.lower,
                                upper: $0.interval.upper, count: $0.count)
                        }, observedName: t("observed", "实际"), intervalName: "Wilson 95%",
                        diagonalName: t("perfect calibration", "完全校准")
                    ).svg()
                ])
                page.table(
                    header: [
                        t("Predicted", "预测区间"), t("Rows", "记录"), t("Mean predicted", "平均预测"), t("Observed", "实际"),
                        "Wilson 95%",
                    ],
                    rows: figures.calibration.rows.map { row in
                        [
                            "\(percent(row.lower)) – \(percent(row.upper))", "\(Int(row.count))",
                            percent(row.meanPredicted), percent(row.observedRate), interval(row.interval),
                        ]
                    })
            }
        }

        page.section(id: "breakdowns") { page in
            page.heading(t("Breakdowns", "分组结果"))
            page.paragraph(
                t(
                    "Red rows: the grade order breaks (a fall whose Newcombe 95% interval lies below 0). Yellow rows: a fall within noise.",
                    "红色行：等级次序显著倒挂（Newcombe 95% 区间低于 0）；黄色行：噪声范围内的下降。"), class: "note")
            for breakdown in breakdowns {
                page.heading(t("Random inspections by ", "双随机抽查，按 ") + breakdown.column, level: 3)
                page.table(
                    header: [breakdown.column, t("Inspections", "抽查次数"), "A", "B", "C", "D", t("Order", "等级次序")],
                    rows: breakdown.groups.map { group in
                        let rates = group.discovery.grades.map { $0.inspections > 0 ? percent($0.discoveryRate) : "–" }
                        let order =
                            !group.breaks.isEmpty
                            ? t("breaks: ", "倒挂：") + group.breaks.joined(separator: ", ")
                            : !group.falls.isEmpty
                                ? t("falls within noise: ", "噪声范围内下降：") + group.falls.joined(separator: ", ")
                                : (group.discovery.monotone ? "✓" : t("incomplete", "不完整"))
                        return [group.value, "\(group.discovery.inspections)"] + rates + [order]
                    },
                    rowClasses: breakdown.groups.map {
                        !$0.breaks.isEmpty ? "break" : !$0.falls.isEmpty ? "noise" : nil
                    })
            }
        }

        page.section(id: "targeted") { page in
            page.heading(t("Targeted inspections (reported apart, never mixed in)", "定向检查（单独报告，不混入）"))
            page.paragraph(
                t(
                    "Targets were chosen because they looked risky: these rates are biased and do not validate the grades.",
                    "定向检查对象因风险迹象被选中，其发现率有偏，不用于验证等级。"), class: "note")
            discoverySection(
                &page, targeted,
                chartTitle: t("Discovery rate by grade (targeted inspections)", "各等级问题发现率（定向检查）"))
        }

        page.section(id: "efficiency") { page in
            page.heading(t("Inspection efficiency", "抽查效率模拟"))
            guard let efficiency else {
                page.paragraph(t("Not simulated: ", "未能模拟：") + (efficiencyNote ?? ""), class: "note")
                return
            }
            page.paragraph(
                t("Sampling by grade (", "按等级抽查（")
                    + Grade.allCases.map { "\($0.rawValue) \(percent(sampling[$0.rank]))" }.joined(separator: ", ")
                    + t(") at the budget of a uniform programme.", ")，与同等预算的均匀随机抽查相比。"))
            func range(_ i: ConfidenceInterval, _ format: String) -> String {
                String(format: "\(format) – \(format)", i.lower, i.upper)
            }
            page.table(
                header: [t("Programme", "方案"), t("Hits per 1,000 inspections", "每千次检查发现问题"), "95%"],
                rows: [
                    [
                        t("by grade", "按等级抽查"), String(format: "%.1f", efficiency.stratifiedPerThousand),
                        range(efficiency.stratifiedInterval, "%.1f"),
                    ],
                    [
                        t("uniform", "均匀随机"), String(format: "%.1f", efficiency.uniformPerThousand),
                        range(efficiency.uniformInterval, "%.1f"),
                    ],
                    [
                        t("ratio", "倍数"), String(format: "%.2f", efficiency.ratio),
                        range(efficiency.ratioInterval, "%.2f"),
                    ],
                ])
        }

        page.section(id: "weights") { page in
            page.heading(t("Indicator weights: expert vs learned", "指标权重：专家与模型学习"))
            guard let weights else {
                page.paragraph(t("Not available: ", "无法给出：") + (weightsNote ?? ""), class: "note")
                return
            }
            let learnedName = t("learned", "模型学习") + (weights.learnedSource.map { " (\($0))" } ?? "")
            func series(_ rows: [WeightComparison.Row]) -> [SVGGroupedBarChart.Series] {
                var series = [SVGGroupedBarChart.Series(name: t("expert", "专家"), values: rows.map(\.expert))]
                if weights.learnedSource != nil {
                    series.append(.init(name: learnedName, values: rows.map { $0.learned ?? 0 }))
                }
                return series
            }
            func name(_ row: WeightComparison.Row) -> String { language == .english ? row.name : row.label }
            if weights.learnedSource == nil {
                page.paragraph(
                    t(
                        "The model carries no learned weights (a weighted scorecard scores with the experts').",
                        "模型不含学习得到的权重（加权评分卡使用专家权重）。"), class: "note")
            }
            page.figures([
                SVGGroupedBarChart(
                    title: t("By dimension", "按维度"), xTitle: t("Weight", "权重"),
                    categories: weights.dimensions.map(name), series: series(weights.dimensions), width: 540
                ).svg()
            ])
            page.figures([
                SVGGroupedBarChart(
                    title: t("By indicator", "按指标"), xTitle: t("Weight", "权重"),
                    categories: weights.indicators.map(name), series: series(weights.indicators)
                ).svg()
            ])
            page.table(
                header: [t("Indicator", "指标"), t("Label", "名称"), t("Expert", "专家"), learnedName],
                rows: weights.indicators.map { row in
                    [row.name, row.label, percent(row.expert), row.learned.map(percent) ?? "–"]
                }, numericFrom: 2)
        }
        page.paragraph(
            t(
                "Written by riskgrade validate; every figure is in validation.json beside this page.",
                "由 riskgrade validate 生成；全部数据见同目录下的 validation.json。"), class: "note")
        return page.document()
    }
}
