#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses the ASCII decimal numbers of CSV fields without creating strings.
///
/// The accepted syntax is strict, so that a stray space or a `n/a` is reported rather than guessed at:
///
/// ```
/// number   = [ "+" | "-" ] ( digits [ "." [ digits ] ] | "." digits ) [ ( "e" | "E" ) [ "+" | "-" ] digits ]
/// integer  = [ "+" | "-" ] digits
/// ```
///
/// No spaces, no thousands separators, no hexadecimal, and no `inf` or `nan` (they are not data). Results are
/// correctly rounded, exactly as `Float(String)` and `Double(String)`: the common case (at most 17 significant
/// digits and a small decimal exponent) is computed with one exact division or multiplication in `Double`;
/// everything else falls back to the C library's `strtof`/`strtod`.
enum CSVNumberParser {
    /// The decimal fields of a syntactically valid number.
    private struct Decimal {
        var negative = false
        var mantissa: UInt64 = 0
        var exponent = 0
        var truncated = false
    }

    /// Powers of ten exactly representable in `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Scans `bytes` as a number; nil when the syntax is not the one documented on the type.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var d = Decimal()
        var i = 0
        let n = bytes.count
        guard n > 0 else { return nil }
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            d.negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        // Digits accumulate while the mantissa is below 10^17 (so it never overflows); leading zeros keep it
        // at 0 and cost nothing. Later digits only move the decimal exponent, or mark the value truncated.
        let limit: UInt64 = 100_000_000_000_000_000
        let integerStart = i
        while i < n {
            let digit = bytes[i] &- 48
            if digit >= 10 { break }
            if d.mantissa < limit {
                d.mantissa = d.mantissa &* 10 &+ UInt64(digit)
            } else {
                d.exponent += 1
                if digit != 0 { d.truncated = true }
            }
            i += 1
        }
        var digits = i - integerStart
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < n {
                let digit = bytes[i] &- 48
                if digit >= 10 { break }
                if d.mantissa < limit {
                    d.mantissa = d.mantissa &* 10 &+ UInt64(digit)
                    d.exponent -= 1
                } else if digit != 0 {
                    d.truncated = true
                }
                i += 1
            }
            digits += i - fractionStart
        }
        guard digits > 0 else { return nil }
        if i < n, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var negativeExponent = false
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                negativeExponent = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while i < n, bytes[i] &- 48 < 10 {
                // Saturate: any exponent past 10^6 already over- or underflows every format.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[i] &- 48) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            d.exponent += negativeExponent ? -exponent : exponent
        }
        guard i == n else { return nil }
        return d
    }

    /// The exactly computed `Double` value of `d`, or nil when the fast path does not apply.
    private static func fastDouble(_ d: Decimal) -> Double? {
        guard !d.truncated, d.mantissa <= 1 << 53, d.exponent >= -22, d.exponent <= 22 else { return nil }
        // Both operands are exact, so the single operation rounds correctly.
        let m = Double(d.mantissa)
        let value = d.exponent < 0 ? m / powersOfTen[-d.exponent] : m * powersOfTen[d.exponent]
        return d.negative ? -value : value
    }

    /// Parses `bytes` as a `Double`; nil when it is not a number or overflows to infinity.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let d = scan(bytes) else { return nil }
        if d.mantissa == 0, !d.truncated { return d.negative ? -0.0 : 0.0 }
        let value = fastDouble(d) ?? withCString(bytes) { strtod($0, nil) }
        return value.isFinite ? value : nil
    }

    /// Parses `bytes` as a `Float`; nil when it is not a number or overflows to infinity.
    static func float(_ bytes: UnsafeBufferPointer<UInt8>) -> Float? {
        guard let d = scan(bytes) else { return nil }
        if d.mantissa == 0, !d.truncated { return d.negative ? -0.0 : 0.0 }
        if let wide = fastDouble(d), wide.magnitude >= Double(Float.leastNormalMagnitude) {
            // Rounding the correctly rounded Double to Float is correct unless the Double sits exactly on a
            // midpoint between two Floats (its low 29 significand bits are 1 followed by zeros).
            if wide.bitPattern & 0x1FFF_FFFF != 0x1000_0000 {
                let value = Float(wide)
                return value.isFinite ? value : nil
            }
        }
        let value = withCString(bytes) { strtof($0, nil) }
        return value.isFinite ? value : nil
    }

    /// Parses `bytes` as an `Int`; nil when it is not an integer or does not fit.
    static func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < n else { return nil }
        var magnitude: UInt64 = 0
        while i < n {
            let digit = bytes[i] &- 48
            guard digit < 10 else { return nil }
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return nil }
            magnitude = sum
            i += 1
        }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { return nil }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int.max) else { return nil }
        return Int(magnitude)
    }

    /// Calls `body` with a NUL-terminated copy of `bytes` (only reached on the rare slow path).
    private static func withCString<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<CChar>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for i in 0..<bytes.count { buffer[i] = CChar(bitPattern: bytes[i]) }
            buffer[bytes.count] = 0
            return body(UnsafePointer(buffer.baseAddress!))
        }
    }
}
