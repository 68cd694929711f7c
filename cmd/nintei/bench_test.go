package main

import (
	"context"
	"net"
	"net/http"
	"testing"
)

// BenchmarkStartupToReady measures `nintei serve` from the call to the
// first 200 from /readyz on an existing demo data directory: opening and
// migrating the database, checking the built-in catalog, parsing templates
// and listening. The target is ≤ 1 s.
func BenchmarkStartupToReady(b *testing.B) {
	dir := b.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := startServer(b, ctx, []string{"demo", "--data-dir", dir, "--addr", "127.0.0.1:0"})
	cancel()
	<-done
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		done := startServer(b, ctx, []string{"serve", "--data-dir", dir, "--addr", "127.0.0.1:0", "--log-level", "error"})
		b.StopTimer()
		cancel()
		<-done
		b.StartTimer()
	}
}

// BenchmarkBaselineBareHTTP is the floor the startup figure is compared
// with: a bare net/http server listening and answering one request.
func BenchmarkBaselineBareHTTP(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ready")) })}
		go srv.Serve(ln)
		waitReady(b, "http://"+ln.Addr().String())
		b.StopTimer()
		srv.Close()
		b.StartTimer()
	}
}
