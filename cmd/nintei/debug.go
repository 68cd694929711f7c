package main

import (
	"context"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// serveDebug answers Go's profiler on a loopback address (config refuses
// any other) so that the load runs can be profiled on a live server. It
// is off unless --debug-addr is set, and it never shares the public mux.
func serveDebug(ctx context.Context, a *app) {
	if a.cfg.DebugAddr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	ln, err := net.Listen("tcp", a.cfg.DebugAddr)
	if err != nil {
		a.log.Error("debug listener", "addr", a.cfg.DebugAddr, "err", err)
		return
	}
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); _ = hs.Close() }()
	a.log.Info("profiler listening", "addr", ln.Addr().String())
	_ = hs.Serve(ln)
}

// serveMetrics answers Prometheus on its own address, never on the public
// site: the counts (applications by state, job queue) are the body's own
// business. Off unless --metrics-addr is set.
func serveMetrics(ctx context.Context, a *app) {
	if a.cfg.MetricsAddr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.metrics.Handler())
	ln, err := net.Listen("tcp", a.cfg.MetricsAddr)
	if err != nil {
		a.log.Error("metrics listener", "addr", a.cfg.MetricsAddr, "err", err)
		return
	}
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); _ = hs.Close() }()
	a.log.Info("metrics listening", "addr", ln.Addr().String())
	_ = hs.Serve(ln)
}
