/// A fixed-size buffer that parallel tasks read and write at disjoint indices.
///
/// The trainer's tasks each own a range (one feature's histogram bins, one block of rows), so no two tasks
/// touch the same element; the buffer is `@unchecked Sendable` on that promise.
final class SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        self.count = count
        base = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }
}

/// Memory owned elsewhere (an array being initialized, say) that parallel tasks write at disjoint indices,
/// on the same promise as ``SharedBuffer``.
struct SharedPointer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>?

    init(_ buffer: UnsafeMutableBufferPointer<Element>) { base = buffer.baseAddress }

    /// Initializes the element at `index` (memory not yet initialized).
    @inline(__always)
    func initialize(_ index: Int, to value: Element) { (base.unsafelyUnwrapped + index).initialize(to: value) }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base.unsafelyUnwrapped[index] }
        nonmutating set { base.unsafelyUnwrapped[index] = newValue }
    }
}
