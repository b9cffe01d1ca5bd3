import Testing

@testable import RiskTraining

@Suite("ColumnBuffer: values appended in blocks come back as one exact array")
struct ColumnBufferTests {
    @Test("appending across block boundaries keeps every value in order", arguments: [0, 1, 65_535, 65_536, 200_001])
    func roundTrip(count: Int) {
        var buffer = ColumnBuffer<Int32>()
        for i in 0..<count { buffer.append(Int32(truncatingIfNeeded: i &* 7)) }
        #expect(buffer.count == count)
        #expect(buffer.contains { $0 == Int32(truncatingIfNeeded: (count - 1) &* 7) } == (count > 0))
        let values = buffer.finish()
        #expect(values == (0..<count).map { Int32(truncatingIfNeeded: $0 &* 7) })
        #expect(buffer.count == 0)
    }

    @Test("a column started with repeated values continues after them")
    func repeating() {
        var buffer = ColumnBuffer<Int32>(repeating: -1, count: 70_000)
        #expect(buffer.count == 70_000 && !buffer.contains { $0 != -1 })
        buffer.append(5)
        let values = buffer.finish()
        #expect(values.count == 70_001 && values.last == 5 && values.dropLast().allSatisfy { $0 == -1 })
    }
}
