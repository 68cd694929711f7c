package logging

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

func TestHandlerAddsRequestIDFromContext(t *testing.T) {
	var buf bytes.Buffer
	log := New(&buf, "info").With("component", "test")
	ctx := WithRequestID(context.Background(), "abc12345")
	log.ErrorContext(ctx, "with id", "k", 1)
	log.Info("without id")
	log.DebugContext(ctx, "below the level")

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2:\n%s", len(lines), buf.String())
	}
	var first, second map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	if got, want := first["request_id"], "abc12345"; got != want {
		t.Errorf("request_id = %v, want %v", got, want)
	}
	if first["component"] != "test" || first["k"] != 1.0 {
		t.Errorf("attributes lost: %v", first)
	}
	if _, ok := second["request_id"]; ok {
		t.Errorf("a line logged without a request's context has request_id: %v", second)
	}
}
