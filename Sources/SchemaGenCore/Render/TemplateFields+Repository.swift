// The repository view models' fields by name: see TemplateFields.swift.

extension RepositoryFileView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "sourceFile": return self.sourceFile
        case "model": return self.model
        case "collection": return self.collection
        case "tableSQL": return self.tableSQL
        case "columnsOpen": return self.columnsOpen
        case "columns": return self.columns
        case "columnsClose": return self.columnsClose
        case "createdAt": return self.createdAt
        case "deletedAt": return self.deletedAt
        case "versionColumn": return self.versionColumn
        case "versionMember": return self.versionMember
        case "uniqueIndexes": return self.uniqueIndexes
        case "hasUniqueIndexes": return self.hasUniqueIndexes
        case "links": return self.links
        case "hasLinks": return self.hasLinks
        case "hasGeneratedKey": return self.hasGeneratedKey
        case "grants": return self.grants
        case "readGrants": return self.readGrants
        case "createGrants": return self.createGrants
        case "updateGrants": return self.updateGrants
        case "deleteGrants": return self.deleteGrants
        case "rules": return self.rules
        case "hasRules": return self.hasRules
        case "encodeValues": return self.encodeValues
        case "decodeLines": return self.decodeLines
        case "stampLines": return self.stampLines
        case "hasStamps": return self.hasStamps
        case "filterFields": return self.filterFields
        case "queryColumns": return self.queryColumns
        case "relations": return self.relations
        case "hasRelations": return self.hasRelations
        case "filterConditions": return self.filterConditions
        case "hasFilters": return self.hasFilters
        case "finders": return self.finders
        case "searches": return self.searches
        case "upserts": return self.upserts
        case "softDelete": return self.softDelete
        case "expirations": return self.expirations
        case "hasIndexMethods": return self.hasIndexMethods
        case "queue": return self.queue
        default: return nil
        }
    }
}

extension RepositoryQueueView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": return self.doc
        case "parameters": return self.parameters
        case "condition": return self.condition
        case "readyArgument": return self.readyArgument
        case "byLines": return self.byLines
        case "hasBy": return self.hasBy
        case "order": return self.order
        default: return nil
        }
    }
}

extension RepositoryGrantView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": return self.doc
        case "name": return self.name
        case "expression": return self.expression
        default: return nil
        }
    }
}

extension RepositoryLinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "field": return self.field
        case "joinTable": return self.joinTable
        case "ownerColumn": return self.ownerColumn
        case "targetColumn": return self.targetColumn
        case "targetModel": return self.targetModel
        case "addName": return self.addName
        case "removeName": return self.removeName
        case "singular": return self.singular
        case "isInOptionalObject": return self.isInOptionalObject
        case "keyPath": return self.keyPath
        case "accessor": return self.accessor
        case "closureAccessor": return self.closureAccessor
        case "isLast": return self.isLast
        default: return nil
        }
    }
}

extension RepositoryQueryColumnView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": return self.doc
        case "name": return self.name
        case "type": return self.type
        case "constructor": return self.constructor
        case "label": return self.label
        case "sql": return self.sql
        case "rest": return self.rest
        default: return nil
        }
    }
}

extension RepositoryFilterFieldView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "type": return self.type
        case "isLast": return self.isLast
        default: return nil
        }
    }
}

extension RepositoryFinderView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": return self.doc
        case "parameters": return self.parameters
        case "condition": return self.condition
        case "arguments": return self.arguments
        case "isUnique": return self.isUnique
        case "order": return self.order
        case "isOrdered": return self.isOrdered
        default: return nil
        }
    }
}

extension RepositoryExpirationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": return self.doc
        case "name": return self.name
        case "index": return self.index
        case "column": return self.column
        case "seconds": return self.seconds
        case "postgresConditions": return self.postgresConditions
        case "sqliteConditions": return self.sqliteConditions
        case "conditionsDiffer": return self.conditionsDiffer
        default: return nil
        }
    }
}

extension RepositorySearchView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": return self.doc
        case "name": return self.name
        case "index": return self.index
        case "postgresDocument": return self.postgresDocument
        case "sqliteIndex": return self.sqliteIndex
        default: return nil
        }
    }
}

extension RepositoryUpsertView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": return self.doc
        case "label": return self.label
        case "parameter": return self.parameter
        case "columns": return self.columns
        default: return nil
        }
    }
}

extension RepositoryRelationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": return self.doc
        case "name": return self.name
        case "type": return self.type
        case "value": return self.value
        default: return nil
        }
    }
}
