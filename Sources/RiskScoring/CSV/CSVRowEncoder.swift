#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A byte buffer that formats CSV records quickly, so that several threads can each format a block of rows
/// and one ``CSVWriter`` writes the blocks in order.
///
/// Separators are inserted automatically between the fields of a record; ``endRecord()`` ends it with LF.
/// Text is quoted only when it has to be (it contains a comma, a quote, CR or LF). Missing numbers (NaN) are
/// written as empty fields. A record made of one empty field is written as `""` so it is not a blank line.
///
/// ```swift
/// var row = CSVRowEncoder()
/// row.field("ACME, Inc.")      // "ACME, Inc."
/// row.field(3 as Float)         // 3
/// row.field(0.125, decimals: 2) // 0.12 (exactly as printf rounds)
/// row.endRecord()
/// ```
public struct CSVRowEncoder: Sendable {
    /// The formatted records.
    public private(set) var bytes: [UInt8]
    /// Fields written in the current record.
    private var fieldsInRecord = 0
    /// Whether the last field written was empty.
    private var lastFieldEmpty = false

    private static let powersOfTen: [UInt64] = (0...19).map { exponent in
        var p: UInt64 = 1
        for _ in 0..<exponent { p &*= 10 }
        return p
    }

    /// The largest number of decimals ``field(_:decimals:)`` accepts.
    public static let maximumDecimals = 17

    /// Creates an empty encoder that can hold `capacity` bytes before it grows.
    public init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends a text field, quoted only when it contains a comma, a quote, CR or LF.
    public mutating func field(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in append(text: utf8) }
    }

    /// Appends an integer field.
    public mutating func field(_ value: Int) {
        separate(empty: false)
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude.toUInt64, minimumCount: 1)
    }

    /// Appends a `Float` in a short text that reads back to the same value: whole numbers below 2²⁴ as
    /// integers (`3`, `12000000`), others in Swift's shortest round-trip form (`0.1`, `1e-07`, `3.4e+38`, `-0`);
    /// NaN as an empty field, infinities as `inf` and `-inf`.
    public mutating func field(_ value: Float) {
        if value.isNaN {
            emptyField()
            return
        }
        // Whole numbers below 2^24 (counts, flags, codes) are written as integers without formatting a Float;
        // -0 keeps its sign through the general path.
        if value.magnitude < 16_777_216, value == value.rounded(.towardZero), !(value == 0 && value.sign == .minus) {
            field(Int(value))
            return
        }
        separate(empty: false)
        // Swift's description is the shortest round-trip text and, at most 15 bytes, never allocates.
        var text = value.description
        text.withUTF8 { utf8 in
            var count = utf8.count
            if count >= 2, utf8[count - 2] == UInt8(ascii: "."), utf8[count - 1] == UInt8(ascii: "0") {
                count -= 2  // integral values without ".0"
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[0..<count]))
        }
    }

    /// Appends a `Double` with `decimals` digits after the point, trailing zeros removed.
    ///
    /// Rounds exactly as `printf("%.*f")` (the exact binary value, ties to even), then drops trailing zeros
    /// and a bare point; a result of zero is written `0`, never `-0`. NaN is an empty field, infinities are
    /// `inf` and `-inf`. Formatting uses 128-bit integer arithmetic and allocates nothing for values below
    /// about 1.8e19 / 10^decimals; larger values take a slower exact path.
    ///
    /// - Precondition: `0 <= decimals <= 17`.
    public mutating func field(_ value: Double, decimals: Int) {
        precondition(decimals >= 0 && decimals <= Self.maximumDecimals, "decimals must be in 0...17")
        if value.isNaN {
            emptyField()
            return
        }
        separate(empty: false)
        if value.isInfinite {
            appendASCII(value < 0 ? "-inf" : "inf")
            return
        }
        guard let scaled = Self.scaledRounded(value, decimals: decimals) else {
            appendPrintf(value, decimals: decimals)
            return
        }
        if scaled == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let unit = Self.powersOfTen[decimals]
        appendDigits(scaled / unit, minimumCount: 1)
        var fraction = scaled % unit
        if fraction != 0 {
            var digits = decimals
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            bytes.append(UInt8(ascii: "."))
            appendDigits(fraction, minimumCount: digits)
        }
    }

    /// Appends an empty field (a missing value).
    public mutating func emptyField() {
        separate(empty: true)
    }

    /// Ends the current record with LF.
    public mutating func endRecord() {
        if fieldsInRecord == 1, lastFieldEmpty {
            // A lone empty field would be a blank line, which readers skip.
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(0x0A)
        fieldsInRecord = 0
        lastFieldEmpty = false
    }

    /// Appends one record of text fields.
    public mutating func record(_ fields: [String]) {
        for text in fields { field(text) }
        endRecord()
    }

    /// Removes all bytes, keeping the capacity by default so the encoder can be reused without allocating.
    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
        fieldsInRecord = 0
        lastFieldEmpty = false
    }

    // MARK: - Helpers

    private mutating func separate(empty: Bool) {
        if fieldsInRecord > 0 { bytes.append(UInt8(ascii: ",")) }
        fieldsInRecord += 1
        lastFieldEmpty = empty
    }

    private mutating func append(text utf8: UnsafeBufferPointer<UInt8>) {
        guard !utf8.isEmpty else {
            emptyField()
            return
        }
        separate(empty: false)
        let quote = UInt8(ascii: "\"")
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(quote)
        for byte in utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(quote) }
        }
        bytes.append(quote)
    }

    private mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends the decimal digits of `value`, left-padded with zeros to `minimumCount`.
    private mutating func appendDigits(_ value: UInt64, minimumCount: Int) {
        var count = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        count = max(count, minimumCount)
        let old = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        bytes.withUnsafeMutableBufferPointer { out in
            var v = value
            var i = old + count - 1
            while v > 0 {
                out[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
                v /= 10
                i -= 1
            }
        }
    }

    /// `|value| * 10^decimals` rounded to the nearest integer, ties to even, computed exactly; nil when it
    /// does not fit in 64 bits.
    ///
    /// ```
    /// |value| = m · 2^e  ⇒  |value| · 10^d = (m · 10^d) · 2^e,  m < 2^53, 10^d < 2^57: a 128-bit product
    /// ```
    static func scaledRounded(_ value: Double, decimals: Int) -> UInt64? {
        let bits = value.bitPattern
        let exponentBits = Int((bits >> 52) & 0x7FF)
        var m = bits & ((1 << 52) - 1)
        let e: Int
        if exponentBits == 0 {
            e = -1074
        } else {
            m |= 1 << 52
            e = exponentBits - 1075
        }
        if m == 0 { return 0 }
        let (hi, lo) = m.multipliedFullWidth(by: powersOfTen[decimals])
        if e >= 0 {
            guard hi == 0, e < 64 else { return nil }
            if e == 0 { return lo }
            guard lo >> (64 - e) == 0 else { return nil }
            return lo << e
        }
        let s = -e
        if s >= 128 { return 0 }  // the product is below 2^117, so less than half of 2^s
        var q: UInt64
        var remHigh: UInt64
        var remLow: UInt64
        var halfHigh: UInt64 = 0
        var halfLow: UInt64 = 0
        if s < 64 {
            guard hi >> s == 0 else { return nil }
            q = (hi << (64 - s)) | (lo >> s)
            remHigh = 0
            remLow = lo & ((1 << s) - 1)
            halfLow = 1 << (s - 1)
        } else if s == 64 {
            q = hi
            remHigh = 0
            remLow = lo
            halfLow = 1 << 63
        } else {
            q = hi >> (s - 64)
            remHigh = hi & ((1 << (s - 64)) - 1)
            remLow = lo
            halfHigh = 1 << (s - 65)
        }
        let above = remHigh > halfHigh || (remHigh == halfHigh && remLow > halfLow)
        let tie = remHigh == halfHigh && remLow == halfLow
        if above || (tie && q & 1 == 1) {
            guard q < UInt64.max else { return nil }
            q += 1
        }
        return q
    }

    /// The slow exact path for huge values: the C library's `%.*f`, trimmed like the fast path.
    private mutating func appendPrintf(_ value: Double, decimals: Int) {
        var text = [CChar](repeating: 0, count: 400)
        let written = text.withUnsafeMutableBufferPointer { out in
            withVaList([Int32(decimals), value]) { args in
                vsnprintf(out.baseAddress, out.count, "%.*f", args)
            }
        }
        var count = Int(max(0, min(written, Int32(text.count - 1))))
        if text[0..<count].contains(CChar(UInt8(ascii: "."))) {
            while count > 0, text[count - 1] == CChar(UInt8(ascii: "0")) { count -= 1 }
            if count > 0, text[count - 1] == CChar(UInt8(ascii: ".")) { count -= 1 }
        }
        for i in 0..<count { bytes.append(UInt8(bitPattern: text[i])) }
    }
}

extension UInt {
    fileprivate var toUInt64: UInt64 { UInt64(self) }
}
