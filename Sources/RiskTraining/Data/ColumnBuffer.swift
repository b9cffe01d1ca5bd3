/// A column of unknown final length, appended value by value into fixed blocks and joined into one array of
/// exactly its length at the end.
///
/// An `Array` grown by appending doubles its capacity, and its freed smaller buffers are reused by the other
/// columns growing beside it, so a table of many columns read row by row ends up holding up to twice its size
/// in resident memory. Blocks never over-allocate by more than one block per column, and joining a column
/// needs only that column twice, briefly.
struct ColumnBuffer<Element> {
    /// Values per block: 64 Ki (256 KiB of `Float`).
    static var blockSize: Int { 65_536 }

    private var blocks: [[Element]] = []
    private var current: [Element] = []

    /// An empty column.
    init() {}

    /// A column of `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        for _ in 0..<(count / Self.blockSize) {
            blocks.append([Element](repeating: value, count: Self.blockSize))
        }
        current = [Element](repeating: value, count: count % Self.blockSize)
    }

    /// The number of values.
    var count: Int { blocks.count * Self.blockSize + current.count }

    /// Appends a value.
    @inline(__always)
    mutating func append(_ value: Element) {
        if current.isEmpty { current.reserveCapacity(Self.blockSize) }
        current.append(value)
        if current.count == Self.blockSize {
            blocks.append(current)
            current = []
        }
    }

    /// Whether any value satisfies `predicate`.
    func contains(where predicate: (Element) -> Bool) -> Bool {
        blocks.contains { $0.contains(where: predicate) } || current.contains(where: predicate)
    }

    /// The values as one array of exactly ``count`` elements; the column is empty afterwards.
    mutating func finish() -> [Element] {
        if blocks.isEmpty {
            defer { current = [] }
            return Array(current)
        }
        let total = count
        let result = [Element](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            var position = 0
            for block in blocks + [current] {
                block.withUnsafeBufferPointer { values in
                    guard let source = values.baseAddress else { return }
                    (base + position).initialize(from: source, count: values.count)
                }
                position += block.count
            }
            initialized = position
        }
        blocks = []
        current = []
        return result
    }
}
