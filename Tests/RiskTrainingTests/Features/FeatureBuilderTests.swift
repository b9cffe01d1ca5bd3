import Foundation
import RiskScoring
import Testing

@testable import RiskTraining

@Suite("Feature table: known answers, no leakage, labels from the next quarter")
struct FeatureBuilderTests {
    static let labelColumns: Set<String> = ["inspection_kind", "hit"]

    static func generalConfig() throws -> ExperimentConfig {
        try ExperimentConfig.load(path: TestFiles.packageRoot + "/experiments/general.yaml")
    }

    /// Compares the given columns of two tables, row by row; NaN equals NaN.
    static func sameColumns(_ a: Dataset, _ b: Dataset, _ names: [String]) -> Bool {
        guard a.rowCount == b.rowCount else { return false }
        for name in names {
            guard let x = a.column(named: name), let y = b.column(named: name) else { return false }
            switch (x.storage, y.storage) {
            case (.numeric(let u), .numeric(let v)):
                guard zip(u, v).allSatisfy({ $0 == $1 || ($0.isNaN && $1.isNaN) }) else { return false }
            case (.categorical(let u), .categorical(let v)):
                guard (0..<u.count).allSatisfy({ u[$0] == v[$0] }) else { return false }
            default:
                return false
            }
        }
        return true
    }

    @Test("no feature or label ever sees data after its quarter's end (panel truncation oracle)")
    func noLeakage() throws {
        let (directory, _) = try TestFiles.syntheticPanel(enterprises: 1200, quarters: 4, seed: 21, randomRate: 0.8)
        let panel = try Panel.load(directory: directory)
        let columns = try Self.generalConfig().featureColumns
        let full = try FeatureBuilder(panel: panel, indicatorColumns: columns)
        let featureNames = full.header.filter { !Self.labelColumns.contains($0) }
        for (index, quarter) in panel.quarters.enumerated() {
            let table = full.table(quarterAt: index)
            // Features: identical when everything after the quarter's last day is removed.
            let known = try FeatureBuilder(panel: panel.truncated(after: quarter.lastDay), indicatorColumns: columns)
            #expect(known.panel.quarters.last == quarter)
            let truncatedTable = known.table(quarterAt: index)
            #expect(
                Self.sameColumns(table, truncatedTable, featureNames), "features of \(quarter) depend on later data")
            // ... and with that data removed there is no label yet: labels come only from later inspections.
            #expect(try truncatedTable.numeric("hit").allSatisfy(\.isNaN))
            // Labels: identical when everything after the next quarter's last day is removed.
            let nextEnd = quarter.advanced(by: 1).lastDay
            let labelled = try FeatureBuilder(panel: panel.truncated(after: nextEnd), indicatorColumns: columns)
            #expect(Self.sameColumns(table, labelled.table(quarterAt: index), Array(Self.labelColumns)))
            #expect(try table.numeric("hit").contains { !$0.isNaN }, "every quarter of the synthetic panel is labelled")
        }
    }

    @Test("the feature table has general.yaml's columns and its random discovery rate matches the generator's")
    func generalColumns() throws {
        let (directory, truth) = try TestFiles.syntheticPanel(enterprises: 2000, quarters: 3, seed: 8, randomRate: 0.5)
        let config = try Self.generalConfig()
        let builder = try FeatureBuilder(
            panel: Panel.load(directory: directory), indicatorColumns: config.featureColumns)
        let out = TestFiles.temporaryDirectory("table") + "/table.csv"
        let summary = try builder.write(to: out)
        // Read with the config's schema: every value within its valid range and missing policy.
        let table = try Dataset.read(csv: out, schema: config.tableSchema)
        #expect(table.columnNames == builder.header)
        #expect(table.columnNames.count == 47)
        try config.checkColumns(table.columnNames, file: out)
        #expect(table.rowCount == 6000 && summary.rows == 6000)
        #expect(summary.total.randomLabels == truth.discovery.randomInspections)
        #expect(summary.total.randomHits == truth.discovery.randomHits)
    }

    /// A hand-made panel of three enterprises over two quarters.
    static let tinyPanel: [String: String] = [
        "enterprises.csv": """
        enterprise_id,region,industry,enterprise_type,established
        A,3201,F,有限责任公司,2020-07-01
        B,3201,C,合伙企业,2024-12-31
        C,3202,F,有限责任公司,2010-01-01

        """,
        "relations.csv": """
        enterprise_id,relation,party_id,start_date,end_date
        A,address,X,2020-07-01,2025-05-10
        A,address,Y,2025-05-10,
        B,address,X,2024-12-31,
        C,address,Y,2010-01-01,
        A,legal_person,P,2020-07-01,
        B,legal_person,Q,2024-12-31,
        C,legal_person,P,2010-01-01,

        """,
        "snapshots.csv": """
        enterprise_id,quarter,abnormal_list_now,penalties_1y,serious_dishonesty,court_defaulter,complaints_3m
        A,2025Q1,0,0,0,0,2
        B,2025Q1,1,0,0,0,0
        C,2025Q1,0,1,0,0,
        A,2025Q2,0,0,0,0,1
        B,2025Q2,1,0,0,0,0
        C,2025Q2,0,0,0,1,0

        """,
        "inspections.csv": """
        inspection_id,enterprise_id,date,kind,hit
        1,A,2022-03-31,random,1
        2,A,2022-04-01,targeted,1
        3,A,2025-03-31,targeted,0
        4,A,2025-04-02,targeted,1
        5,A,2025-06-30,random,0
        6,B,2025-05-05,targeted,1
        7,C,2025-07-01,random,1

        """,
    ]

    static func writeTinyPanel(replacing file: String? = nil, with text: String? = nil) throws -> String {
        let directory = TestFiles.temporaryDirectory("tiny")
        for (name, content) in tinyPanel {
            try TestFiles.write(name == file ? (text ?? content) : content, to: name, in: directory)
        }
        return directory
    }

    @Test("a hand-made panel gives the hand-computed table")
    func knownAnswers() throws {
        let panel = try Panel.load(directory: Self.writeTinyPanel())
        let columns = [
            "years_established", "enterprise_type", "inspections_3y", "inspection_hits_3y", "address_enterprises",
            "address_abnormal", "person_enterprises", "linked_abnormal", "linked_penalised", "linked_hits",
            "linked_dishonest", "complaints_3m",
        ]
        let builder = try FeatureBuilder(panel: panel, indicatorColumns: columns)
        let q1 = builder.table(quarterAt: 0)
        let q2 = builder.table(quarterAt: 1)
        // 2025Q1 (last day 2025-03-31): A and B at X, C at Y; A and C under P.
        #expect(try q1.numeric("years_established") == [Float(4.75), 0.25, 15.24])
        #expect(try q1.categorical("enterprise_type")[1] == "合伙企业")
        // A's inspections in 2022Q2..2025Q1: #2 (2022-04-01) and #3 (2025-03-31); #1 is in 2022Q1, outside.
        #expect(try q1.numeric("inspections_3y") == [2, 0, 0])
        #expect(try q1.numeric("inspection_hits_3y") == [1, 0, 0])
        #expect(try q1.numeric("address_enterprises") == [2, 2, 1])
        #expect(try q1.numeric("address_abnormal") == [1, 0, 0])
        #expect(try q1.numeric("person_enterprises") == [2, 1, 2])
        // Linked enterprises share the legal person: A's is C, C's is A, B has none (sharing X links nobody).
        #expect(try q1.numeric("linked_abnormal") == [0, 0, 0])  // B is abnormal but linked to nobody
        #expect(try q1.numeric("linked_penalised") == [1, 0, 0])  // C is penalised and linked to A only
        #expect(try q1.numeric("linked_hits") == [0, 0, 1])  // A's hit on 2022-04-01 counts for C
        #expect(try q1.numeric("linked_dishonest") == [0, 0, 0])
        #expect(try q1.numeric("complaints_3m").map { $0.isNaN ? -1 : $0 } == [2, 0, -1])
        // Labels from 2025Q2: A random (random displaces the targeted hit) 0; B targeted 1; C none (#7 is Q3).
        let kinds = try q1.categorical("inspection_kind")
        #expect((0..<3).map { kinds[$0] } == ["random", "targeted", nil])
        #expect(try q1.numeric("hit").map { $0.isNaN ? -1 : $0 } == [0, 1, -1])
        // 2025Q2 (last day 2025-06-30): A moved to Y on 2025-05-10, so A and C share address and person.
        #expect(try q2.numeric("address_enterprises") == [2, 1, 2])
        #expect(try q2.numeric("linked_abnormal") == [0, 0, 0])
        #expect(try q2.numeric("linked_dishonest") == [1, 0, 0])  // C, a court defaulter, is linked to A
        #expect(try q2.numeric("inspections_3y") == [3, 1, 0])  // 2022Q3..2025Q2: #3, #4, #5 for A; #6 for B
        #expect(try q2.numeric("hit").map { $0.isNaN ? -1 : $0 } == [-1, -1, 1])
    }

    @Test("the config's schema rejects out-of-range values and missing register data, and reads empty counts as 0")
    func configSchema() throws {
        let config = try ExperimentConfig.load(
            yaml: """
                name: tiny
                indicator_system:
                  dimensions:
                    - name: basic
                      label: 基础属性
                      indicators:
                        - { name: years_established, label: 成立年限, kind: numeric, valid_range: [0, 100], missing: error }
                        - { name: penalties_1y, label: 近1年行政处罚次数, kind: count, direction: increasing, valid_range: [0, 50] }
                """)
        let header = "enterprise_id,quarter,years_established,penalties_1y,inspection_kind,hit\n"
        func read(_ rows: String) throws -> Dataset {
            try Dataset.read(
                from: CSVReader(bytes: Array((header + rows).utf8), name: "t.csv"), schema: config.tableSchema)
        }
        let good = try read("E1,2025Q1,3.5,,random,1\nE2,2025Q1,1,2,,\n")
        #expect(try good.numeric("penalties_1y") == [0, 2])
        #expect(try good.numeric("hit").map { $0.isNaN ? -1 : $0 } == [1, -1])
        #expect { try read("E1,2025Q1,3.5,51,random,1\n") } throws: {
            let text = String(describing: $0)
            return text.contains("line 2") && text.contains("penalties_1y") && text.contains("51")
        }
        #expect { try read("E1,2025Q1,,1,random,1\n") } throws: {
            String(describing: $0).contains("years_established")
        }
        #expect { try read("E1,2025Q1,1,1,random,2\n") } throws: { String(describing: $0).contains("\"hit\"") }
    }

    @Test("random inspections take precedence over targeted ones in the label; hits are combined within a kind")
    func labelPrecedence() {
        func label(_ inspections: [(InspectionKind, Bool)]) -> FeatureBuilder.Label {
            var label = FeatureBuilder.Label()
            for (kind, hit) in inspections {
                label.record(Panel.Inspection(enterprise: 0, day: Day(daysSinceEpoch: 0), kind: kind, hit: hit))
            }
            return label
        }
        #expect(label([]).kind == nil && label([]).hit == nil)
        #expect(label([(.targeted, true), (.random, false)]).hit == false)
        #expect(label([(.random, false), (.targeted, true)]).kind == .random)
        #expect(label([(.random, false), (.random, true)]).hit == true)
        #expect(label([(.targeted, false), (.targeted, true)]).kind == .targeted)
    }

    @Test("an indicator that is neither computed nor in the snapshots is an error naming it")
    func unknownIndicator() throws {
        let panel = try Panel.load(directory: Self.writeTinyPanel())
        #expect {
            try FeatureBuilder(panel: panel, indicatorColumns: ["complaints_3m", "penalties_12m"])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("\"penalties_12m\"") && text.contains("snapshots.csv")
        }
    }

    @Test(
        "bad panel content is reported with file, line and column",
        arguments: [
            (
                "snapshots.csv",
                "enterprise_id,quarter,abnormal_list_now,penalties_1y,serious_dishonesty,court_defaulter,complaints_3m\nA,2025Q1,0,0,0,0,n/a\n",
                "line 2", "complaints_3m"
            ),
            (
                "snapshots.csv",
                "enterprise_id,quarter,abnormal_list_now,penalties_1y,serious_dishonesty,court_defaulter,complaints_3m\nZ,2025Q1,0,0,0,0,1\n",
                "line 2", "unknown enterprise \"Z\""
            ),
            (
                "snapshots.csv",
                "enterprise_id,quarter,abnormal_list_now,penalties_1y,serious_dishonesty,court_defaulter,complaints_3m\nA,2025-Q1,0,0,0,0,1\n",
                "line 2", "2025-Q1"
            ),
            (
                "snapshots.csv",
                "enterprise_id,quarter,abnormal_list_now,penalties_1y,serious_dishonesty,court_defaulter,complaints_3m\nA,2025Q1,0,0,0,0,1\nA,2025Q1,0,0,0,0,1\n",
                "line 3", "second snapshot"
            ),
            (
                "inspections.csv", "inspection_id,enterprise_id,date,kind,hit\n1,A,2025-02-30,random,1\n", "line 2",
                "YYYY-MM-DD"
            ),
            (
                "inspections.csv", "inspection_id,enterprise_id,date,kind,hit\n1,A,2025-02-03,complaint,1\n", "line 2",
                "\"complaint\""
            ),
            (
                "inspections.csv", "inspection_id,enterprise_id,date,kind,hit\n1,A,2025-02-03,random,yes\n", "line 2",
                "\"yes\""
            ),
            (
                "inspections.csv", "inspection_id,enterprise_id,date,hit\n1,A,2025-02-03,1\n", "inspections.csv",
                "\"kind\""
            ),
            (
                "relations.csv", "enterprise_id,relation,party_id,start_date,end_date\nA,owner,X,2020-01-01,\n",
                "line 2", "\"owner\""
            ),
            (
                "relations.csv",
                "enterprise_id,relation,party_id,start_date,end_date\nA,address,X,2020-01-01,2019-01-01\n", "line 2",
                "before it starts"
            ),
            (
                "enterprises.csv",
                "enterprise_id,region,industry,enterprise_type,established\nA,1,F,x,2020-01-01\nA,1,F,x,2020-01-01\n",
                "line 3", "listed twice"
            ),
        ])
    func badContent(file: String, text: String, location: String, detail: String) throws {
        let directory = try Self.writeTinyPanel(replacing: file, with: text)
        #expect {
            try Panel.load(directory: directory)
        } throws: { error in
            let message = String(describing: error)
            return message.contains(file) && message.contains(location) && message.contains(detail)
        }
    }
}
