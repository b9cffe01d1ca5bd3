import Foundation
import RiskScoring

/// `riskscore`: scores a CSV file with a frozen model. Parses its arguments by hand (the scoring runtime takes
/// no argument-parsing dependency), loads the model through the registry and runs ``ScoringJob``.
enum RiskScoreCommand {
    /// Exit status: every row was read (rejected rows are in the error file).
    static let success: Int32 = 0
    /// Exit status: the model, the input or an output failed, or reading stopped at a CSV syntax error.
    static let failure: Int32 = 1
    /// Exit status: the arguments are wrong.
    static let usageError: Int32 = 2

    static let usage = """
        usage: riskscore --model MODEL --input FILE --output FILE [--reasons N] [--format csv|jsonl]
                         [--errors FILE] [--threads N] [--id COLUMN] [--public-key FILE ...]

          --model MODEL       [REGISTRY/]NAME@ALIAS, [REGISTRY/]NAME@VERSION (registry folder default
                              "models"), or the path of a model.json (or of its folder)
          --input FILE        CSV with a header and a column per model feature; other columns pass through
          --output FILE       scores, written atomically
          --reasons N         reason codes per row (default 0: none; each costs a TreeSHAP pass a row)
          --format FORMAT     csv (default) or jsonl
          --errors FILE       rows that cannot be scored, with line, column and reason
                              (default: OUTPUT with .errors.csv in place of its extension)
          --threads N         threads, 0 for every core (default 0)
          --id COLUMN         the column written as each row's id (default: the first column that is not a
                              model feature)
          --public-key FILE   trust this Ed25519 public key (repeatable): unsigned models and models signed
                              by other keys are refused
          --help, --version
        """

    /// A command line that cannot be run, with what to fix.
    struct UsageError: Error, Equatable, CustomStringConvertible {
        var message: String
        var description: String { "riskscore: \(message)\n\(RiskScoreCommand.usage)" }
    }

    /// What the command line asks for.
    struct Arguments: Equatable {
        var model = ""
        var options = ScoringJob.Options(input: "", output: "")
        var publicKeys: [String] = []
        var help = false
        var version = false
    }

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws(UsageError) -> Arguments {
        var parsed = Arguments()
        var model: String?
        var input: String?
        var output: String?
        var index = 0
        func value(_ flag: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                throw UsageError(message: "\(flag) needs a value")
            }
            return arguments[index]
        }
        func count(_ flag: String, _ text: String) throws(UsageError) -> Int {
            guard let n = Int(text), n >= 0 else {
                throw UsageError(message: "\(flag) takes a whole number ≥ 0, found \"\(text)\"")
            }
            return n
        }
        while index < arguments.count {
            let argument = arguments[index]
            // `--flag=value` is accepted as well as `--flag value`.
            var flag = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            func next() throws(UsageError) -> String {
                if let inline { return inline }
                return try value(flag)
            }
            switch flag {
            case "--model": model = try next()
            case "--input": input = try next()
            case "--output": output = try next()
            case "--errors": parsed.options.errors = try next()
            case "--id": parsed.options.idColumn = try next()
            case "--public-key": parsed.publicKeys.append(try next())
            case "--reasons": parsed.options.reasons = try count(flag, try next())
            case "--threads": parsed.options.threads = try count(flag, try next())
            case "--format":
                let text = try next()
                guard let format = ScoringJob.OutputFormat(rawValue: text) else {
                    throw UsageError(message: "--format is csv or jsonl, found \"\(text)\"")
                }
                parsed.options.format = format
            case "--help", "-h": parsed.help = true
            case "--version": parsed.version = true
            default:
                throw UsageError(
                    message: argument.hasPrefix("-") ? "unknown option \(flag)" : "unexpected argument \"\(argument)\"")
            }
            index += 1
        }
        if parsed.help || parsed.version { return parsed }
        let absent = [("--model", model), ("--input", input), ("--output", output)].filter { $0.1 == nil }.map(\.0)
        guard absent.isEmpty else { throw UsageError(message: "missing \(absent.joined(separator: ", "))") }
        parsed.model = model ?? ""
        parsed.options.input = input ?? ""
        parsed.options.output = output ?? ""
        guard parsed.options.errorsPath != parsed.options.output else {
            throw UsageError(message: "--errors must differ from --output")
        }
        guard parsed.options.input != parsed.options.output, parsed.options.input != parsed.options.errorsPath else {
            throw UsageError(message: "--output and --errors must differ from --input, which they would replace")
        }
        return parsed
    }

    /// Runs the command; returns the exit status. Reports go to `standardOutput`, errors to `standardError`.
    static func main(
        _ arguments: [String], standardOutput: (String) -> Void = { print($0) },
        standardError: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) -> Int32 {
        let parsed: Arguments
        do {
            parsed = try parse(arguments)
        } catch {
            standardError(error.description)
            return usageError
        }
        if parsed.help {
            standardOutput(usage)
            return success
        }
        if parsed.version {
            standardOutput("riskscore \(Toolkit.version)")
            return success
        }
        var trusted: TrustedKeys?
        for path in parsed.publicKeys {
            do {
                let keys = try TrustedKeys.read(path: path)
                trusted = TrustedKeys(publicKeys: (trusted?.publicKeys ?? []) + keys.publicKeys)
            } catch {
                standardError("riskscore: \(error)")
                return failure
            }
        }
        let model: RiskModel
        let location: ModelRegistry.Location
        do {
            location = try ModelRegistry.locate(parsed.model)
            model = try ModelRegistry.load(parsed.model, trustedKeys: trusted)
        } catch {
            standardError("riskscore: \(error)")
            return failure
        }
        standardOutput(
            "model \(model.identity.name)@\(model.identity.version) (\(location.path)): "
                + "\(model.features.count) features, \(model.body.kind)"
                + (model.signature.map { ", signed by \($0.keyID)" } ?? ", unsigned"))
        do {
            let summary = try ScoringJob.run(scorer: Scorer(model: model), options: parsed.options)
            standardOutput(summary.description)
            return summary.stopped == nil ? success : failure
        } catch {
            standardError("riskscore: \(error)")
            return failure
        }
    }
}
