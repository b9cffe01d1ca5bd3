import Testing

@testable import RiskScoring

@Suite("Scorer with scorecard bodies: margins, the weighted body's points as score, points-lost reasons")
struct ScorerScorecardTests {
    @Test("a scorecard: margins are the body's, reasons are the points lost against each indicator's best bin")
    func scorecard() {
        let card = ScorecardFixtures.scorecard
        let model = ScorecardFixtures.model(.scorecard(card))
        let scorer = Scorer(model: model)
        let rows = ScorecardFixtures.rows(60)
        let width = model.features.count
        var scored = ScoredRows()
        scorer.score(rowMajor: rows.flatMap { $0 }, rowCount: rows.count, reasons: 2, threads: 2, into: &scored)
        for (i, row) in rows.enumerated() {
            #expect(scored.margins[i].bitPattern == card.margin(row).bitPattern, "row \(i)")
            #expect(scored.scores[i] == 1000 * scored.probabilities[i])
            for f in 0..<width {
                let points = card.indicators[f].points
                let lost = points.max()! - points[card.indicators[f].bins.bin(of: row[f])]
                #expect(scored.contributions[i * width + f] == lost, "row \(i), feature \(f)")
            }
            let phi = Array(scored.contributions[i * width..<(i + 1) * width])
            let expected = phi.indices.filter { phi[$0] > 0 }
                .sorted { phi[$0] > phi[$1] || (phi[$0] == phi[$1] && $0 < $1) }.prefix(2)
            #expect((0..<scored.reasonCount(row: i)).map { scored.reason(row: i, $0).feature } == Array(expected))
        }
        // One record by name gives the batch's bits.
        let record = try? scorer.score(
            values: ["years_established": .number(3), "penalties_1y": .number(4)], reasons: 4)
        var single = ScoredRows()
        scorer.score(rowMajor: [3, 4, 0, .nan], rowCount: 1, reasons: 4, into: &single)
        #expect(record?.margin.bitPattern == single.margins[0].bitPattern)
        // penalties 4 is the riskiest penalties bin: the first reason, losing the whole spread of its points.
        let penalties = card.indicators[1].points
        #expect(record?.reasons.first?.indicator == "penalties_1y")
        #expect(record?.reasons.first?.contribution == penalties.max()! - penalties[2])
    }

    @Test("a weighted scorecard: the score is its 0-1000 points, graded by the cut-offs; reasons are points lost")
    func weighted() throws {
        let card = ScorecardFixtures.weighted
        let model = ScorecardFixtures.model(.weighted(card))
        let scorer = Scorer(model: model)
        let rows = ScorecardFixtures.rows(60)
        let width = model.features.count
        var scored = ScoredRows()
        scorer.score(rowMajor: rows.flatMap { $0 }, rowCount: rows.count, reasons: 3, threads: 1, into: &scored)
        for (i, row) in rows.enumerated() {
            let points = card.points(row)
            #expect(scored.scores[i].bitPattern == points.bitPattern, "row \(i)")
            #expect(scored.margins[i].bitPattern == card.margin(row).bitPattern)
            #expect(scored.probabilities[i] == model.probability(margin: card.margin(row)))
            #expect(scored.scoreGrades[i] == model.grading.cutoffs.grade(score: points))
            var lostSum = 0.0
            for f in 0..<width {
                let indicator = card.indicators[f]
                let lost =
                    10 * indicator.weight
                    * (indicator.riskScores[indicator.bins.bin(of: row[f])] - indicator.riskScores.min()!)
                #expect(scored.contributions[i * width + f] == lost)
                lostSum += lost
            }
            // Every indicator's best bin scores 0 here, so the points lost add up to the score.
            #expect(abs(lostSum - points) < 1e-9)
        }
        // The riskiest row: every indicator in its riskiest bin scores 1000 and grades D.
        let record = try scorer.score(
            values: [
                "years_established": .number(1), "penalties_1y": .number(3), "serious_dishonesty": .number(0),
                "region": .text("3205"),
            ], reasons: 4)
        #expect(abs(record.score - 800) < 1e-9)
        #expect(record.reasons.map(\.indicator) == ["years_established", "penalties_1y", "region"])
    }
}
