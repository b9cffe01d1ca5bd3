import Dispatch
import Foundation

/// Deterministic data parallelism: work is split into numbered tasks whose results come back in task order,
/// so the outcome never depends on how many threads ran them.
public enum Parallel {
    /// Runs `body(task)` for `task` in `0..<count` on up to `threads` threads (0 = all cores) and returns the
    /// results in task order.
    public static func map<T: Sendable>(_ count: Int, threads: Int = 0, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let results = ResultSlots<T>(count: count)
        let workers = min(count, threads > 0 ? threads : ProcessInfoCores.active)
        if workers <= 1 {
            for task in 0..<count { results.store(body(task), at: task) }
        } else {
            // Workers take tasks in blocks of one from a shared counter; results land in their own slots.
            let next = TaskCounter()
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let task = next.take(below: count) { results.store(body(task), at: task) }
            }
        }
        return results.collect()
    }

    /// Runs `body(&items[task], task)` for every task on up to `threads` threads (0 = all cores), updating the
    /// items in place, and returns the results in task order.
    ///
    /// Each item is moved out of the array before `body` mutates it and moved back afterwards, so an item
    /// whose storage (arrays, say) is referenced nowhere else is mutated without copy-on-write copies; with
    /// `map` over a captured array every mutated item would copy all its arrays first.
    public static func map<T: Sendable, U: Sendable>(
        updating items: inout [T], threads: Int = 0, _ body: @Sendable (inout T, Int) -> U
    ) -> [U] {
        let slots = ItemSlots(items)
        items = []  // the slots now hold the only reference to each item
        let results = map(slots.count, threads: threads) { task in
            var item = slots.take(task)
            let result = body(&item, task)
            slots.put(item, at: task)
            return result
        }
        items = slots.collect()
        return results
    }
}

/// Items lent to tasks one at a time: `take` moves an item out, `put` moves it back.
private final class ItemSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    let count: Int
    init(_ items: [T]) {
        slots = items.map { $0 }
        count = slots.count
    }
    func take(_ index: Int) -> T {
        let item: T? = lock.withLock { slots[index].take() }
        guard let item else { preconditionFailure("Parallel.map(updating:): item \(index) taken twice") }
        return item
    }
    func put(_ item: consuming T, at index: Int) {
        lock.lock()
        slots[index] = item
        lock.unlock()
    }
    func collect() -> [T] {
        lock.withLock {
            let items = slots.map { slot in
                guard let item = slot else { preconditionFailure("Parallel.map(updating:): an item was not returned") }
                return item
            }
            slots = []
            return items
        }
    }
}

/// The number of cores this process may use.
enum ProcessInfoCores {
    static let active: Int = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}

/// A lock-protected counter handing out task numbers.
private final class TaskCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}

/// One slot per task; each slot is written by exactly one task, then read after all tasks finished.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ value: T, at index: Int) { lock.withLock { slots[index] = value } }
    func collect() -> [T] {
        slots.map { slot in
            guard let value = slot else { preconditionFailure("Parallel.map: a task produced no result") }
            return value
        }
    }
}
