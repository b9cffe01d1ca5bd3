import Testing

@testable import RiskScoring

@Suite("Scorer with a network body: the network's margins, integrated-gradient reasons")
struct ScorerNetworkTests {
    @Test("margins equal the network's own, reasons are its largest positive integrated gradients")
    func networkBody() {
        let network = NetworkFixtures.network()
        let model = NetworkFixtures.model(network)
        let scorer = Scorer(model: model)
        let rows = NetworkFixtures.rows(40)
        let width = model.features.count
        var scored = ScoredRows()
        scorer.score(rowMajor: rows.flatMap { $0 }, rowCount: rows.count, reasons: 2, threads: 2, into: &scored)
        for (i, row) in rows.enumerated() {
            #expect(scored.margins[i].bitPattern == network.margin(row).bitPattern, "row \(i)")
            let attribution = network.integratedGradients(row)
            let phi = Array(scored.contributions[i * width..<(i + 1) * width])
            for f in 0..<width {
                #expect(abs(phi[f] - attribution.contributions[f]) <= 1e-12 * max(1, abs(phi[f])), "row \(i)")
            }
            let expected = phi.indices.filter { phi[$0] > 0 }
                .sorted { phi[$0] > phi[$1] || (phi[$0] == phi[$1] && $0 < $1) }.prefix(2)
            let reasons = (0..<scored.reasonCount(row: i)).map { scored.reason(row: i, $0) }
            #expect(reasons.map(\.feature) == Array(expected), "row \(i)")
        }
    }
}
