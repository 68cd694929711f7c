package main

import (
	"context"
	"net/http"
	"testing"
)

// `nintei serve` applies the configured rate limits, and --rate-limits=false
// (what bench/run.sh passes) turns them off.
func TestServeAppliesRateLimits(t *testing.T) {
	for _, tt := range []struct {
		name  string
		flags []string
		want  []int
	}{
		{"on", []string{"--api-limit", "2/1m"}, []int{200, 200, 429}},
		{"off for benchmarks", []string{"--api-limit", "2/1m", "--rate-limits=false"}, []int{200, 200, 200}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			done := startServer(t, ctx, append([]string{"serve", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0", "--log-level", "error"}, tt.flags...))
			defer func() { cancel(); <-done }()
			for i, want := range tt.want {
				resp, err := http.Get(serverURL + "/api/v1/openapi.json")
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != want {
					t.Errorf("request %d = %d, want %d", i+1, resp.StatusCode, want)
				}
				if want == 429 && resp.Header.Get("Retry-After") != "30" {
					t.Errorf("Retry-After = %q, want 30", resp.Header.Get("Retry-After"))
				}
			}
		})
	}
}
