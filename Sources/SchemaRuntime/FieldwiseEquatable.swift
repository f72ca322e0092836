/// The models' and their nested structs' equality: field by field, as a synthesized `==` would
/// compare them, but from `encode(to:)` instead of code generated per type. Two values are equal
/// when their `encode(to:)` writes the same keys in the same order, each with an equal value (a
/// field's own `==`: a `Double` NaN is not equal to itself, nested structs compare field by field).
///
/// Why not the synthesized `==`: the compiler builds it as source, a `guard lhs.f == rhs.f` per
/// field, and type-checks and compiles each of those; across a schema's models that was a fifth of
/// the generated module's build. This `==` allocates a little, so it is slower than a synthesized
/// one; it suits tests, change detection and diffing, not a hot loop.
public protocol FieldwiseEquatable: Equatable, Encodable {}

extension FieldwiseEquatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        guard let left = FieldRecorder.fields(of: lhs), let right = FieldRecorder.fields(of: rhs) else { return false }
        return left.elementsEqual(right, by: FieldRecorder.Field.equal)
    }
}

/// An `Encoder` that lists the fields a value writes. A field whose value is `Equatable` (every
/// type a schema gives a field) is kept whole, to be compared with its own `==`; any other value
/// is encoded in turn, its fields named by their path.
final class FieldRecorder: Encoder {
    struct Field {
        var path: String
        /// Nil: the field was written as null.
        var value: (any Equatable)?

        static func equal(_ a: Field, _ b: Field) -> Bool {
            guard a.path == b.path else { return false }
            switch (a.value, b.value) {
            case (nil, nil): return true
            case let (x?, y?): return isEqual(x, y)
            default: return false
            }
        }

        private static func isEqual(_ a: any Equatable, _ b: any Equatable) -> Bool {
            func compare<T: Equatable>(_ a: T) -> Bool { (b as? T).map { a == $0 } ?? false }
            return compare(a)
        }
    }

    /// The fields so far, shared by the containers of nested values.
    final class Storage {
        var fields: [Field] = []
        /// An encoding error (a value that refused to encode): such values are never equal.
        var failed = false
    }

    let storage: Storage
    let path: String
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(storage: Storage, path: String) {
        self.storage = storage
        self.path = path
    }

    /// The fields `value` writes; nil if it fails to encode (and so equals nothing).
    static func fields(of value: some Encodable) -> [Field]? {
        let recorder = FieldRecorder(storage: Storage(), path: "")
        do { try value.encode(to: recorder) } catch { return nil }
        return recorder.storage.failed ? nil : recorder.storage.fields
    }

    func record(_ value: some Encodable, at path: String) {
        if let value = value as? any Equatable {
            storage.fields.append(Field(path: path, value: value))
        } else {
            do { try value.encode(to: FieldRecorder(storage: storage, path: path + ".")) } catch { storage.failed = true }
        }
    }

    func recordNull(at path: String) {
        storage.fields.append(Field(path: path, value: nil))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedRecorder<Key>(recorder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedRecorder(recorder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueRecorder(recorder: self)
    }
}

private struct KeyedRecorder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let recorder: FieldRecorder
    var codingPath: [any CodingKey] { [] }

    private func path(_ key: Key) -> String { recorder.path + key.stringValue }

    mutating func encodeNil(forKey key: Key) throws { recorder.recordNull(at: path(key)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { recorder.record(value, at: path(key)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedRecorder<NestedKey>(recorder: FieldRecorder(storage: recorder.storage, path: path(key) + ".")))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedRecorder(recorder: FieldRecorder(storage: recorder.storage, path: path(key) + "."))
    }

    mutating func superEncoder() -> any Encoder { FieldRecorder(storage: recorder.storage, path: recorder.path + "super.") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { FieldRecorder(storage: recorder.storage, path: path(key) + ".") }
}

/// Items are named by their index.
private struct UnkeyedRecorder: UnkeyedEncodingContainer {
    let recorder: FieldRecorder
    var codingPath: [any CodingKey] { [] }
    var count = 0

    private mutating func nextPath() -> String {
        defer { count += 1 }
        return recorder.path + String(count)
    }

    mutating func encodeNil() throws { recorder.recordNull(at: nextPath()) }
    mutating func encode<T: Encodable>(_ value: T) throws { recorder.record(value, at: nextPath()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedRecorder<NestedKey>(recorder: FieldRecorder(storage: recorder.storage, path: nextPath() + ".")))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedRecorder(recorder: FieldRecorder(storage: recorder.storage, path: nextPath() + "."))
    }

    mutating func superEncoder() -> any Encoder { FieldRecorder(storage: recorder.storage, path: nextPath() + ".") }
}

private struct SingleValueRecorder: SingleValueEncodingContainer {
    let recorder: FieldRecorder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { recorder.recordNull(at: recorder.path) }
    mutating func encode<T: Encodable>(_ value: T) throws { recorder.record(value, at: recorder.path) }
}
