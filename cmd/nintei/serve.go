package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"nintei"
	"nintei/internal/config"
	"nintei/internal/jobs"
	"nintei/internal/web"
	"nintei/registry"
	"nintei/tools/demo"
)

func cmdServe(ctx context.Context, e env, args []string) error {
	cfg, _, err := config.Load("nintei serve", args, e.getenv, e.stderr)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, e, cfg, nintei.SystemClock{})
	if err != nil {
		return err
	}
	defer a.Close()
	warnDocuments(a)
	return serve(ctx, e, a)
}

// warnDocuments tells the operator what the body's documents lack. These
// settings are not required, so that a development server starts without
// them, but a body in production needs them: an invoice without the
// registration number is not a qualified invoice (適格請求書), and a
// certificate printed with a localhost verification URL cannot be verified.
func warnDocuments(a *app) {
	if missing := a.cfg.Body.Missing(); len(missing) > 0 {
		a.log.Warn("the body's invoices, certificates and mails lack details; set them before issuing documents",
			"settings", strings.Join(missing, ", "))
	}
	if a.cfg.BaseURLDefaulted {
		a.log.Warn("--base-url / NINTEI_BASE_URL is not set: e-mailed links and the certificate's verification URL point to base_url",
			"base_url", a.cfg.BaseURL)
	}
}

// cmdDemo serves a demo body. Without a data directory it makes a fresh
// one in the temporary directory, so every `nintei demo` starts clean.
func cmdDemo(ctx context.Context, e env, args []string) error {
	if e.getenv("NINTEI_DATA_DIR") == "" && e.getenv("NINTEI_DATABASE_URL") == "" && !hasFlag(args, "data-dir") {
		dir, err := os.MkdirTemp("", "nintei-demo-")
		if err != nil {
			return err
		}
		args = append([]string{"--data-dir", dir}, args...)
	}
	args = demoDefaults(args, e.getenv)
	samples := true
	cfg, _, err := config.Load("nintei demo", args, e.getenv, e.stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&samples, "sample-applications", true, "seed two applications under review and a registry of 30 certified services")
	})
	if err != nil {
		return err
	}
	cfg.Body = cfg.Body.Or(demo.Body) // sample issuer details where none are configured
	if !hasFlag(args, "shutdown-delay") && e.getenv("NINTEI_SHUTDOWN_DELAY") == "" {
		cfg.ShutdownDelay = 0 // no load balancer in front of a demo: stop at once
	}
	if err := demoRegistryKey(&cfg); err != nil {
		return err
	}
	clock := &nintei.OffsetClock{} // an administrator may move it (/admin/clock)
	a, err := openApp(ctx, e, cfg, clock)
	if err != nil {
		return err
	}
	defer a.Close()
	a.demoClock = clock
	seeded, err := demo.Seed(ctx, a.svc)
	if err != nil {
		return err
	}
	if seeded && samples {
		if err := demo.SeedApplications(ctx, a.svc); err != nil {
			return err
		}
		if err := demo.SeedRegistry(ctx, a.svc); err != nil {
			return err
		}
	}
	if _, err := a.svc.MakeRegistrySnapshot(ctx); err != nil { // the demo has a signed snapshot from its start
		return err
	}
	printDemoLogins(e, cfg, seeded && samples)
	return serve(ctx, e, a)
}

// demoRegistryKey gives the demo a signing key in its data directory when
// none is configured, so its registry snapshot is signed.
func demoRegistryKey(cfg *config.Config) error {
	if cfg.RegistryKey != "" || cfg.DataDir == "" {
		return nil
	}
	cfg.RegistryKey = filepath.Join(cfg.DataDir, "registry-key.pem")
	if _, err := os.Stat(cfg.RegistryKey); err == nil { // #nosec G703 -- the operator names the data directory
		return nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil { // #nosec G703 -- the operator names the data directory
		return err
	}
	k, err := registry.NewKeyRing(nil, time.Now())
	if err != nil {
		return err
	}
	return registry.WriteKeyRing(cfg.RegistryKey, k, false)
}

func hasFlag(args []string, name string) bool {
	for _, a := range args {
		a = strings.TrimLeft(a, "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

func printDemoLogins(e env, cfg config.Config, registry bool) {
	fmt.Fprintf(e.stdout, "nintei demo — データ: %s\n", cfg.DataDir)
	fmt.Fprintf(e.stdout, "メールは %s/outbox に .eml で保存されます。\n\n", cfg.DataDir)
	fmt.Fprintf(e.stdout, "デモ用ログイン（パスワードはすべて %s）:\n", demo.Password)
	for _, acc := range demo.Accounts {
		org := acc.Org
		if org == "" {
			org = "認定機関"
		}
		fmt.Fprintf(e.stdout, "  %-32s %-12s %s / %s\n", acc.Email, acc.Role, acc.Name, org)
	}
	if registry {
		fmt.Fprintf(e.stdout, "\n認定サービス一覧の事業者（%d社）:\n", len(demo.RegistryAccounts()))
		for _, acc := range demo.RegistryAccounts() {
			fmt.Fprintf(e.stdout, "  %-32s %-12s %s / %s\n", acc.Email, acc.Role, acc.Name, acc.Org)
		}
	}
	fmt.Fprintln(e.stdout)
}

// serve runs the HTTP server until ctx ends, then stops gracefully (see
// drain): /readyz turns 503 at once and requests in flight and running jobs
// get the drain period to finish.
func serve(ctx context.Context, e env, a *app) error {
	d := newDrain()
	defer d.cancel()
	srv, err := web.New(a.svc, a.msgs, a.log, web.Options{
		MaxBodyBytes: a.cfg.MaxBodyBytes, MaxUploadBytes: a.cfg.MaxUploadBytes,
		SecureCookies: a.cfg.SecureCookies(), TrustProxy: a.cfg.TrustProxy, Version: version(),
		CacheBytes: publicCacheBytes(a.cfg.PublicCacheMB), GenerationTTL: 250 * time.Millisecond, Metrics: a.metrics,
		PageFileBytes: int64(a.cfg.PublicCacheDiskMB) << 20,
		Limits:        webLimits(a.cfg.Limits), DemoClock: a.demoClock, FeedTag: a.cfg.FeedTag.Entity(),
		Ready: d.ready(a), Degraded: degraded(a), SSO: a.cfg.OIDC,
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", a.cfg.Addr, err)
	}
	hs := &http.Server{Handler: d.track(srv.Handler()), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		BaseContext: func(net.Listener) context.Context { return d.base }}
	setMemoryLimit(a.cfg.MemoryLimitMB, e.getenv)
	go sweepSessions(ctx, a)
	go warmSearch(ctx, a)
	go serveDebug(ctx, a)
	go serveMetrics(ctx, a)
	jobsDone := startJobs(ctx, a)
	fmt.Fprintf(e.stdout, "listening on http://%s\n", ln.Addr())
	if a.demoClock != nil {
		fmt.Fprintf(e.stdout, "ブラウザで %s を開いてください。\n", openURL(ln.Addr()))
	}
	a.log.Info("listening", "addr", ln.Addr().String(), "base_url", a.cfg.BaseURL, "db", a.store.Dialect())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	err = d.stop(hs, a.cfg.ShutdownDelay, a.cfg.ShutdownDrain, a.log)
	<-jobsDone
	if err != nil {
		return err
	}
	a.log.Info("stopped")
	return nil
}

// sweepSessions deletes expired sessions every hour. Running it on several
// instances at once is harmless: the delete is idempotent.
func sweepSessions(ctx context.Context, a *app) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := a.store.DeleteExpiredSessions(ctx, time.Now()); err != nil && ctx.Err() == nil {
			a.log.Warn("session sweep failed", "err", err)
		} else if n > 0 {
			a.log.Info("expired sessions removed", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// publicCacheBytes turns the setting into web.Options.CacheBytes, where
// a negative size turns the cache off.
// webLimits turns the rate-limit settings into the server's; off is none.
func webLimits(c config.Limits) web.Limits {
	if !c.On {
		return web.Limits{}
	}
	rate := func(r config.Rate) web.Rate { return web.Rate{N: r.N, Per: r.Per} }
	return web.Limits{LoginPerIP: rate(c.LoginPerIP), LoginPerName: rate(c.LoginPerName), Search: rate(c.Search),
		API: rate(c.API), TrustedProxies: c.TrustedProxies}
}

func publicCacheBytes(mb int) int {
	if mb == 0 {
		return -1
	}
	return mb << 20
}

// setMemoryLimit applies the soft heap limit unless GOMEMLIMIT already
// set one: the registry's caches and the garbage of rendering then stay
// within a predictable footprint instead of growing with GOGC's doubling.
func setMemoryLimit(mb int, getenv func(string) string) {
	if mb > 0 && getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(mb) << 20)
	}
}

// startJobs runs the durable background jobs (registry sweep: expiry and
// renewal guidance) until ctx ends; the returned channel closes when the
// runner has stopped. Every instance runs one: the jobs table hands each
// job to one of them.
func startJobs(ctx context.Context, a *app) <-chan struct{} {
	// Running jobs get the drain period to finish; then they are
	// cancelled and recorded as failed attempts, to be retried.
	r := jobs.New(a.store, a.clock, jobs.Options{Log: a.log, PollInterval: a.cfg.JobPoll, StopGrace: a.cfg.ShutdownDrain,
		Observe: a.metrics.ObserveJob})
	a.svc.RegisterJobs(r)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := r.Run(ctx); err != nil && ctx.Err() == nil {
			a.log.Error("job runner stopped", "err", err)
		}
	}()
	return done
}

// warmSearch builds the registry's search index while the server starts
// listening, so that the first search does not wait for it (about 2 s at
// 10,000 services). A failure is logged only: the first search retries.
func warmSearch(ctx context.Context, a *app) {
	if err := a.store.WarmSearch(ctx); err != nil && ctx.Err() == nil {
		a.log.Warn("search index not built at start", "err", err)
	}
}
