package api

import "nintei/application"

// addRequestBody describes the body a route takes: a multipart upload, a
// workbook, a catalog file, or a JSON schema by name.
func addRequestBody(op map[string]any, request string) {
	switch request {
	case "":
	case "multipart":
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"multipart/form-data": map[string]any{"schema": obj([]string{"purpose", "file"}, map[string]any{
				"purpose":     map[string]any{"type": "string", "enum": enumOf(append(append([]application.Purpose{}, application.Purposes...), application.PurposeInvestigation))},
				"item_id":     map[string]any{"type": "array", "items": str, "description": "the Form B items the file backs (repeat the field)"},
				"source_url":  map[string]any{"type": "string", "description": "a web page's address (web_evidence)"},
				"captured_on": map[string]any{"type": "string", "description": "the day a web page was captured (YYYY-MM-DD; other written forms of a date are read too)"},
				"original":    map[string]any{"type": "string", "enum": []any{"", "1"}, "description": "1 when the file is the original, not a copy"},
				"file":        map[string]any{"type": "string", "format": "binary", "description": "the file; sent last, it is streamed"}})}}}
	case "mapping":
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"multipart/form-data": map[string]any{"schema": obj([]string{"file", "mapping"}, map[string]any{
				"file":    map[string]any{"type": "string", "format": "binary", "description": "the new catalog edition file (YAML or JSON)"},
				"mapping": map[string]any{"type": "string", "format": "binary", "description": "the mapping from the previous edition (nintei-catalog-mapping/1, see docs/catalog-schema.md)"}})}}}
	case "xlsx":
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			xlsxType: map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}}}
	case "yaml":
		op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/yaml": map[string]any{"schema": map[string]any{"type": "string", "description": "catalog edition file, see docs/catalog-schema.md"}},
			"application/json": map[string]any{"schema": ref("Catalog")}}}
	default:
		op["requestBody"] = map[string]any{"required": true, "content": jsonContent(request)}
	}
}
