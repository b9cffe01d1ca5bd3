import Foundation

@testable import RiskTraining

/// Temporary folders and generated panels for tests.
enum TestFiles {
    /// A new empty folder under the system's temporary directory.
    static func temporaryDirectory(_ label: String = "riskgrade") -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(label)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Generates a small synthetic province into a new folder and returns the folder and its ground truth.
    static func syntheticPanel(
        enterprises: Int, quarters: Int, seed: UInt64 = 7, randomRate: Double = 0.05, threads: Int = 0
    ) throws -> (directory: String, truth: GroundTruth) {
        let directory = temporaryDirectory("panel")
        let parameters = SyntheticProvince.Parameters(
            enterprises: enterprises, quarters: quarters, seed: seed, randomInspectionRate: randomRate, threads: threads
        )
        let truth = try SyntheticProvince.generate(parameters, into: directory)
        return (directory, truth)
    }

    /// The package root, found from this file's path.
    static var packageRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }

    /// Writes `text` to `file` in `directory`.
    static func write(_ text: String, to file: String, in directory: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(file)))
    }

    /// The bytes of `file` in `directory`.
    static func bytes(_ file: String, in directory: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(file)))
    }
}
