// Package config reads nintei's settings from command-line flags and
// NINTEI_* environment variables (flags win), validates them all at once and
// reports every problem in one message.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"nintei/internal/sso"
	"nintei/review"
)

// Config is every setting of a nintei process.
type Config struct {
	Addr              string
	DataDir           string
	DatabaseURL       string
	BlobBackend       string // "dir" or "s3"
	RegistryKey       string // the registry's signing key file; empty: no signed snapshots
	S3                S3     // used when BlobBackend is "s3"
	BaseURL           string
	SMTPHost          string
	SMTPPort          int
	SMTPUser          string
	SMTPPassword      string
	SMTPTLS           string        // starttls, opportunistic, tls or none (see mail.TLSMode)
	SMTPTimeout       time.Duration // bounds dialling and each exchange with the SMTP server
	MailFrom          string
	LogLevel          string
	MaxBodyBytes      int64
	MaxUploadBytes    int64
	SessionIdle       time.Duration
	SessionLifetime   time.Duration // a session ends this long after its login, used or not
	TrustProxy        bool
	DebugAddr         string
	MetricsAddr       string
	PublicCacheMB     int
	PublicCacheDiskMB int
	MemoryLimitMB     int
	JobPoll           time.Duration // how often this instance looks for due background jobs
	// ShutdownDelay and ShutdownDrain: after SIGTERM, /readyz answers 503
	// while the listener still takes requests for ShutdownDelay; requests
	// in flight and running jobs have until ShutdownDrain after the signal.
	ShutdownDelay, ShutdownDrain time.Duration
	JobRetention                 time.Duration // how long done background jobs are kept
	Fees                         Fees
	Limits                       Limits
	Body                         Body // the certification body on invoices, certificates and mails
	Casework                     Casework
	FeedTag                      FeedTag        // the tagging entity of the Atom feeds' IDs (RFC 4151)
	OIDC                         []sso.Provider // single sign-on providers (oidc.go)
	// BaseURLDefaulted is set when --base-url was empty and BaseURL is the
	// local default: fine for the demo, wrong for a body's documents (the
	// certificate prints its verification URL), so serve warns.
	BaseURLDefaulted bool
}

// Fees are the fee schedule's settings (R-4.6: configuration, not code).
type Fees struct {
	NewYen, RenewalYen, ReissueYen, TaxPercent int64
	PaymentDays                                int
}

// S3 are the settings of the S3-compatible evidence store. The bucket must
// exist and must not be public; nintei checks the latter at start.
type S3 struct {
	Endpoint, Bucket, Region, Prefix string
	AccessKey, SecretKey             string
	TLS                              bool
	SSE, KMSKeyID                    string // SSE: "", "s3" or "kms"
}

// defaultFees is the fee schedule of the program overview (別表1): the
// defaults of the fee settings, kept in one place, review.DefaultFees.
var defaultFees = review.DefaultFees()

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// setting describes one configuration value: its flag, its variable, its
// default and its help text. The README's configuration table lists these.
type setting struct {
	flag, env, def, help string
}

// Settings is the table of every setting, in the order the README shows them.
var Settings = []setting{
	{"addr", "NINTEI_ADDR", ":8080", "address to listen on"},
	{"data-dir", "NINTEI_DATA_DIR", "./data", "directory for the SQLite database, evidence files and the mail outbox"},
	{"database-url", "NINTEI_DATABASE_URL", "", "postgres://… to use PostgreSQL; empty for SQLite in the data directory"},
	{"blob-backend", "NINTEI_BLOB_BACKEND", "dir", "where evidence files are kept: dir (DATA_DIR/files, one instance) or s3 (a bucket several instances share)"},
	{"s3-endpoint", "NINTEI_S3_ENDPOINT", "", "host[:port] of the S3-compatible service, without a scheme (s3 backend)"},
	{"s3-bucket", "NINTEI_S3_BUCKET", "", "bucket for evidence files; it must exist and must not be public"},
	{"s3-region", "NINTEI_S3_REGION", "", "region of the bucket; empty asks the service"},
	{"s3-access-key", "NINTEI_S3_ACCESS_KEY", "", "access key ID"},
	{"s3-secret-key", "NINTEI_S3_SECRET_KEY", "", "secret access key (prefer the variable: a flag shows in the process list)"},
	{"s3-tls", "NINTEI_S3_TLS", "true", "reach the service over https; false only for a service on the same host"},
	{"s3-prefix", "NINTEI_S3_PREFIX", "", "optional prefix of every object name in the bucket (e.g. nintei/)"},
	{"s3-sse", "NINTEI_S3_SSE", "", "server-side encryption asked for on every write: empty (the bucket's default), s3 (SSE-S3) or kms (SSE-KMS)"},
	{"s3-sse-kms-key-id", "NINTEI_S3_SSE_KMS_KEY_ID", "", "KMS key for s3-sse=kms; empty for the service's default key"},
	{"registry-key", "NINTEI_REGISTRY_KEY", "", "Ed25519 key file (nintei registry keygen) that signs the daily registry snapshot; empty turns snapshots off (the demo makes one in its data directory)"},
	{"base-url", "NINTEI_BASE_URL", "", "public URL of the site, used in e-mailed links (default http://localhost:PORT); https:// turns on Secure cookies"},
	{"feed-tag-authority", "NINTEI_FEED_TAG_AUTHORITY", "", "the tagging authority (RFC 4151) of the Atom feeds' IDs: a domain name or e-mail address the body owned on --feed-tag-date; empty: the base URL's host. Set it, so the IDs outlive a change of domain"},
	{"feed-tag-date", "NINTEI_FEED_TAG_DATE", defaultFeedTagDate, "a day (YYYY-MM-DD, YYYY-MM or YYYY) on which the body owned --feed-tag-authority; never change it once feeds are read"},
	{"smtp-host", "NINTEI_SMTP_HOST", "", "SMTP server; empty writes e-mails as .eml files into DATA_DIR/outbox"},
	{"smtp-port", "NINTEI_SMTP_PORT", "587", "SMTP port"},
	{"smtp-user", "NINTEI_SMTP_USER", "", "SMTP user (PLAIN auth; empty for none)"},
	{"smtp-password", "NINTEI_SMTP_PASSWORD", "", "SMTP password"},
	{"smtp-tls", "NINTEI_SMTP_TLS", "starttls", "starttls (refuse to send without it), opportunistic, tls (port 465) or none"},
	{"smtp-timeout", "NINTEI_SMTP_TIMEOUT", "15s", "time allowed to connect to the SMTP server and for each exchange with it"},
	{"mail-from", "NINTEI_MAIL_FROM", "nintei@localhost", "sender address of notices"},
	{"log-level", "NINTEI_LOG_LEVEL", "info", "debug, info, warn or error (JSON lines on stderr)"},
	{"max-body-bytes", "NINTEI_MAX_BODY_BYTES", "1048576", "largest request body for forms and JSON"},
	{"max-upload-bytes", "NINTEI_MAX_UPLOAD_BYTES", "20971520", "largest uploaded file (20 MiB)"},
	{"session-idle", "NINTEI_SESSION_IDLE", "12h", "a session unused this long expires"},
	{"session-lifetime", "NINTEI_SESSION_LIFETIME", "168h", "a session ends this long after its login however much it is used (7 days); at least session-idle"},
	{"trust-proxy", "NINTEI_TRUST_PROXY", "false", "trust X-Forwarded-Proto and X-Request-ID from a reverse proxy"},
	{"public-cache-mb", "NINTEI_PUBLIC_CACHE_MB", "32", "memory for rendered public registry responses (0 turns the cache off)"},
	{"public-cache-disk-mb", "NINTEI_PUBLIC_CACHE_DISK_MB", "1024", "disk for the large cached public responses (service pages, lists), in unlinked files in the temporary directory (TMPDIR); 0 keeps them in memory"},
	{"memory-limit-mb", "NINTEI_MEMORY_LIMIT_MB", "80", "soft memory limit for the Go heap: garbage is collected harder near it (0: none; GOMEMLIMIT wins when set)"},
	{"metrics-addr", "NINTEI_METRICS_ADDR", "", "address for Prometheus' /metrics, apart from the public site (e.g. 10.0.0.5:9100 on the private network); empty turns it off"},
	{"debug-addr", "NINTEI_DEBUG_ADDR", "", "loopback address for Go's profiler (/debug/pprof/); empty turns it off"},
	{"shutdown-delay", "NINTEI_SHUTDOWN_DELAY", "5s", "after SIGTERM, how long /readyz answers 503 while new requests are still taken, so a load balancer stops sending them (the demo: 0)"},
	{"shutdown-drain", "NINTEI_SHUTDOWN_DRAIN", "25s", "after SIGTERM, how long requests in flight and running jobs may take to finish (the delay included); the exit is 0 when they all did. Keep systemd's TimeoutStopSec above it"},
	{"job-poll", "NINTEI_JOB_POLL", "5s", "how often each instance looks for due background jobs (from 100ms to 1h); every instance runs them, each job once"},
	{"job-retention", "NINTEI_JOB_RETENTION", "720h", "how long done background jobs are kept before the daily prune deletes them (from 1h; default 30 days); a mail job holds its mail's text, single-use links included, until then"},
	// The fee defaults come from review.DefaultFees, their one source.
	{"fee-new-yen", "NINTEI_FEE_NEW_YEN", itoa(defaultFees.NewYen), "new application fee before tax (R-4.6)"},
	{"fee-renewal-yen", "NINTEI_FEE_RENEWAL_YEN", itoa(defaultFees.RenewalYen), "renewal fee before tax"},
	{"fee-reissue-yen", "NINTEI_FEE_REISSUE_YEN", itoa(defaultFees.ReissueYen), "certificate reissue fee before tax"},
	{"tax-percent", "NINTEI_TAX_PERCENT", itoa(defaultFees.TaxPercent), "consumption tax rate; the tax is rounded down to the yen"},
	{"payment-days", "NINTEI_PAYMENT_DAYS", strconv.Itoa(defaultFees.PaymentDays), "days from invoice to due date; a due date on a weekend, national holiday or closing day moves to the next business day"},
	{"inquiry-answer-days", "NINTEI_INQUIRY_ANSWER_DAYS", "14", "calendar days from an inquiry (照会) to its answer due date; one reminder is mailed 3 days before"},
	{"stalled-close-days", "NINTEI_STALLED_CLOSE_DAYS", "30", "days an invoice or an inquiry answer must be overdue before the secretariat may close the application (取下げ扱い)"},
	{"closing-days", "NINTEI_CLOSING_DAYS", "12-29..01-03", "the body's own closing days besides weekends and national holidays: MM-DD..MM-DD periods, comma-separated (default 年末年始); empty for none"},
	{"body-name", "NINTEI_BODY_NAME", "", "the certification body's name on invoices, certificates and mails; empty: the body organisation's name"},
	{"body-department", "NINTEI_BODY_DEPARTMENT", "", "the secretariat's name under the body's name in mail signatures (e.g. 認定事務局)"},
	{"body-postal-code", "NINTEI_BODY_POSTAL_CODE", "", "the body's postal code, NNN-NNNN"},
	{"body-address", "NINTEI_BODY_ADDRESS", "", "the body's address (invoice issuer, mail signature)"},
	{"body-phone", "NINTEI_BODY_PHONE", "", "the body's telephone number"},
	{"body-email", "NINTEI_BODY_EMAIL", "", "the secretariat's e-mail address in mail signatures"},
	{"body-url", "NINTEI_BODY_URL", "", "the body's website in mail signatures; empty: the base URL"},
	{"body-contact-hours", "NINTEI_BODY_CONTACT_HOURS", "", "the contact window's hours (問合せ窓口の受付時間) on the public contact page, in Japanese; empty: 平日 10:00〜17:00（土日・祝日・年末年始を除く）"},
	{"body-contact-email", "NINTEI_BODY_CONTACT_EMAIL", "", "e-mail address of the public contact window, if it is not the body's e-mail"},
	{"body-contact-phone", "NINTEI_BODY_CONTACT_PHONE", "", "telephone number of the public contact window, if it is not the body's telephone"},
	{"body-representative-title", "NINTEI_BODY_REPRESENTATIVE_TITLE", "", "the representative's title on the certificate and invoice (e.g. 理事長)"},
	{"body-representative-name", "NINTEI_BODY_REPRESENTATIVE_NAME", "", "the representative's name on the certificate and invoice"},
	{"invoice-registration-number", "NINTEI_INVOICE_REGISTRATION_NUMBER", "", "qualified invoice issuer registration number (登録番号): T and 13 digits, checked; without it the invoice is not a 適格請求書"},
	{"bank-name", "NINTEI_BANK_NAME", "", "bank of the transfer account (振込先) printed on invoices; set all bank-* settings or none"},
	{"bank-branch", "NINTEI_BANK_BRANCH", "", "branch of the transfer account"},
	{"bank-account-type", "NINTEI_BANK_ACCOUNT_TYPE", "普通", "account type: 普通 or 当座"},
	{"bank-account-number", "NINTEI_BANK_ACCOUNT_NUMBER", "", "account number, 7 digits"},
	{"bank-account-holder", "NINTEI_BANK_ACCOUNT_HOLDER", "", "account holder name in katakana, as the bank registers it"},
	{"seal-image", "NINTEI_SEAL_IMAGE", "", "PNG of the body's seal (印影), drawn beside the representative's name on certificates and invoices; empty for none"},
	{"rate-limits", "NINTEI_RATE_LIMITS", "true", "per-client rate limits below, counted per instance; false turns them all off (load benchmarks)"},
	{"login-limit-ip", "NINTEI_LOGIN_LIMIT_IP", "20/1m", "login attempts per client address: N/DURATION, in bursts of up to N; off for none"},
	{"login-limit-name", "NINTEI_LOGIN_LIMIT_NAME", "5/1m", "login attempts per login name, from any address"},
	{"search-limit", "NINTEI_SEARCH_LIMIT", "60/1m", "registry searches (/registry?q=, /api/v1/registry?q=) per client address"},
	{"api-limit", "NINTEI_API_LIMIT", "600/1m", "requests to /api/ per client address"},
	{"trusted-proxies", "NINTEI_TRUSTED_PROXIES", "", "comma-separated addresses or CIDR prefixes of reverse proxies whose X-Forwarded-For names the client; empty: the client is the connection's address"},
	{"oidc-providers", "NINTEI_OIDC_PROVIDERS", "", "YAML file of the OpenID Connect providers for single sign-on (docs/operations.md); empty: passwords only"},
}

// Load parses flags from args with environment fallbacks from getenv and
// returns the validated config and the remaining arguments. A command with
// flags of its own declares them in extra, so they mix freely with these.
func Load(name string, args []string, getenv func(string) string, stderr io.Writer, extra ...func(*flag.FlagSet)) (Config, []string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	for _, declare := range extra {
		declare(fs)
	}
	vals := map[string]*string{}
	for _, s := range Settings {
		def := s.def
		if v := getenv(s.env); v != "" {
			def = v
		}
		vals[s.flag] = declare(fs, s, def)
	}
	if err := fs.Parse(args); err != nil {
		return Config{}, nil, err
	}
	c, err := build(func(f string) string { return strings.TrimSpace(*vals[f]) })
	// The providers' file names secrets by variable, so it is read here,
	// where the environment is.
	var oerr error
	c.OIDC, oerr = loadOIDC(strings.TrimSpace(*vals["oidc-providers"]), getenv)
	return c, fs.Args(), errors.Join(err, oerr)
}

// build converts and validates, collecting every problem.
func build(get func(string) string) (Config, error) {
	var errs []error
	c := Config{Addr: get("addr"), DataDir: get("data-dir"), DatabaseURL: get("database-url"), BaseURL: get("base-url"),
		SMTPHost: get("smtp-host"), SMTPUser: get("smtp-user"), SMTPPassword: get("smtp-password"),
		MailFrom: get("mail-from"), LogLevel: get("log-level"), BlobBackend: get("blob-backend"), RegistryKey: get("registry-key")}
	bad := func(f, why string) { errs = append(errs, fmt.Errorf("--%s / %s: %s", f, envOf(f), why)) }
	c.buildAddrs(get, bad)
	errs = append(errs, c.buildS3(get)...)
	c.buildBaseURL(bad)
	c.buildServing(get, bad)
	c.FeedTag = buildFeedTag(get, c.BaseURL, bad)
	c.buildFees(get, bad)
	c.Limits = buildLimits(get, bad)
	c.Body = buildBody(get, bad)
	c.Casework = buildCasework(get, bad)
	return c, errors.Join(errs...)
}

// buildAddrs checks the listening addresses and where the data lives.
func (c *Config) buildAddrs(get func(string) string, bad func(f, why string)) {
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		bad("addr", fmt.Sprintf("%q is not host:port (e.g. :8080 or 127.0.0.1:8080)", c.Addr))
	}
	c.MetricsAddr = get("metrics-addr")
	if c.MetricsAddr != "" {
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil || port == "" {
			bad("metrics-addr", fmt.Sprintf("%q is not host:port", c.MetricsAddr))
		}
	}
	c.DebugAddr = get("debug-addr")
	if c.DebugAddr != "" && !isLoopback(c.DebugAddr) {
		bad("debug-addr", fmt.Sprintf("%q must be a loopback host:port (e.g. 127.0.0.1:6060): the profiler is not for the public", c.DebugAddr))
	}
	if c.DataDir == "" && c.DatabaseURL == "" {
		bad("data-dir", "must be set when no database URL is given")
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		bad("database-url", "must start with postgres:// or postgresql:// (leave empty for SQLite)")
	}
}

// buildBaseURL defaults the public URL from the address and checks it.
func (c *Config) buildBaseURL(bad func(f, why string)) {
	if c.BaseURL == "" {
		c.BaseURL, c.BaseURLDefaulted = defaultBaseURL(c.Addr), true
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("base-url", fmt.Sprintf("%q is not an absolute http(s) URL", c.BaseURL))
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
}

// buildMail reads the SMTP server's port, TLS mode and timeout.
func (c *Config) buildMail(get func(string) string, bad func(f, why string)) {
	var err error
	if c.SMTPPort, err = strconv.Atoi(get("smtp-port")); err != nil || c.SMTPPort <= 0 || c.SMTPPort > 65535 {
		bad("smtp-port", "must be a port number")
	}
	switch c.SMTPTLS = get("smtp-tls"); c.SMTPTLS {
	case "starttls", "opportunistic", "tls", "none":
	default:
		bad("smtp-tls", "must be starttls, opportunistic, tls or none")
	}
	if c.SMTPTimeout, err = time.ParseDuration(get("smtp-timeout")); err != nil || c.SMTPTimeout < time.Second || c.SMTPTimeout > 5*time.Minute {
		bad("smtp-timeout", "must be a duration from 1s to 5m (e.g. 15s)")
	}
}

// buildServing reads the numbers and switches of the running server: memory,
// caches, mail port, log level, request sizes, sessions, proxy, job polling.
func (c *Config) buildServing(get func(string) string, bad func(f, why string)) {
	var err error
	if c.MemoryLimitMB, err = strconv.Atoi(get("memory-limit-mb")); err != nil || c.MemoryLimitMB < 0 {
		bad("memory-limit-mb", "must be a whole number of MiB, 0 for none")
	}
	if c.PublicCacheMB, err = strconv.Atoi(get("public-cache-mb")); err != nil || c.PublicCacheMB < 0 || c.PublicCacheMB > 4096 {
		bad("public-cache-mb", "must be a whole number of MiB from 0 to 4096")
	}
	if c.PublicCacheDiskMB, err = strconv.Atoi(get("public-cache-disk-mb")); err != nil || c.PublicCacheDiskMB < 0 || c.PublicCacheDiskMB > 1<<20 {
		bad("public-cache-disk-mb", "must be a whole number of MiB from 0 to 1048576")
	}
	c.buildMail(get, bad)
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("log-level", "must be debug, info, warn or error")
	}
	if c.MaxBodyBytes, err = strconv.ParseInt(get("max-body-bytes"), 10, 64); err != nil || c.MaxBodyBytes < 1024 {
		bad("max-body-bytes", "must be a whole number of bytes, at least 1024")
	}
	if c.MaxUploadBytes, err = strconv.ParseInt(get("max-upload-bytes"), 10, 64); err != nil || c.MaxUploadBytes < 1024 {
		bad("max-upload-bytes", "must be a whole number of bytes, at least 1024")
	}
	if c.SessionIdle, err = time.ParseDuration(get("session-idle")); err != nil || c.SessionIdle < time.Minute {
		bad("session-idle", "must be a duration of at least 1m (e.g. 12h)")
	}
	if c.SessionLifetime, err = time.ParseDuration(get("session-lifetime")); err != nil || c.SessionLifetime < c.SessionIdle {
		bad("session-lifetime", "must be a duration no shorter than session-idle (e.g. 168h)")
	}
	if c.TrustProxy, err = strconv.ParseBool(get("trust-proxy")); err != nil {
		bad("trust-proxy", "must be true or false")
	}
	if c.JobPoll, err = time.ParseDuration(get("job-poll")); err != nil || c.JobPoll < 100*time.Millisecond || c.JobPoll > time.Hour {
		bad("job-poll", "must be a duration from 100ms to 1h (e.g. 5s)")
	}
	if c.ShutdownDrain, err = time.ParseDuration(get("shutdown-drain")); err != nil || c.ShutdownDrain < time.Second || c.ShutdownDrain > 10*time.Minute {
		bad("shutdown-drain", "must be a duration from 1s to 10m (e.g. 25s)")
	}
	if c.ShutdownDelay, err = time.ParseDuration(get("shutdown-delay")); err != nil || c.ShutdownDelay < 0 || c.ShutdownDelay >= c.ShutdownDrain {
		bad("shutdown-delay", "must be a duration from 0 to less than shutdown-drain (e.g. 5s)")
	}
	if c.JobRetention, err = time.ParseDuration(get("job-retention")); err != nil || c.JobRetention < time.Hour {
		bad("job-retention", "must be a duration of at least 1h (e.g. 720h for 30 days)")
	}
}

// buildFees reads the fees, the tax rate and the payment period.
func (c *Config) buildFees(get func(string) string, bad func(f, why string)) {
	var err error
	for _, f := range []struct {
		name string
		dst  *int64
		max  int64
	}{{"fee-new-yen", &c.Fees.NewYen, 100_000_000}, {"fee-renewal-yen", &c.Fees.RenewalYen, 100_000_000},
		{"fee-reissue-yen", &c.Fees.ReissueYen, 100_000_000}, {"tax-percent", &c.Fees.TaxPercent, 100}} {
		if *f.dst, err = strconv.ParseInt(get(f.name), 10, 64); err != nil || *f.dst < 0 || *f.dst > f.max {
			bad(f.name, fmt.Sprintf("must be a whole number from 0 to %d", f.max))
		}
	}
	if c.Fees.PaymentDays, err = strconv.Atoi(get("payment-days")); err != nil || c.Fees.PaymentDays < 1 || c.Fees.PaymentDays > 365 {
		bad("payment-days", "must be a whole number of days from 1 to 365")
	}
}

func envOf(flagName string) string {
	for _, s := range Settings {
		if s.flag == flagName {
			return s.env
		}
	}
	return ""
}

func defaultBaseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://localhost:8080"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// SecureCookies reports whether the site is served over HTTPS.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// isLoopback reports whether addr is host:port on a loopback interface.
func isLoopback(addr string) bool {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
