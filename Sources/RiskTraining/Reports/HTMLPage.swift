/// A self-contained HTML page built element by element: UTF-8, inline CSS, text always escaped, no scripts and no
/// external resources, so the file opens offline and prints as it shows.
public struct HTMLPage: Sendable {
    /// The page's language (`en`, `zh-CN`), written as `<html lang=…>`.
    public var language: String
    public var title: String
    /// The body's elements so far.
    public private(set) var body: String = ""

    public init(language: String, title: String) {
        self.language = language
        self.title = title
    }

    /// `text` escaped for HTML text and attribute values.
    public static func escape(_ text: String) -> String { SVGWriter.escape(text) }

    /// A heading `<hN id=…>`.
    public mutating func heading(_ text: String, level: Int = 2, id: String? = nil) {
        let anchor = id.map { " id=\"\(Self.escape($0))\"" } ?? ""
        body += "<h\(level)\(anchor)>\(Self.escape(text))</h\(level)>\n"
    }

    /// A paragraph of escaped text, with an optional class (`verdict ok`, `note`).
    public mutating func paragraph(_ text: String, class name: String? = nil) {
        let attribute = name.map { " class=\"\(Self.escape($0))\"" } ?? ""
        body += "<p\(attribute)>\(Self.escape(text))</p>\n"
    }

    /// Markup written as given (an `<svg>` from a chart writer).
    public mutating func raw(_ html: String) {
        body += html
    }

    /// Opens and closes a `<section id=…>` around `content`.
    public mutating func section(id: String, _ content: (inout HTMLPage) -> Void) {
        body += "<section id=\"\(Self.escape(id))\">\n"
        content(&self)
        body += "</section>\n"
    }

    /// Charts side by side, wrapping on narrow screens.
    public mutating func figures(_ svgs: [String]) {
        body += "<div class=\"figures\">\n" + svgs.map { "<figure>\n\($0)</figure>\n" }.joined() + "</div>\n"
    }

    /// A table of escaped text; `rowClasses[i]` marks row `i` (`break`, `noise`); cells from column `numericFrom`
    /// on that start like a number (a digit, a sign or a dash) are right-aligned.
    public mutating func table(header: [String], rows: [[String]], rowClasses: [String?] = [], numericFrom: Int = 1) {
        func cells(_ values: [String], tag: String) -> String {
            values.enumerated().map { index, value in
                let numeric = value.first.map { $0.isNumber || "-+–".contains($0) } ?? false
                let align = index >= numericFrom && tag == "td" && numeric ? " class=\"n\"" : ""
                return "<\(tag)\(align)>\(Self.escape(value))</\(tag)>"
            }.joined()
        }
        body += "<table>\n<thead><tr>" + cells(header, tag: "th") + "</tr></thead>\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            let name = index < rowClasses.count ? rowClasses[index] : nil
            body += (name.map { "<tr class=\"\(Self.escape($0))\">" } ?? "<tr>") + cells(row, tag: "td") + "</tr>\n"
        }
        body += "</tbody>\n</table>\n"
    }

    /// The page's inline style sheet: system fonts only, readable on screen and paper.
    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;\
        color:#222;max-width:1120px;margin:24px auto;padding:0 16px;line-height:1.45}
        h1{font-size:24px;margin-bottom:4px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #ddd;\
        padding-bottom:4px}
        table{border-collapse:collapse;margin:10px 0;font-size:13px}th,td{border:1px solid #ddd;padding:3px 8px}\
        th{background:#f4f6f8;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
        tr.break td{background:#fde2e1}tr.noise td{background:#fff6d6}
        .verdict{font-size:17px;font-weight:bold;padding:8px 12px;border-radius:4px}\
        .ok{background:#e3f4e6;color:#14532d}.bad{background:#fde2e1;color:#7f1d1d}
        .meta{color:#555}.note{color:#555;font-size:13px}
        .figures{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}
        @media print{h2{break-after:avoid}figure,table{break-inside:avoid}}
        """

    /// The whole document.
    public func document() -> String {
        "<!DOCTYPE html>\n<html lang=\"\(Self.escape(language))\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>\(Self.escape(title))</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n" + body
            + "</body>\n</html>\n"
    }
}
