import RiskScoring

extension SyntheticProvince {
    /// Summarises the true-risk model and the discovery rates the generated inspections show.
    static func groundTruth(
        parameters: Parameters, model: TrueRiskModel, spread: TermSpread, panelRisk: [Float],
        inspections: [SyntheticInspection]
    ) -> GroundTruth {
        let rows = Double(max(1, panelRisk.count))
        let deviations = spread.standardDeviations
        // Each term's mean |SHAP| per indicator it reads (TermSpread has the formulas).
        let meanAbsoluteDeviations = spread.meanAbsoluteDeviations
        let shap: [[Double]] = model.terms.map { term in
            guard let i = TrueRiskModel.Effect.interactions.firstIndex(of: term.effect),
                let (coefficient, _, _) = term.effect.interaction({ _ in 0 })
            else { return [meanAbsoluteDeviations[term.effect.rawValue]] }
            let (a, b) = spread.interactionShares(i, coefficient: coefficient)
            return [a, b]
        }
        var byIndicator = [Double](repeating: 0, count: SyntheticIndicator.allCases.count)
        for (term, shares) in zip(model.terms, shap) {
            for (indicator, share) in zip(term.indicators, shares) { byIndicator[indicator.rawValue] += share }
        }
        let total = max(byIndicator.reduce(0, +), .leastNonzeroMagnitude)
        let indicators = SyntheticIndicator.allCases.map {
            GroundTruth.Importance(
                name: $0.column, dimension: $0.dimension, importance: byIndicator[$0.rawValue] / total)
        }
        var dimensionOrder: [String] = []
        var dimensionTotals: [String: Double] = [:]
        for item in indicators {
            guard let dimension = item.dimension else { continue }
            if dimensionTotals[dimension] == nil { dimensionOrder.append(dimension) }
            dimensionTotals[dimension, default: 0] += item.importance
        }
        let dimensions = dimensionOrder.map {
            GroundTruth.Importance(name: $0, dimension: nil, importance: dimensionTotals[$0] ?? 0)
        }

        // Grades by true risk: cut-offs at the cumulative shares of the snapshot rows' true risk.
        let sorted = sortedRisks(panelRisk)
        var cumulative = 0.0
        let cutoffs: [Float] = trueGradeShares.dropLast().map { share in
            cumulative += share
            return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(cumulative * Double(sorted.count)))]
        }
        func grade(_ risk: Float) -> Int { cutoffs.firstIndex { risk < $0 } ?? cutoffs.count }
        var riskSums = [Double](repeating: 0, count: 4)
        var riskCounts = [Int](repeating: 0, count: 4)
        for risk in panelRisk {
            let g = grade(risk)
            riskSums[g] += Double(risk)
            riskCounts[g] += 1
        }
        var gradeInspections = [Int](repeating: 0, count: 4)
        var gradeHits = [Int](repeating: 0, count: 4)
        var random = (inspections: 0, hits: 0), targeted = (inspections: 0, hits: 0)
        for inspection in inspections {
            if inspection.targeted {
                targeted.inspections += 1
                targeted.hits += inspection.hit ? 1 : 0
            } else {
                random.inspections += 1
                random.hits += inspection.hit ? 1 : 0
                let g = grade(inspection.trueRisk)
                gradeInspections[g] += 1
                gradeHits[g] += inspection.hit ? 1 : 0
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        let grades = ["A", "B", "C", "D"].enumerated().map { g, name in
            GroundTruth.GradeRate(
                grade: name, share: Double(riskCounts[g]) / rows,
                expectedDiscoveryRate: riskCounts[g] == 0 ? 0 : riskSums[g] / Double(riskCounts[g]),
                randomInspections: gradeInspections[g], randomHits: gradeHits[g],
                discoveryRate: ratio(gradeHits[g], gradeInspections[g]))
        }
        let discovery = GroundTruth.Discovery(
            randomInspections: random.inspections, randomHits: random.hits,
            randomDiscoveryRate: ratio(random.hits, random.inspections),
            targetedInspections: targeted.inspections, targetedHits: targeted.hits,
            targetedDiscoveryRate: ratio(targeted.hits, targeted.inspections),
            byTrueRiskGrade: grades,
            expectedDOverA: grades[0].expectedDiscoveryRate > 0
                ? grades[3].expectedDiscoveryRate / grades[0].expectedDiscoveryRate : 0)
        return GroundTruth(
            parameters: parameters, toolkitVersion: Toolkit.version, intercept: TrueRiskModel.intercept,
            scale: TrueRiskModel.scale,
            frailtyStandardDeviation: TrueRiskModel.frailtyDeviation, distressWeight: TrueRiskModel.distressWeight,
            noiseStandardDeviation: TrueRiskModel.noiseDeviation,
            terms: model.terms.indices.map { t in
                GroundTruth.Term(
                    indicators: model.terms[t].indicators.map(\.column), formula: model.terms[t].formula,
                    standardDeviation: deviations[t], meanAbsoluteShap: shap[t])
            },
            indicators: indicators, dimensions: dimensions, discovery: discovery)
    }

    /// `risks.sorted()`, by a two-pass LSD radix sort on the bit patterns when every value is a
    /// non-negative number (their bit patterns then order as the values do).
    /// - Complexity: O(n) then; O(n log n) otherwise.
    static func sortedRisks(_ risks: [Float]) -> [Float] {
        guard risks.allSatisfy({ $0 >= 0 }) else { return risks.sorted() }
        var keys = risks.map(\.bitPattern)
        var buffer = [UInt32](repeating: 0, count: keys.count)
        for shift in [UInt32(0), 16] {
            var next = [Int](repeating: 0, count: (1 << 16) + 1)
            for key in keys { next[Int((key >> shift) & 0xFFFF) + 1] += 1 }
            for digit in 0..<(1 << 16) { next[digit + 1] += next[digit] }
            for key in keys {
                let digit = Int((key >> shift) & 0xFFFF)
                buffer[next[digit]] = key
                next[digit] += 1
            }
            swap(&keys, &buffer)
        }
        return keys.map(Float.init(bitPattern:))
    }
}
