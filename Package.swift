// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "RiskGrade",
    platforms: [.macOS(.v14)],
    products: [
        // Production scorers depend on this product alone: no BLAS, no argument parsing, no training code.
        .library(name: "RiskScoring", targets: ["RiskScoring"]),
        .library(name: "RiskTraining", targets: ["RiskTraining"]),
        .executable(name: "riskgrade", targets: ["riskgrade"]),
        .executable(name: "riskscore", targets: ["riskscore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // Foundation and swift-crypto (SHA-256 and Ed25519 for model files) only.
        .target(name: "RiskScoring", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "RiskTraining",
            dependencies: ["RiskScoring", "CBLAS", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "riskgrade",
            dependencies: ["RiskTraining", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "riskscore", dependencies: ["RiskScoring"]),
        .testTarget(
            name: "RiskScoringTests", dependencies: ["RiskScoring"], resources: [.copy("Resources/GoldenModels")]),
        .testTarget(name: "RiskTrainingTests", dependencies: ["RiskTraining", "RiskScoring"]),
        .testTarget(name: "riskscoreTests", dependencies: ["riskscore", "RiskScoring"]),
    ],
    swiftLanguageModes: [.v6]
)
