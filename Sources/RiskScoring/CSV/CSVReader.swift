#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming RFC 4180 CSV reader: one record at a time, from a file read in chunks.
///
/// The reader accepts what spreadsheets and databases write: fields quoted with `"` and quotes inside them
/// doubled (`""`), line breaks inside quoted fields, LF or CRLF line ends (and a lone CR), UTF-8 with or without
/// a byte order mark, a last line with or without a line break. Blank lines at the end of the file are ignored;
/// a blank line before other records is a record with one empty field (so a ragged row unless the file has one
/// column). Line numbers in errors are physical lines, and stay right after quoted line breaks.
///
/// The header is read when the reader is created; names must be non-empty and unique. Every record must have
/// as many fields as the header. A quote in the middle of an unquoted field is kept as an ordinary character.
///
/// ```swift
/// let reader = try CSVReader(path: "table.csv")
/// var record = CSVRecord()
/// while try reader.next(into: &record) {
///     let income = record.float(3)  // nil when empty or not a number
/// }
/// ```
///
/// - Complexity: O(n) in the file size; memory is one chunk plus the longest record.
public final class CSVReader {
    /// The chunk size used when none is given: 1 MiB.
    public static let defaultChunkSize = 1 << 20

    /// The file name shown in errors.
    public let name: String
    /// The column names of the header, in file order.
    public private(set) var header: [String] = []

    private enum Source {
        case file(Int32)
        case memory([UInt8], offset: Int)
    }

    private enum ScanResult {
        /// A record ends at `end`; `breaks` counts line breaks inside quoted fields.
        case record(end: Int, fields: Int, breaks: Int, terminated: Bool)
        case needMore
        case endOfData
        case failure(CSVError.Kind, breaks: Int, field: Int)
    }

    private var source: Source
    private let chunkSize: Int
    /// Unconsumed bytes are `buffer[start..<end]`.
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEndOfInput = false
    /// The physical line of `buffer[start]`.
    private var line = 1
    /// Where the last scanned record started, so the header can be scanned again with more room.
    private var lastRecordStart = 0
    private var lastRecordLine = 1

    /// Opens the CSV file at `path` and reads its header.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - chunkSize: Bytes read from the file at a time (default 1 MiB); tests use tiny chunks.
    /// - Throws: `CSVError` when the file cannot be opened or read, or its header is missing, not UTF-8,
    ///   or has empty or duplicate names.
    public init(path: String, chunkSize: Int = CSVReader.defaultChunkSize) throws(CSVError) {
        precondition(chunkSize > 0, "chunkSize must be positive")
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CSVError(.cannotOpen(reason: Self.systemError()), file: path)
        }
        self.name = path
        self.source = .file(fd)
        self.chunkSize = chunkSize
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
        try readHeader()
    }

    /// Reads CSV from bytes in memory, named `name` in errors.
    ///
    /// - Parameters:
    ///   - bytes: The whole CSV text.
    ///   - name: The name shown in errors.
    ///   - chunkSize: When given, the bytes are fed to the parser this many at a time, as a file would be.
    /// - Throws: `CSVError` when the header is missing, not UTF-8, or has empty or duplicate names.
    public init(bytes: [UInt8], name: String = "<memory>", chunkSize: Int? = nil) throws(CSVError) {
        precondition((chunkSize ?? 1) > 0, "chunkSize must be positive")
        self.name = name
        if let chunkSize {
            self.source = .memory(bytes, offset: 0)
            self.chunkSize = chunkSize
            self.buffer = [UInt8](repeating: 0, count: chunkSize)
        } else {
            self.source = .memory([], offset: 0)
            self.chunkSize = max(bytes.count, 1)
            self.buffer = bytes
            self.end = bytes.count
            self.atEndOfInput = true
        }
        try readHeader()
    }

    deinit {
        if case .file(let fd) = source { _ = close(fd) }
    }

    /// Reads the next record into `record`; false at the end of the data.
    ///
    /// The record's storage is reused, so reading allocates nothing once the record has grown to the
    /// longest record. After an error the reader is positioned after the offending record when it could be
    /// delimited (ragged rows), so a caller may report it and continue.
    ///
    /// - Throws: `CSVError` for a ragged row, an unterminated quote, a character after a closing quote, or a
    ///   read failure.
    public func next(into record: inout CSVRecord) throws(CSVError) -> Bool {
        let expected = header.count
        guard try scanRecord(into: &record, capacity: expected) else { return false }
        guard record.count == expected else {
            throw CSVError(.raggedRow(expected: expected, found: record.count), file: name, line: record.line)
        }
        if record.file != name { record.file = name }
        if record.header.count != header.count { record.header = header }
        return true
    }

    /// Restarts reading at the first record after the header.
    ///
    /// - Throws: `CSVError` when the file cannot be read again.
    public func rewind() throws(CSVError) {
        switch source {
        case .file(let fd):
            guard lseek(fd, 0, SEEK_SET) == 0 else {
                throw CSVError(.cannotRead(reason: Self.systemError()), file: name)
            }
            start = 0
            end = 0
            atEndOfInput = false
        case .memory(let bytes, _):
            if buffer.count == end, atEndOfInput, bytes.isEmpty {
                start = 0  // The whole input is the buffer.
            } else {
                source = .memory(bytes, offset: 0)
                start = 0
                end = 0
                atEndOfInput = false
            }
        }
        line = 1
        try readHeader()
    }

    // MARK: - Header

    private func readHeader() throws(CSVError) {
        try skipByteOrderMark()
        var record = CSVRecord()
        var capacity = 16
        while true {
            guard try scanRecord(into: &record, capacity: capacity) else {
                throw CSVError(.missingHeader, file: name, line: 1)
            }
            if record.count <= capacity { break }
            // More names than room: read the header again with room for all.
            (start, line) = (lastRecordStart, lastRecordLine)
            capacity = record.count
        }
        record.file = name
        var names: [String] = []
        var seen: Set<String> = []
        names.reserveCapacity(record.count)
        for i in 0..<record.count {
            let text = try record.string(i)
            guard !text.isEmpty else {
                throw CSVError(.emptyHeader, file: name, line: record.line(ofField: i), column: i + 1)
            }
            guard seen.insert(text).inserted else {
                throw CSVError(
                    .duplicateHeader(name: text), file: name, line: record.line(ofField: i), column: i + 1,
                    columnName: text)
            }
            names.append(text)
        }
        header = names
    }

    private func skipByteOrderMark() throws(CSVError) {
        while end - start < 3, !atEndOfInput { try refill() }
        if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
            start += 3
        }
    }

    // MARK: - Records

    /// Scans one record into `record`, refilling as needed; false at the end of the data.
    private func scanRecord(into record: inout CSVRecord, capacity: Int) throws(CSVError) -> Bool {
        if record.bounds.count < 2 * capacity {
            record.bounds = [Int](repeating: 0, count: 2 * capacity)
        }
        while true {
            switch scan(&record.bounds, capacity: capacity) {
            case .needMore:
                try refill()
            case .endOfData:
                start = end
                return false
            case .failure(let kind, let breaks, let field):
                throw CSVError(
                    kind, file: name, line: line + breaks, column: field + 1,
                    columnName: field < header.count ? header[field] : nil)
            case .record(let recordEnd, let fields, let breaks, let terminated):
                record.line = line
                record.count = fields
                record.spansLines = breaks > 0
                let recordStart = start
                (lastRecordStart, lastRecordLine) = (start, line)
                buffer.withUnsafeBufferPointer { all in
                    record.storage.removeAll(keepingCapacity: true)
                    record.storage.append(contentsOf: UnsafeBufferPointer(rebasing: all[recordStart..<recordEnd]))
                }
                Self.unquote(&record, fields: min(fields, capacity))
                start = recordEnd
                line += breaks + (terminated ? 1 : 0)
                return true
            }
        }
    }

    /// Finds the fields of the record at `buffer[start...]`, writing at most `capacity` bounds (relative to
    /// the record start; quoted fields include their quotes).
    ///
    /// Returns `.needMore` when the record may continue past the buffered bytes; the caller refills and
    /// scans again from the record's start.
    private func scan(_ bounds: inout [Int], capacity: Int) -> ScanResult {
        let lf: UInt8 = 0x0A
        let cr: UInt8 = 0x0D
        let comma = UInt8(ascii: ",")
        let quote = UInt8(ascii: "\"")
        let s = start
        let e = end
        let eof = atEndOfInput
        return buffer.withUnsafeBufferPointer { buf -> ScanResult in
            bounds.withUnsafeMutableBufferPointer { bounds -> ScanResult in
                var p = s
                if p == e { return eof ? .endOfData : .needMore }
                if buf[p] == lf || buf[p] == cr {
                    // Blank lines are ignored only when nothing but line breaks follows.
                    var q = p
                    while q < e, buf[q] == lf || buf[q] == cr { q += 1 }
                    if q == e { return eof ? .endOfData : .needMore }
                }
                var breaks = 0
                var field = 0
                while true {
                    let fieldStart = p
                    if p < e, buf[p] == quote {
                        let fieldBreaks = breaks
                        p += 1
                        while true {
                            while p < e {
                                let c = buf[p]
                                if c == quote { break }
                                if c == lf {
                                    breaks += 1
                                } else if c == cr {
                                    if p + 1 < e {
                                        if buf[p + 1] != lf { breaks += 1 }
                                    } else if eof {
                                        breaks += 1
                                    } else {
                                        return .needMore
                                    }
                                }
                                p += 1
                            }
                            if p == e {
                                return eof ? .failure(.unterminatedQuote, breaks: fieldBreaks, field: field) : .needMore
                            }
                            if p + 1 < e {
                                if buf[p + 1] == quote {
                                    p += 2
                                    continue
                                }
                            } else if !eof {
                                return .needMore
                            }
                            p += 1
                            break
                        }
                        if p < e {
                            let c = buf[p]
                            if c != comma, c != lf, c != cr {
                                // One character only, so the message does not depend on what is buffered.
                                let found = c < 0x80 ? String(UnicodeScalar(c)) : "\u{FFFD}"
                                return .failure(
                                    .unexpectedCharacterAfterQuote(found: found), breaks: breaks, field: field)
                            }
                        } else if !eof {
                            return .needMore
                        }
                    } else {
                        while p < e {
                            let c = buf[p]
                            if c == comma || c == lf || c == cr { break }
                            p += 1
                        }
                        if p == e, !eof { return .needMore }
                    }
                    if field < capacity {
                        bounds[2 * field] = fieldStart - s
                        bounds[2 * field + 1] = p - s
                    }
                    field += 1
                    if p == e { return .record(end: p, fields: field, breaks: breaks, terminated: false) }
                    let c = buf[p]
                    if c == comma {
                        p += 1
                        continue
                    }
                    if c == lf { return .record(end: p + 1, fields: field, breaks: breaks, terminated: true) }
                    // A carriage return: CRLF, or a lone CR.
                    if p + 1 < e {
                        return .record(
                            end: buf[p + 1] == lf ? p + 2 : p + 1, fields: field, breaks: breaks, terminated: true)
                    }
                    return eof ? .record(end: p + 1, fields: field, breaks: breaks, terminated: true) : .needMore
                }
            }
        }
    }

    /// Removes the quotes of quoted fields and turns each `""` inside them into `"`, in place.
    private static func unquote(_ record: inout CSVRecord, fields: Int) {
        let quote = UInt8(ascii: "\"")
        record.storage.withUnsafeMutableBufferPointer { bytes in
            record.bounds.withUnsafeMutableBufferPointer { bounds in
                for i in 0..<fields {
                    let fieldStart = bounds[2 * i]
                    let fieldEnd = bounds[2 * i + 1]
                    guard fieldStart < fieldEnd, bytes[fieldStart] == quote else { continue }
                    // Content lies between the opening and the closing quote.
                    var read = fieldStart + 1
                    var write = fieldStart + 1
                    let contentEnd = fieldEnd - 1
                    while read < contentEnd {
                        let c = bytes[read]
                        bytes[write] = c
                        write += 1
                        read += c == quote ? 2 : 1
                    }
                    bounds[2 * i] = fieldStart + 1
                    bounds[2 * i + 1] = write
                }
            }
        }
    }

    // MARK: - Input

    /// Moves the unconsumed bytes to the front and appends up to one chunk from the source.
    private func refill() throws(CSVError) {
        precondition(!atEndOfInput, "refill after the end of input")
        if start > 0 {
            let remaining = end - start
            let from = start
            buffer.withUnsafeMutableBufferPointer { b in
                if remaining > 0, let base = b.baseAddress { memmove(base, base + from, remaining) }
            }
            end = remaining
            start = 0
        }
        if end == buffer.count {
            // A record longer than the buffer: grow it.
            buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, chunkSize)))
        }
        let wanted = min(chunkSize, buffer.count - end)
        var got = 0
        switch source {
        case .file(let fd):
            while got < wanted {
                let offset = end + got
                let n = buffer.withUnsafeMutableBufferPointer { b in
                    read(fd, b.baseAddress.map { $0 + offset }, wanted - got)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CSVError(.cannotRead(reason: Self.systemError()), file: name, line: line)
                }
                if n == 0 { break }
                got += n
            }
        case .memory(let bytes, let offset):
            got = min(wanted, bytes.count - offset)
            let at = end
            buffer.withUnsafeMutableBufferPointer { b in
                for i in 0..<got { b[at + i] = bytes[offset + i] }
            }
            source = .memory(bytes, offset: offset + got)
        }
        end += got
        if got < wanted { atEndOfInput = true }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
