import Foundation

/// Writes N collection schemas that use what real schemas use: one principal collection
/// (`accounts`), then `items1`…`itemsN-1`, each with a reference to its owner and to the
/// previous collection, an enum, a nested object (with an object inside), an array, a JSON
/// field, indexes (plain, unique, composite) and access rules, so that generation cost can be
/// measured as the schema grows.
enum SyntheticSchemas {
    static func write(collections count: Int, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write(accounts, named: "accounts", in: folder)
        for number in 1..<count {
            try write(item(number), named: "items\(number)", in: folder)
        }
    }

    private static func write(_ text: String, named name: String, in folder: URL) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent("\(name).yaml"))
    }

    static let accounts = """
        name: accounts
        model: Account
        description: The people who own the items.
        id: uuid
        timestamps: true
        principal: true

        fields:
          email: { type: email, required: true, maxLength: 320 }
          name: { type: string, required: true, minLength: 1, maxLength: 200 }
          role:
            type: enum
            values: [user, admin]
            default: user
            required: true

        indexes:
          - fields: [email]
            unique: true

        access:
          read: [self, admin]
          create: [public]
          update: [self, admin]
          delete: [admin]

        """

    static func item(_ number: Int) -> String {
        let previous = number > 1 ? """
              previous: { type: ref, to: items\(number - 1), onDelete: setNull, description: "The item this one follows." }

            """ : ""
        let previousIndex = number > 1 ? """
              - fields: [previous]

            """ : ""
        return """
            name: items\(number)
            model: Item\(number)
            description: Synthetic collection \(number) of a benchmark schema.
            id: uuid
            timestamps: true

            fields:
              owner: { type: ref, to: accounts, required: true, immutable: true, onDelete: cascade }
            \(previous)  title: { type: string, required: true, minLength: 1, maxLength: 200 }
              notes: { type: text }
              rank: { type: int, required: true, min: 0, max: 1000, default: 0 }
              score: { type: double, min: 0, max: 100 }
              published: { type: bool, required: true, default: false }
              status:
                type: enum
                values: [draft, review, published, archived]
                default: draft
                required: true
              tags: { type: array, items: string, required: true, default: [] }
              extra: { type: json }
              details:
                type: object
                required: true
                fields:
                  summary: { type: string, maxLength: 500 }
                  size: { type: int, min: 0 }
                  dimensions:
                    type: object
                    fields:
                      width: { type: double, required: true, min: 0 }
                      height: { type: double, required: true, min: 0 }

            indexes:
              - fields: [owner]
              - fields: [owner, title]
                unique: true
              - fields: [status]
            \(previousIndex)
            access:
              read: [owner, admin]
              create: [authenticated]
              update: [owner, admin]
              delete: [owner, admin]

            """
    }
}
