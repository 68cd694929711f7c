package request

import (
	"net/http"
	"time"

	"nintei"
	"nintei/internal/metrics"
	"nintei/internal/sso"
	"nintei/internal/web/ratelimit"
)

// Options are the server's HTTP settings.
type Options struct {
	MaxBodyBytes   int64 // limit for ordinary requests
	MaxUploadBytes int64 // limit for routes that take a file (catalog import)
	SecureCookies  bool  // set the Secure attribute (the site is served over HTTPS)
	TrustProxy     bool  // believe X-Forwarded-Proto / X-Request-ID from a reverse proxy
	Version        string
	Ready          func() error // readiness probe (the database; 503 while shutting down); nil: always ready
	// Degraded reports trouble that /readyz names without answering 503
	// (the evidence store: the public registry does not need it, so one
	// S3 outage must not take every instance out of the load balancer).
	Degraded func() error
	// CacheBytes bounds the cache of public registry responses (default
	// 32 MiB; negative turns it off). GenerationTTL is how long a read of
	// the registry generation is trusted (0: read on every request).
	CacheBytes    int
	GenerationTTL time.Duration
	// PageFileBytes bounds the disk the cache may use for large responses
	// (publiccache/diskpages.go), in unlinked files under PageFileDir (the system's
	// temporary directory when empty); 0 or less keeps every response in
	// memory.
	PageFileBytes int64
	PageFileDir   string
	Metrics       *metrics.Metrics // request latency by route; nil records nothing
	Limits        ratelimit.Limits // per-client rate limits (package ratelimit); zero: none
	// DemoClock is the demo's movable clock; when set, administrators get
	// /admin/clock to move it and every page says which day it shows.
	DemoClock *nintei.OffsetClock
	// FeedTag is the tagging entity (RFC 4151, "authority,date") of the
	// Atom feeds' IDs; empty: the base URL's host and DefaultFeedTagDate.
	FeedTag string
	// SSO are the OpenID Connect providers of the login page (package
	// internal/sso); SSOHTTP, when set, is the client that reaches them.
	SSO     []sso.Provider
	SSOHTTP *http.Client
}
