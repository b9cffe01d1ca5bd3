import Testing

@testable import RiskScoring

@Suite("CSVReader fuzz: random CSV-ish bytes parse or throw CSVError, never crash")
struct CSVFuzzTests {
    @Test("5000 random inputs with a fixed seed, whole and in tiny chunks")
    func fuzz() {
        var g = TestGenerator(state: 2024)
        let alphabet: [UInt8] = Array("ab1.,,\"\"\n\r e-".utf8) + [0xE4, 0xB8, 0xAD, 0xEF, 0xBB, 0xBF, 0xFF, 0x00]
        var parsed = 0
        for _ in 0..<5000 {
            let length = g.below(40)
            let bytes = (0..<length).map { _ in alphabet[g.below(alphabet.count)] }
            for chunkSize in [nil, 1 + g.below(5)] as [Int?] {
                do {
                    let reader = try CSVReader(bytes: bytes, chunkSize: chunkSize)
                    var record = CSVRecord()
                    while try reader.next(into: &record) {
                        for i in 0..<record.count {
                            _ = record.float(i)
                            _ = record.int(i)
                            _ = try? record.string(i)
                            _ = record.line(ofField: i)
                        }
                    }
                    parsed += 1
                } catch {
                    // Only CSVError may be thrown: typed throws guarantee it.
                }
            }
        }
        #expect(parsed > 100)
    }

    @Test("whole and chunked reading agree on random inputs")
    func chunkedAgrees() {
        var g = TestGenerator(state: 99)
        let alphabet: [UInt8] = Array("ab,\"\n\r".utf8)
        for _ in 0..<2000 {
            let bytes = (0..<g.below(30)).map { _ in alphabet[g.below(alphabet.count)] }
            let whole = Result { try readAll(bytes) }
            let chunked = Result { try readAll(bytes, chunkSize: 1 + g.below(4)) }
            switch (whole, chunked) {
            case (.success(let a), .success(let b)):
                #expect(a.header == b.header && a.rows == b.rows)
            case (.failure(let a), .failure(let b)):
                #expect((a as? CSVError) == (b as? CSVError))
            default:
                Issue.record("whole and chunked disagree on \(bytes)")
            }
        }
    }
}
