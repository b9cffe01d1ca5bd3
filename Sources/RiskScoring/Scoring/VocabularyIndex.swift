/// A categorical feature's vocabulary as a lookup from a category's UTF-8 bytes to its code, without creating
/// a string: an open-addressing table hashed with FNV-1a, probed linearly, comparing bytes.
///
/// Built once per ``Scorer``; lookups allocate nothing, so the batch path can map millions of fields.
///
/// - Complexity: O(length of the category) a lookup on average.
struct VocabularyIndex: Sendable {
    /// The categories' bytes, one after the other.
    private let bytes: [UInt8]
    /// Per category: where its bytes start in `bytes`, and where they end.
    private let starts: [Int]
    private let ends: [Int]
    /// Per slot: a category's code, or -1 for an empty slot. The table is at least twice the vocabulary.
    private let slots: [Int32]

    /// An index of `vocabulary`: category `vocabulary[c]` gets the code `c`. A repeated category keeps its
    /// first code.
    init(_ vocabulary: [String]) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var ends: [Int] = []
        for category in vocabulary {
            starts.append(bytes.count)
            bytes.append(contentsOf: category.utf8)
            ends.append(bytes.count)
        }
        var size = 8
        while size < 2 * vocabulary.count { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        bytes.withUnsafeBufferPointer { all in
            for code in vocabulary.indices {
                let key = UnsafeBufferPointer(rebasing: all[starts[code]..<ends[code]])
                var slot = Self.hash(key) & (size - 1)
                var duplicate = false
                while slots[slot] >= 0 {
                    let other = Int(slots[slot])
                    if all[starts[other]..<ends[other]].elementsEqual(key) {
                        duplicate = true
                        break
                    }
                    slot = (slot + 1) & (size - 1)
                }
                if !duplicate { slots[slot] = Int32(code) }
            }
        }
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
        self.slots = slots
    }

    /// The number of categories.
    var count: Int { starts.count }

    /// The code of the category whose UTF-8 bytes are `key`, or nil when it is not in the vocabulary.
    func code(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        return bytes.withUnsafeBufferPointer { all -> Int? in
            while true {
                let code = Int(slots[slot])
                if code < 0 { return nil }
                let stored = UnsafeBufferPointer(rebasing: all[starts[code]..<ends[code]])
                if stored.count == key.count, stored.elementsEqual(key) { return code }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The code of `category`, or nil when it is not in the vocabulary.
    func code(of category: String) -> Int? {
        var category = category
        return category.withUTF8 { code(of: $0) }
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}
