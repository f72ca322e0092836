/// The one source of randomness in fixtures: SplitMix64, so that the same seed gives the same
/// numbers on every machine and Swift version (the standard library's generator promises neither).
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one part of the fixtures (a collection, a field), independent of how many
    /// numbers the other parts drew: adding a field doesn't reshuffle every other value.
    init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over the stream name
        for byte in stream.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        state = seed ^ hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in `range`, without modulo bias worth speaking of for fixture sizes.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        return width == 0 ? Int(truncatingIfNeeded: next()) : range.lowerBound + Int(next() % width)
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[int(in: 0...(choices.count - 1))] }

    mutating func chance(_ percent: Int) -> Bool { int(in: 0...99) < percent }

    /// A version 4 UUID, lowercase, or a version 7 one whose first 48 bits are `milliseconds`.
    mutating func uuid(version7milliseconds: Int64? = nil) -> String {
        var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: next()) }
        if let milliseconds = version7milliseconds {
            for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
            bytes[6] = 0x70 | (bytes[6] & 0x0f)
        } else {
            bytes[6] = 0x40 | (bytes[6] & 0x0f)
        }
        bytes[8] = 0x80 | (bytes[8] & 0x3f)
        let hex = bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
