/// Checks markup the report writers emit is well-formed enough: every element opened is closed, in order.
enum MarkupChecker {
    /// Elements written without a closing tag.
    static let voidElements: Set<String> = ["meta", "br", "hr", "img", "link", "input"]

    /// The tag names in order of opening, or the first problem found.
    static func balanced(_ markup: String) -> (ok: Bool, problem: String) {
        var stack: [String] = []
        var index = markup.startIndex
        while let open = markup[index...].firstIndex(of: "<") {
            guard let close = markup[open...].firstIndex(of: ">") else { return (false, "unclosed <") }
            let tag = markup[markup.index(after: open)..<close]
            index = markup.index(after: close)
            if tag.hasPrefix("!") { continue }
            let selfClosing = tag.hasSuffix("/")
            let closing = tag.hasPrefix("/")
            let name = String(
                tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
            ).lowercased()
            if closing {
                guard stack.last == name else { return (false, "</\(name)> closes <\(stack.last ?? "nothing")>") }
                stack.removeLast()
            } else if !selfClosing && !voidElements.contains(name) {
                stack.append(name)
            }
        }
        return stack.isEmpty ? (true, "") : (false, "unclosed <\(stack.joined(separator: "> <"))>")
    }

    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
