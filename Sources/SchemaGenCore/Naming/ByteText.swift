/// Search and replace over UTF-8 bytes. Foundation's `contains` and `replacingOccurrences`
/// compare by canonical equivalence, bridge through `NSString` and were a tenth of a
/// generation run; every text schemagen searches this way looks for ASCII punctuation or
/// plain words, where comparing bytes is exact (a match can't start inside a character:
/// UTF-8 lead bytes never equal continuation bytes).
extension String {
    /// Whether `other` occurs in the string, byte for byte.
    func containsBytes(_ other: String) -> Bool {
        firstByteOffset(of: Array(other.utf8)) != nil
    }

    /// The string with every occurrence of `target` replaced, byte for byte, left to right.
    func replacingBytes(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard !pattern.isEmpty, let first = firstByteOffset(of: pattern) else { return self }
        var rest = Array(utf8)[...]
        var result = Array(rest[..<first])
        result.reserveCapacity(rest.count + replacement.utf8.count)
        rest = rest[first...]
        while let byte = rest.first {
            if rest.starts(with: pattern) {
                result.append(contentsOf: replacement.utf8)
                rest = rest.dropFirst(pattern.count)
            } else {
                result.append(byte)
                rest = rest.dropFirst()
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private func firstByteOffset(of pattern: [UInt8]) -> Int? {
        var text = self
        return text.withUTF8 { bytes in
            guard let lead = pattern.first else { return 0 }
            guard bytes.count >= pattern.count else { return nil }
            return (0...(bytes.count - pattern.count)).first { offset in
                bytes[offset] == lead && bytes[offset..<offset + pattern.count].elementsEqual(pattern)
            }
        }
    }
}
