extension RiskModel {
    /// `calibration`: the string `"identity"` (format 1.0 and 1.1), or an object naming a fitted kind with its
    /// parameters (format 1.1):
    /// `{"kind": "platt", "slope": a, "intercept": b}` or
    /// `{"kind": "isotonic", "thresholds": [...], "values": [...]}`.
    static func decodeCalibration(_ value: JSONValue, _ d: ModelDecoder) throws(ModelFormatError) -> Calibration {
        if case .string(let text) = value {
            guard text == "identity" else {
                throw d.fail(
                    .invalidValue(
                        path: "calibration", found: "\"\(text)\"",
                        expected: "\"identity\", or an object {\"kind\": \"platt\" or \"isotonic\", …}"))
            }
            return .identity
        }
        let m = try d.object(value, "calibration")
        let kind = try d.string(
            try d.required(m, "kind", "calibration", expected: "a calibration kind"), "calibration.kind")
        switch kind {
        case "identity":
            return .identity
        case "platt":
            let slope = try d.double(
                try d.required(m, "slope", "calibration", expected: "a positive number"), "calibration.slope")
            guard slope > 0 else {
                throw d.fail(
                    .invalidValue(
                        path: "calibration.slope", found: "\(slope)",
                        expected: "a positive number (a calibration keeps the order of margins)"))
            }
            let intercept = try d.double(
                try d.required(m, "intercept", "calibration", expected: "a number"), "calibration.intercept")
            return .platt(PlattScaling(slope: slope, intercept: intercept))
        case "isotonic":
            let thresholds = try d.doubles(
                try d.required(m, "thresholds", "calibration", expected: "increasing probabilities"),
                "calibration.thresholds")
            let values = try d.doubles(
                try d.required(m, "values", "calibration", expected: "non-decreasing probabilities"),
                "calibration.values")
            let isotonic = IsotonicCalibration(thresholds: thresholds, values: values)
            if let problem = isotonic.problem {
                throw d.fail(
                    .invalidValue(
                        path: "calibration", found: problem,
                        expected: "at least one point, thresholds strictly increasing and values non-decreasing, "
                            + "all in [0, 1]"))
            }
            return .isotonic(isotonic)
        default:
            throw d.fail(
                .invalidValue(
                    path: "calibration.kind", found: "\"\(kind)\"",
                    expected: "one of " + Calibration.kinds.map { "\"\($0)\"" }.joined(separator: ", ")))
        }
    }

    /// The `calibration` member: `"identity"` as format 1.0 wrote it, so 1.0 readers still read uncalibrated
    /// models, or an object.
    func calibrationValue(_ e: inout Encoder) throws(ModelFormatError) -> JSONValue {
        switch calibration {
        case .identity:
            return .string("identity")
        case .platt(let platt):
            return .object([
                JSONMember("kind", .string("platt")),
                JSONMember("slope", try e.number(platt.slope, "calibration.slope")),
                JSONMember("intercept", try e.number(platt.intercept, "calibration.intercept")),
            ])
        case .isotonic(let isotonic):
            return .object([
                JSONMember("kind", .string("isotonic")),
                JSONMember("thresholds", .array(try e.numbers(isotonic.thresholds, "calibration.thresholds"))),
                JSONMember("values", .array(try e.numbers(isotonic.values, "calibration.values"))),
            ])
        }
    }
}
