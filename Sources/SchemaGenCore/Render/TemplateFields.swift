// The view models' fields by name, for the template engine (`MustacheParent`, Render/Mustache.swift):
// it looks a name up in the values of the context stack for every tag, and by reflection that was
// most of the rendering time. One `case` per stored property; a test (TemplateFieldsTests) checks against
// `Mirror` that none is missing. A view model without a conformance still renders, by
// reflection (`TemplateContext.dictionaries`).

extension DocView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "lines": return self.lines
        default: return nil
        }
    }
}

extension SQLFileView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "databaseName": return self.databaseName
        case "notes": return self.notes
        case "preamble": return self.preamble
        case "tables": return self.tables
        case "deferredConstraints": return self.deferredConstraints
        case "policies": return self.policies
        case "hasDeferredConstraints": return self.hasDeferredConstraints
        case "hasPolicies": return self.hasPolicies
        case "deferredByTable": return self.deferredByTable
        case "enumTypes": return self.enumTypes
        default: return nil
        }
    }
}

extension SQLNamedConstraint: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "definition": return self.definition
        default: return nil
        }
    }
}

extension SQLDeferredConstraint: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "table": return self.table
        case "constraint": return self.constraint
        default: return nil
        }
    }
}

extension SQLEnumType: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "values": return self.values
        case "createSQL": return self.createSQL
        default: return nil
        }
    }
}

extension SQLTableView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "doc": return self.doc
        case "columns": return self.columns
        case "constraints": return self.constraints
        case "options": return self.options
        case "statements": return self.statements
        case "tableName": return self.tableName
        case "collectionName": return self.collectionName
        case "joinFieldPath": return self.joinFieldPath
        case "namedConstraints": return self.namedConstraints
        default: return nil
        }
    }
}

extension SQLColumnView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "definition": return self.definition
        case "source": return self.source
        case "name": return self.name
        case "type": return self.type
        case "isNullable": return self.isNullable
        case "defaultSQL": return self.defaultSQL
        case "fieldPath": return self.fieldPath
        default: return nil
        }
    }
}

extension SQLPolicyTableView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "table": return self.table
        case "summary": return self.summary
        case "statements": return self.statements
        default: return nil
        }
    }
}

extension StructView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "indent": return self.indent
        case "doc": return self.doc
        case "name": return self.name
        case "conformances": return self.conformances
        case "typeAliases": return self.typeAliases
        case "properties": return self.properties
        case "initParameters": return self.initParameters
        case "initAssignments": return self.initAssignments
        case "decodeArguments": return self.decodeArguments
        case "encodeStatements": return self.encodeStatements
        case "equalityLines": return self.equalityLines
        case "mirrorChildren": return self.mirrorChildren
        case "enums": return self.enums
        case "structs": return self.structs
        case "decodesDefaults": return self.decodesDefaults
        case "writesNulls": return self.writesNulls
        case "hasRedactedMirror": return self.hasRedactedMirror
        default: return nil
        }
    }
}

extension PropertyView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": return self.doc
        case "declaration": return self.declaration
        default: return nil
        }
    }
}

extension EnumView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "indent": return self.indent
        case "doc": return self.doc
        case "name": return self.name
        case "cases": return self.cases
        default: return nil
        }
    }
}

extension EnumCaseView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "doc": return self.doc
        case "declaration": return self.declaration
        default: return nil
        }
    }
}

extension ModelFileView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "sourceFile": return self.sourceFile
        case "model": return self.model
        case "validators": return self.validators
        default: return nil
        }
    }
}

extension SharedEnumFileView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "sourceFile": return self.sourceFile
        case "enumeration": return self.enumeration
        default: return nil
        }
    }
}

extension ValidatorView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "typeName": return self.typeName
        case "patterns": return self.patterns
        case "statements": return self.statements
        case "hasStatements": return self.hasStatements
        default: return nil
        }
    }
}

extension DocsIndexView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "collections": return self.collections
        case "diagram": return self.diagram
        case "relationships": return self.relationships
        case "sharedEnums": return self.sharedEnums
        case "hasSharedEnums": return self.hasSharedEnums
        default: return nil
        }
    }
}

extension DocsCollectionSummaryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "link": return self.link
        case "model": return self.model
        case "table": return self.table
        case "summary": return self.summary
        default: return nil
        }
    }
}

extension DocsRelationshipTableView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "intro": return self.intro
        case "rows": return self.rows
        case "hasRows": return self.hasRows
        case "empty": return self.empty
        default: return nil
        }
    }
}

extension DocsRelationshipRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "from": return self.from
        case "field": return self.field
        case "to": return self.to
        case "cardinality": return self.cardinality
        case "onDelete": return self.onDelete
        default: return nil
        }
    }
}

extension DocsCollectionView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "model": return self.model
        case "table": return self.table
        case "sourceFile": return self.sourceFile
        case "description": return self.description
        case "facts": return self.facts
        case "fields": return self.fields
        case "enums": return self.enums
        case "hasEnums": return self.hasEnums
        case "relations": return self.relations
        case "diagram": return self.diagram
        case "indexes": return self.indexes
        case "hasIndexes": return self.hasIndexes
        case "access": return self.access
        case "example": return self.example
        case "hasExample": return self.hasExample
        default: return nil
        }
    }
}

extension DocsFieldRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "path": return self.path
        case "type": return self.type
        case "required": return self.required
        case "defaultValue": return self.defaultValue
        case "constraints": return self.constraints
        case "sqlite": return self.sqlite
        case "postgres": return self.postgres
        case "description": return self.description
        default: return nil
        }
    }
}

extension DocsEnumView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "note": return self.note
        case "cases": return self.cases
        default: return nil
        }
    }
}

extension DocsEnumCaseView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": return self.value
        case "swiftCase": return self.swiftCase
        case "description": return self.description
        default: return nil
        }
    }
}

extension DocsIndexRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "fields": return self.fields
        case "kind": return self.kind
        case "serves": return self.serves
        case "sqlite": return self.sqlite
        case "postgres": return self.postgres
        default: return nil
        }
    }
}

extension DocsAccessView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "operations": return self.operations
        case "matrix": return self.matrix
        case "enforcement": return self.enforcement
        case "fieldRules": return self.fieldRules
        case "hasFieldRules": return self.hasFieldRules
        case "notes": return self.notes
        default: return nil
        }
    }
}

extension DocsFieldRuleView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "field": return self.field
        case "create": return self.create
        case "update": return self.update
        case "enforcedBy": return self.enforcedBy
        default: return nil
        }
    }
}

extension DocsAccessRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "caller": return self.caller
        case "cells": return self.cells
        default: return nil
        }
    }
}

extension DocsEnforcementRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "operation": return self.operation
        case "rules": return self.rules
        case "postgres": return self.postgres
        case "repositories": return self.repositories
        default: return nil
        }
    }
}

extension FixtureScriptView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "databaseName": return self.databaseName
        case "dialect": return self.dialect
        case "seed": return self.seed
        case "users": return self.users
        case "hasUsers": return self.hasUsers
        case "statements": return self.statements
        default: return nil
        }
    }
}

extension FixtureStatementView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "summary": return self.summary
        case "sql": return self.sql
        default: return nil
        }
    }
}

