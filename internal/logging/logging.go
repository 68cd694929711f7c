// Package logging carries the ID of the request being served in the
// context and writes it into every log line made with that context.
//
// nintei passes one *slog.Logger to each component when it is wired
// (web.New, service.New, jobs.New), and the components already pass the
// request's context down every call. So the ID travels in the context and a
// slog.Handler reads it from there: a log call made with a context
// (log.ErrorContext(ctx, …)) gets the request_id attribute, wherever in the
// layers it is made, without a logger hidden in the context or a request
// parameter in the service's signatures.
package logging

import (
	"context"
	"io"
	"log/slog"
)

type ctxKey struct{}

// WithRequestID returns a context that carries the request ID id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// RequestID returns the request ID ctx carries, or "" outside a request.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

// Handler wraps next so that every record logged with a context carrying a
// request ID gets the attribute request_id (inside the group, on a logger
// made with WithGroup; nintei's loggers use none).
func Handler(next slog.Handler) slog.Handler { return handler{next} }

type handler struct{ next slog.Handler }

func (h handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h handler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		r = r.Clone()
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.next.Handle(ctx, r)
}

func (h handler) WithAttrs(as []slog.Attr) slog.Handler { return handler{h.next.WithAttrs(as)} }
func (h handler) WithGroup(name string) slog.Handler    { return handler{h.next.WithGroup(name)} }

// New returns nintei's logger: JSON lines on w at the given level ("debug",
// "info", "warn", "error"; anything else is info), with request IDs.
func New(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(Handler(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l})))
}
