package api

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/certification"
	"nintei/formb"
	"nintei/registry"
	"nintei/review"
	"nintei/service/aftercare"
	"nintei/service/examination"
)

// The schemas of answers that are Go types written as they are (the
// registry's snapshot, invoices, inquiries, the review's parts) come from
// the types themselves, so that a field added to a type is a field of the
// document.

var (
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

// typeEnums are the enums of the domain's named string types, from the
// domain's own lists.
func typeEnums() map[reflect.Type][]any {
	return map[reflect.Type][]any{
		reflect.TypeFor[application.State]():    enumOf(application.States),
		reflect.TypeFor[application.Kind]():     enumOf([]application.Kind{application.New, application.Renewal, application.Change}),
		reflect.TypeFor[application.Purpose]():  enumOf(append(append([]application.Purpose{}, application.Purposes...), application.PurposeInvestigation)),
		reflect.TypeFor[certification.Status](): enumOf(certification.Statuses),
		reflect.TypeFor[nintei.Role]():          enumOf(nintei.Roles),
		reflect.TypeFor[review.FeeKind]():       enumOf([]review.FeeKind{review.FeeNew, review.FeeRenewal, review.FeeReissue}),
	}
}

// enumOf turns a domain list of named strings into an enum.
func enumOf[S ~string](xs []S) []any {
	out := make([]any, 0, len(xs))
	for _, x := range xs {
		out = append(out, string(x))
	}
	return out
}

// schemaOf is the JSON schema of what encoding/json writes for a value of
// type t: fields without omitempty are required; a *_on string is a date,
// empty when the day is not known yet.
func schemaOf(t reflect.Type) map[string]any {
	return reflectSchema(t, "", map[reflect.Type]bool{})
}

func reflectSchema(t reflect.Type, name string, seen map[reflect.Type]bool) map[string]any {
	if e, ok := typeEnums()[t]; ok {
		return map[string]any{"type": "string", "enum": e}
	}
	switch {
	case t == timeType:
		return when
	case t == rawType:
		return map[string]any{"description": "any JSON value"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := reflectSchema(t.Elem(), name, seen)
		return nullable(s)
	case reflect.String:
		switch {
		case isDateName(name):
			return dateOrEmpty
		case name == "since":
			return when
		}
		return str
	case reflect.Bool:
		return boolean
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return integer
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return arr(reflectSchema(t.Elem(), "", seen))
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": reflectSchema(t.Elem(), "", seen)}
	case reflect.Struct:
		if seen[t] {
			return map[string]any{"description": "recursive: see the enclosing " + t.Name()}
		}
		seen[t] = true
		defer delete(seen, t)
		props, required := map[string]any{}, []string{}
		structFields(t, props, &required, seen)
		return obj(required, props)
	}
	return map[string]any{"description": "any JSON value"}
}

// structFields adds the JSON fields of struct t, flattening embedded structs
// as encoding/json does.
func structFields(t reflect.Type, props map[string]any, required *[]string, seen map[reflect.Type]bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			structFields(f.Type, props, required, seen) // flattened, exported or not, as encoding/json does
			continue
		}
		if !f.IsExported() || tag == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = reflectSchema(f.Type, name, seen)
		if !strings.Contains(opts, "omitempty") {
			*required = append(*required, name)
		}
	}
}

// isDateName tells the day fields by their names (YYYY-MM-DD strings).
func isDateName(name string) bool {
	return strings.HasSuffix(name, "_on") || strings.HasSuffix(name, "_until") ||
		slices.Contains([]string{"until", "on", "today", "opens", "closes", "invoice_due", "inquiry_answer_due"}, name)
}

// nullable lets a schema also be null.
func nullable(s map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range s {
		out[k] = v
	}
	switch t := s["type"].(type) {
	case string:
		out["type"] = []any{t, "null"}
	case nil:
		return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
	}
	if e, ok := s["enum"].([]any); ok {
		out["enum"] = append(append([]any{}, e...), nil)
	}
	return out
}

// typeSchemas are the components written from Go types.
func typeSchemas() map[string]any {
	return map[string]any{
		"FormA":        schemaOf(reflect.TypeFor[application.FormA]()),
		"Entry":        schemaOf(reflect.TypeFor[formb.Entry]()),
		"Invoice":      schemaOf(reflect.TypeFor[review.Invoice]()),
		"Inquiry":      schemaOf(reflect.TypeFor[review.Inquiry]()),
		"Decision":     schemaOf(reflect.TypeFor[review.Decision]()),
		"Catalog":      schemaOf(reflect.TypeFor[catalog.Edition]()),
		"PublicRecord": schemaOf(reflect.TypeFor[registry.Service]()),
		"Progress2": obj([]string{"invoices", "inquiries", "decision"}, map[string]any{"invoices": arr(ref("Invoice")),
			"inquiries": arr(ref("Inquiry")),
			"decision":  map[string]any{"description": "the decision; null before one", "anyOf": []any{ref("Decision"), map[string]any{"type": "null"}}}}),
		"Review": obj([]string{"application", "events", "checklist", "verdict", "certifiable", "blockers", "assessments", "committee",
			"investigations", "recent_revocations"}, map[string]any{
			"application": ref("Application"),
			"events":      map[string]any{"type": "array", "description": "the events the caller may fire now", "items": map[string]any{"type": "string", "enum": tableEvents(false)}},
			"checklist":   schemaOf(reflect.TypeFor[[]examination.Point]()),
			"verdict": obj([]string{"pass", "findings"}, map[string]any{"pass": boolean,
				"findings": schemaOf(reflect.TypeFor[[]formb.Finding]())}),
			"certifiable": boolean,
			"blockers":    schemaOf(reflect.TypeFor[[]examination.Blocker]()),
			"assessments": map[string]any{"type": "object", "description": "by item ID", "additionalProperties": schemaOf(reflect.TypeFor[review.Assessment]())},
			"committee": obj([]string{"members", "conclusion", "met_on"}, map[string]any{
				"members": schemaOf(reflect.TypeFor[[]review.Member]()), "conclusion": str, "met_on": dateOrEmpty}),
			"investigations":     schemaOf(reflect.TypeFor[[]review.Investigation]()),
			"recent_revocations": schemaOf(reflect.TypeFor[[]aftercare.RecentRevocation]()),
		}),
	}
}

// tableEvents are the events of the state table, in its order; staff only
// leaves out the applicant's.
func tableEvents(staffOnly bool) []any {
	var out []application.Event
	for _, t := range application.Table {
		if !slices.Contains(out, t.Event) && (!staffOnly || t.By != application.ByApplicant) {
			out = append(out, t.Event)
		}
	}
	return enumOf(out)
}

// with is a copy of an object schema with some properties replaced (an
// enum the Go type cannot say, a description).
func with(s map[string]any, props map[string]any) map[string]any {
	out := maps.Clone(s)
	ps := maps.Clone(s["properties"].(map[string]any))
	for k, v := range props {
		if _, ok := ps[k]; !ok {
			panic("openapi: no property " + k) // a renamed field: the document must follow
		}
		ps[k] = v
	}
	out["properties"] = ps
	return out
}

// enum is a string schema with the given values.
func enum(values []any) map[string]any { return map[string]any{"type": "string", "enum": values} }

// stringsEnum is enum for a list of plain strings.
func stringsEnum(xs []string) map[string]any { return enum(enumOf(xs)) }

// typeOf is schemaOf for a type parameter.
func typeOf[T any]() map[string]any { return schemaOf(reflect.TypeFor[T]()) }
