import Foundation

/// Results written by concurrent tasks, each into its own slot, guarded by a lock.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Value?) { lock.withLock { slots[i] = value } }
    func get(_ i: Int) -> Value? { lock.withLock { slots[i] } }
}
