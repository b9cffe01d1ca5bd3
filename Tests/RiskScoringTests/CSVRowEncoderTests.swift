import Foundation
import Testing

@testable import RiskScoring

private func text(_ build: (inout CSVRowEncoder) -> Void) -> String {
    var encoder = CSVRowEncoder()
    build(&encoder)
    return String(decoding: encoder.bytes, as: UTF8.self)
}

/// `printf("%.*f")`, trailing zeros and a bare point removed, `-0` written `0`.
private func oracle(_ value: Double, _ decimals: Int) -> String {
    var s = String(format: "%.*f", decimals, value)
    if s.contains(".") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
    }
    return s == "-0" ? "0" : s
}

@Suite("CSVRowEncoder: quoting and number formatting")
struct CSVRowEncoderTests {
    @Test("fields are separated and quoted only when needed")
    func quoting() {
        let out = text {
            $0.field("plain")
            $0.field("a,b")
            $0.field("say \"hi\"")
            $0.field("two\nlines")
            $0.field("")
            $0.field(-42)
            $0.endRecord()
            $0.emptyField()
            $0.endRecord()
            $0.record(["企业", "x\ry"])
        }
        #expect(out == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,-42\n\"\"\n企业,\"x\ry\"\n")
    }

    @Test("Float fields: shortest round trip, integral without .0, NaN empty")
    func floats() {
        let values: [Float] = [3, -0.0, 0.1, 1e-7, 3.4e38, 16_777_216, .nan, -2.5, .infinity]
        let out = text { e in for v in values { e.field(v) } }
        #expect(out == "3,-0,0.1,1e-07,3.4e+38,16777216,,-2.5,inf")
    }

    @Test("Double fixed decimals match printf on chosen edge cases")
    func doubleEdges() {
        let cases: [(Double, Int)] = [
            (0.125, 2), (0.375, 2), (2.5, 0), (3.5, 0), (-0.001, 2), (-0.0, 3), (1.005, 2), (1e-320, 5),
            (123456.789, 0), (0.1, 17), (9.999, 2), (-9.995, 2), (1e15 + 0.3, 1), (1.8e19, 0), (1e300, 2),
            (-1.5e22, 3), (Double.leastNonzeroMagnitude, 17), (Double.greatestFiniteMagnitude, 0), (4.35, 1),
        ]
        for (value, decimals) in cases {
            #expect(text { $0.field(value, decimals: decimals) } == oracle(value, decimals), "\(value) \(decimals)")
        }
        #expect(
            text {
                $0.field(Double.nan, decimals: 2); $0.field(1.0, decimals: 2)
            } == ",1")
    }

    @Test("Double fixed decimals match printf on many random values")
    func doubleRandom() {
        var g = TestGenerator(state: 5)
        for _ in 0..<20_000 {
            let magnitude = pow(10, Double(g.below(24)) - 12)
            let value = (g.unit() * 2 - 1) * magnitude
            let ties = (Double(g.below(4000)) - 2000) / 8  // exact binary ties at 2 decimals
            let decimals = g.below(CSVRowEncoder.maximumDecimals + 1)
            for v in [value, ties] {
                #expect(text { $0.field(v, decimals: decimals) } == oracle(v, decimals), "\(v) \(decimals)")
            }
        }
    }

    @Test("removeAll resets the record so separators restart")
    func reset() {
        var encoder = CSVRowEncoder()
        encoder.field(1)
        encoder.removeAll()
        encoder.field(2)
        encoder.endRecord()
        #expect(encoder.bytes == Array("2\n".utf8))
    }
}
