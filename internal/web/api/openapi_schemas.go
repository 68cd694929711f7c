package api

import (
	"nintei"
	"nintei/catalog"
	"nintei/certification"
	"nintei/incident"
	"nintei/registry"
)

// The schemas of the OpenAPI document, by area of the program; components
// joins them. Answers written from a Go type take their schema from it
// (typeOf); enums come from the domain's lists.

// baseSchemas are the schemas of the error envelope, the user, tokens and invitations.
func baseSchemas() map[string]any {
	return map[string]any{
		"OpenAPI":      openAPISchema(),
		"SchemaObject": schemaObjectSchema(),
		"Error": obj([]string{"error"}, map[string]any{"error": obj([]string{"code", "message"},
			map[string]any{"code": map[string]any{"type": "string", "description": "a stable message key"}, "message": str, "request_id": str}),
			"problems": map[string]any{"type": "array", "description": "every problem of a rejected file: a catalog edition by line and field, a workbook by sheet and cell",
				"items": obj(nil, map[string]any{"line": integer, "field": str, "sheet": str, "cell": str, "item_id": str, "code": str, "message": str})}}),
		"User":             typeOf[userJSON](),
		"Me":               obj([]string{"user", "organization"}, map[string]any{"user": ref("User"), "organization": typeOf[orgJSON]()}),
		"PasswordChange":   obj([]string{"current", "new"}, map[string]any{"current": str, "new": str}),
		"Token":            typeOf[tokenJSON](),
		"TokenList":        obj([]string{"tokens"}, map[string]any{"tokens": arr(ref("Token"))}),
		"TokenCreate":      obj([]string{"name"}, map[string]any{"name": str}),
		"TokenCreated":     obj([]string{"token", "secret"}, map[string]any{"token": ref("Token"), "secret": map[string]any{"type": "string", "description": "shown once"}}),
		"Invitation":       typeOf[invitationJSON](),
		"InvitationCreate": obj([]string{"email"}, map[string]any{"email": str}),
		"Members":          obj([]string{"users", "invitations"}, map[string]any{"users": arr(ref("User")), "invitations": arr(ref("Invitation"))}),
	}
}

// catalogAuditSchemas are the schemas of catalog editions and the audit trail.
func catalogAuditSchemas() map[string]any {
	return map[string]any{
		"EditionSummary": with(typeOf[editionJSON](), map[string]any{"status": enum(enumOf(catalogStatuses))}),
		"EditionList":    obj([]string{"editions"}, map[string]any{"editions": arr(ref("EditionSummary"))}),
		"Edition":        obj([]string{"edition", "catalog"}, map[string]any{"edition": ref("EditionSummary"), "catalog": ref("Catalog")}),
		"EditionImported": obj([]string{"id", "created", "digest"}, map[string]any{"id": str, "created": map[string]any{"type": "boolean", "description": "false when the same file was installed before (200)"}, "digest": str,
			"moved": map[string]any{"type": "integer", "description": "applications moved to the new edition by its mapping (mapped imports only)"}}),
		"AuditEvent": obj([]string{"seq", "at", "actor_id", "actor", "actor_name", "action", "action_label", "object_type", "object_id", "target",
			"before_digest", "after_digest", "hash"}, map[string]any{"seq": integer, "at": when, "actor_id": integer, "actor": str,
			"actor_name": str, "action": str, "action_label": str, "object_type": str, "object_id": str,
			"target":        obj([]string{"type", "id"}, map[string]any{"type": str, "id": str, "label": str, "url": str}),
			"before_digest": str, "after_digest": str, "hash": str}),
		"AuditEventList":    obj([]string{"events"}, map[string]any{"events": arr(ref("AuditEvent"))}),
		"AuditVerification": obj([]string{"ok", "checked"}, map[string]any{"ok": boolean, "checked": integer, "broken_at": integer, "reason": str}),
	}
}

// publicSchemas are the schemas of the public registry and the contact window.
func publicSchemas() map[string]any {
	status := enum(enumOf(certification.Statuses))
	ending := obj([]string{"status", "ended_on"}, map[string]any{"status": status, "ended_on": date,
		"grounds": map[string]any{"type": "array", "description": "a revocation's grounds (R-11.5), each as its letter and text, e.g. 「g) 緊急時の通知又は報告をしなかったとき」",
			"items": map[string]any{"type": "string", "pattern": "^[a-j]\\) "}}})
	return map[string]any{
		"Contact":      typeOf[contactJSON](),
		"Statistics":   typeOf[registry.Statistics](),
		"RegistryItem": with(typeOf[registryItemJSON](), map[string]any{"status": status}),
		"Verification": obj([]string{"number", "found"}, map[string]any{"number": str, "found": boolean, "status": status, "service_name": str,
			"provider_name": str, "certified_on": date, "valid_until": date, "url": str, "ending": ending}),
		"RegistryList": obj([]string{"items", "total", "page", "per_page"}, map[string]any{"items": arr(ref("RegistryItem")), "total": integer, "page": integer, "per_page": integer}),
		"RegistryService": obj([]string{"service", "status", "url"}, map[string]any{"service": ref("PublicRecord"), "status": status, "url": str,
			"ending": ending,
			"improvement_requests": map[string]any{"type": "array", "description": "published improvement requests (R-11.3); absent when there are none",
				"items": obj([]string{"requested_on", "body", "due_on", "status"}, map[string]any{"requested_on": date, "body": str, "due_on": date,
					"status": enum([]any{incident.RequestOpen, incident.RequestResolved})})}}),
	}
}

// catalogStatuses are the statuses an edition file may declare.
var catalogStatuses = []catalog.Status{catalog.StatusDraft, catalog.StatusOfficial}

// groundLetters are the grounds of an ending: a revocation's, a to j, or
// a succession's kind.
func groundLetters() []any {
	out := make([]any, 0, len(certification.Grounds)+len(certification.Successions))
	for _, g := range certification.Grounds {
		out = append(out, string(g.Ground))
	}
	return append(out, enumOf(certification.Successions)...)
}

// roles is the enum of every role.
func roles() map[string]any { return enum(enumOf(nintei.Roles)) }

// openAPISchema describes this document itself: its paths down to the
// operations, and its schemas as JSON Schema objects (other keywords of
// JSON Schema are allowed there).
func openAPISchema() map[string]any {
	content := map[string]any{"type": "object", "description": "by media type", "additionalProperties": obj([]string{"schema"}, map[string]any{"schema": ref("SchemaObject")})}
	operation := obj([]string{"summary", "description", "operationId", "tags", "x-access", "responses", "security"}, map[string]any{
		"summary": str, "description": str, "operationId": str, "tags": arr(str), "x-access": str, "x-access-any-of": arr(str),
		"security":    arr(map[string]any{"type": "object", "additionalProperties": arr(str)}),
		"parameters":  arr(obj([]string{"name", "in", "schema"}, map[string]any{"name": str, "in": enum([]any{"path", "query"}), "required": boolean, "description": str, "schema": ref("SchemaObject")})),
		"requestBody": obj([]string{"content"}, map[string]any{"required": boolean, "content": content}),
		"responses": map[string]any{"type": "object", "description": "by status code, and default",
			"additionalProperties": obj([]string{"description"}, map[string]any{"description": str, "content": content,
				"headers": map[string]any{"type": "object", "additionalProperties": obj(nil, map[string]any{"description": str, "schema": ref("SchemaObject")})}})},
	})
	pathItem := map[string]any{"type": "object", "description": "the operations of a path, by method", "propertyNames": enum([]any{"get", "put", "post", "delete", "patch"}),
		"additionalProperties": operation}
	return obj([]string{"openapi", "info", "paths", "components"}, map[string]any{
		"openapi": map[string]any{"const": "3.1.0"}, "info": obj([]string{"title", "version"}, map[string]any{"title": str, "version": str,
			"description": str, "contact": obj(nil, map[string]any{"name": str, "url": str, "email": str}),
			"license": obj([]string{"name"}, map[string]any{"name": str, "url": str})}),
		"servers": arr(obj([]string{"url"}, map[string]any{"url": str, "description": str})),
		"tags":    arr(obj([]string{"name"}, map[string]any{"name": str, "description": str})),
		"paths":   map[string]any{"type": "object", "description": "by path", "additionalProperties": pathItem},
		"components": obj([]string{"schemas", "securitySchemes"}, map[string]any{
			"schemas": map[string]any{"type": "object", "description": "by name", "additionalProperties": ref("SchemaObject")},
			"securitySchemes": map[string]any{"type": "object", "description": "by name", "additionalProperties": obj([]string{"type"}, map[string]any{
				"type": enum([]any{"http", "apiKey"}), "scheme": str, "in": str, "name": str, "description": str})}})})
}

// schemaObjectSchema is a JSON Schema object of the document, by the
// keywords it uses; any other keyword of JSON Schema 2020-12 may appear.
func schemaObjectSchema() map[string]any {
	s := obj(nil, map[string]any{
		"type":        map[string]any{"anyOf": []any{str, arr(str)}},
		"$ref":        str,
		"description": str, "format": str, "pattern": str, "required": arr(str), "enum": map[string]any{"type": "array"},
		"properties":           map[string]any{"type": "object", "additionalProperties": ref("SchemaObject")},
		"additionalProperties": map[string]any{"anyOf": []any{boolean, ref("SchemaObject")}},
		"items":                ref("SchemaObject"),
		"anyOf":                arr(ref("SchemaObject")), "oneOf": arr(ref("SchemaObject")), "allOf": arr(ref("SchemaObject")),
	})
	s["additionalProperties"] = true
	return s
}
