extension GradePolicyRecord {
    /// Reads `grading.policy` (format 1.1).
    init(decoding value: JSONValue, _ d: ModelDecoder) throws(ModelFormatError) {
        let path = "grading.policy"
        let m = try d.object(value, path)
        let kind = try d.string(try d.required(m, "kind", path, expected: "a policy name"), path + ".kind")
        guard Self.kinds.contains(kind) else {
            throw d.fail(
                .invalidValue(
                    path: path + ".kind", found: "\"\(kind)\"",
                    expected: "one of " + Self.kinds.map { "\"\($0)\"" }.joined(separator: ", ")))
        }
        func perGrade(_ key: String) throws(ModelFormatError) -> [Double]? {
            guard let v = d.optional(m, key) else { return nil }
            let members = try d.object(v, path + "." + key)
            var values: [Double] = []
            for grade in Grade.allCases {
                let field = "\(path).\(key).\(grade.rawValue)"
                let share = try d.double(
                    try d.required(members, grade.rawValue, path + "." + key, expected: "a share"), field)
                guard (0...1).contains(share) else {
                    throw d.fail(.invalidValue(path: field, found: "\(share)", expected: "a share in [0, 1]"))
                }
                values.append(share)
            }
            return values
        }
        func count(_ members: [JSONMember], _ key: String, _ at: String) throws(ModelFormatError) -> Int {
            try d.integer(try d.required(members, key, at, expected: "a count"), at + "." + key, in: 0...Int.max)
        }
        let alpha = try d.optional(m, "alpha").map { v throws(ModelFormatError) in
            try d.double(v, path + ".alpha")
        }
        if let alpha, !(alpha > 0 && alpha < 1) {
            throw d.fail(.invalidValue(path: path + ".alpha", found: "\(alpha)", expected: "a level in (0, 1)"))
        }
        let list = try d.array(
            try d.required(m, "grades", path, expected: "figures for A, B, C and D"), path + ".grades")
        guard list.count == Grade.allCases.count else {
            throw d.fail(
                .invalidValue(path: path + ".grades", found: "\(list.count) grades", expected: "A, B, C and D"))
        }
        var grades: [GradeFigures] = []
        for (i, element) in list.enumerated() {
            let at = "\(path).grades[\(i)]"
            let g = try d.object(element, at)
            let grade = try d.name(try d.required(g, "grade", at, expected: "a grade"), at + ".grade", as: Grade.self)
            guard grade == Grade.allCases[i] else {
                throw d.fail(
                    .invalidValue(
                        path: at + ".grade", found: "\"\(grade.rawValue)\"",
                        expected: "\"\(Grade.allCases[i].rawValue)\" (grades in order A-D)"))
            }
            let inspections = try count(g, "inspections", at)
            let hits = try count(g, "hits", at)
            guard hits <= inspections else {
                throw d.fail(
                    .invalidValue(path: at + ".hits", found: "\(hits)", expected: "at most \(inspections) inspections"))
            }
            let share = try d.double(try d.required(g, "share", at, expected: "a share"), at + ".share")
            guard (0...1).contains(share) else {
                throw d.fail(.invalidValue(path: at + ".share", found: "\(share)", expected: "a share in [0, 1]"))
            }
            grades.append(
                GradeFigures(
                    grade: grade, enterprises: try count(g, "enterprises", at), share: share, inspections: inspections,
                    hits: hits))
        }
        self.init(
            kind: kind, shares: try perGrade("shares"), minShares: try perGrade("minShares"),
            maxShares: try perGrade("maxShares"), alpha: alpha,
            separation: try d.optional(m, "separation").map { v throws(ModelFormatError) in
                try d.double(v, path + ".separation")
            },
            population: try d.string(
                try d.required(m, "population", path, expected: "the population's name"), path + ".population"),
            excluded: try count(m, "excluded", path),
            inspections: try d.string(
                try d.required(m, "inspections", path, expected: "the inspections' name"), path + ".inspections"),
            grades: grades)
    }

    /// The `grading.policy` member.
    func value(_ e: inout RiskModel.Encoder) throws(ModelFormatError) -> JSONValue {
        let path = "grading.policy"
        var members = [
            JSONMember("kind", .string(kind)), JSONMember("population", .string(population)),
            JSONMember("excluded", .number(String(excluded))), JSONMember("inspections", .string(inspections)),
        ]
        for (key, values) in [("shares", shares), ("minShares", minShares), ("maxShares", maxShares)] {
            guard let values else { continue }
            var byGrade: [JSONMember] = []
            for (grade, share) in zip(Grade.allCases, values) {
                byGrade.append(JSONMember(grade.rawValue, try e.number(share, "\(path).\(key).\(grade.rawValue)")))
            }
            members.append(JSONMember(key, .object(byGrade)))
        }
        if let alpha { members.append(JSONMember("alpha", try e.number(alpha, path + ".alpha"))) }
        if let separation { members.append(JSONMember("separation", try e.number(separation, path + ".separation"))) }
        var list: [JSONValue] = []
        for (i, figures) in grades.enumerated() {
            list.append(
                .object([
                    JSONMember("grade", .string(figures.grade.rawValue)),
                    JSONMember("enterprises", .number(String(figures.enterprises))),
                    JSONMember("share", try e.number(figures.share, "\(path).grades[\(i)].share")),
                    JSONMember("inspections", .number(String(figures.inspections))),
                    JSONMember("hits", .number(String(figures.hits))),
                ]))
        }
        members.append(JSONMember("grades", .array(list)))
        return .object(members)
    }
}
