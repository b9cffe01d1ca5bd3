import Foundation

/// Writes SVG elements as text: escaped text and attributes, numbers in one fixed format, so the same chart
/// always gives the same bytes.
///
/// No scripts, no external fonts or style sheets: an SVG written here opens offline, on its own or inline in HTML.
public struct SVGWriter: Sendable {
    /// The elements written so far.
    public private(set) var body: String = ""

    /// An empty drawing.
    public init() {}

    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by their XML entities.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A coordinate: two decimals, trailing zeros dropped, never `-0` (`12.5`, `3`, `-0.25`); non-finite → `0`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Appends one element: `<name a="v" …>content</name>`, or `<name … />` without content; attribute values
    /// are escaped, `content` is written as given (escape text with ``escape(_:)``).
    public mutating func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
        body += "<" + name
        for (key, value) in attributes { body += " \(key)=\"\(Self.escape(value))\"" }
        if let content {
            body += ">" + content + "</" + name + ">\n"
        } else {
            body += "/>\n"
        }
    }

    /// A straight line.
    public mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dashed: Bool = false
    ) {
        var attributes = [
            ("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2)),
            ("stroke", stroke), ("stroke-width", Self.number(width)),
        ]
        if dashed { attributes.append(("stroke-dasharray", "5 4")) }
        element("line", attributes)
    }

    /// A rectangle.
    public mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
        title: String? = nil
    ) {
        var attributes = [
            ("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(max(0, width))),
            ("height", Self.number(max(0, height))), ("fill", fill),
        ]
        if let stroke { attributes.append(("stroke", stroke)) }
        element("rect", attributes, content: title.map { "<title>" + Self.escape($0) + "</title>" })
    }

    /// A circle.
    public mutating func circle(x: Double, y: Double, radius: Double, fill: String, title: String? = nil) {
        element(
            "circle", [("cx", Self.number(x)), ("cy", Self.number(y)), ("r", Self.number(radius)), ("fill", fill)],
            content: title.map { "<title>" + Self.escape($0) + "</title>" })
    }

    /// An open polyline through `points`.
    public mutating func polyline(
        _ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dashed: Bool = false
    ) {
        let list = points.map { Self.number($0.x) + "," + Self.number($0.y) }.joined(separator: " ")
        var attributes = [("points", list), ("fill", "none"), ("stroke", stroke), ("stroke-width", Self.number(width))]
        if dashed { attributes.append(("stroke-dasharray", "5 4")) }
        element("polyline", attributes)
    }

    /// Where a text's anchor point sits along it.
    public enum Anchor: String, Sendable {
        case start, middle, end
    }

    /// A text, escaped; `rotate` turns it about its anchor (−90 for a vertical axis title).
    public mutating func text(
        _ text: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12, fill: String = "#333",
        bold: Bool = false, rotate: Double? = nil
    ) {
        var attributes = [
            ("x", Self.number(x)), ("y", Self.number(y)), ("text-anchor", anchor.rawValue),
            ("font-size", Self.number(size)), ("fill", fill),
        ]
        if bold { attributes.append(("font-weight", "bold")) }
        if let rotate {
            attributes.append(("transform", "rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))"))
        }
        element("text", attributes, content: Self.escape(text))
    }

    /// The whole `<svg>` element of `width × height` around the body, with an accessible title; `standalone`
    /// adds the SVG namespace a separate `.svg` file needs (inline SVG in HTML needs none).
    public func document(width: Double, height: Double, title: String, standalone: Bool = false) -> String {
        (standalone ? "<svg xmlns=\"http://www.w3.org/2000/svg\" " : "<svg ")
            + "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
            + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\" "
            + "font-family=\"sans-serif\">\n<title>" + Self.escape(title) + "</title>\n" + body + "</svg>\n"
    }

    /// The approximate width of `text` at `size` (CJK characters are about twice as wide as Latin ones), for
    /// laying out labels and legends without measuring fonts.
    public static func textWidth(_ text: String, size: Double = 12) -> Double {
        text.unicodeScalars.reduce(0.0) { width, scalar in width + (scalar.value >= 0x2E80 ? 1.0 : 0.58) } * size
    }
}
