package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"nintei"
	"nintei/bizday"
	"nintei/internal/blob"
	"nintei/internal/config"
	"nintei/internal/i18n"
	"nintei/internal/logging"
	"nintei/internal/mail"
	"nintei/internal/metrics"
	"nintei/internal/sqlstore"
	"nintei/registry"
	"nintei/review"
	"nintei/service"
	"nintei/service/core"
)

// env is what a command gets from the outside world; tests fill it in.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

const usage = `nintei — 情報開示認定制度の運営システム / disclosure certification program service

usage: nintei [command] [flags]

commands:
  serve                     run the service (default)
  demo                      run the service on a fresh demo data directory with demo accounts
  migrate                   apply database migrations and list them
  user add                  add an account (--email --name --role [--org] ; password from stdin)
  catalog validate FILE     check a catalog edition file and list every problem with its line
  catalog import FILE       validate and install a catalog edition
  catalog list              list installed editions
  audit verify              check the audit trail's hash chain
  jobs list                 list background jobs ([--state queued|running|done|dead] [--kind K] [--limit N])
  jobs retry ID             put a dead job back in the queue with its attempts reset
  import-certifications     bring in the certifications issued on the body's old site
                            (--as ADMIN_EMAIL [--dry-run] FILE: certifications.csv or a .zip; docs/moving-in.md)
  backup --out FILE         write one archive (database, evidence files, manifest) while the server runs
  restore --in FILE         restore an archive into an empty --data-dir (and empty --database-url)
  migrate-data --to URL     copy the SQLite body into an empty PostgreSQL database and verify it
                            (--blobs-to-s3 with the --s3-* settings; --force replaces a non-empty target)
  registry keygen --key FILE  write a new signing key for the registry snapshot (never overwrites)
  registry rotate --key FILE  replace the signing key, keeping the old public keys published
  registry snapshot         sign and store a snapshot of the public registry now (needs --registry-key)
  registry verify URL       check a nintei's registry log, snapshot and signature offline (or --dir DIR)
  version                   print the version

Every command takes the configuration flags; "nintei serve -h" lists them.
`

// commands are the subcommands that take the configuration flags, as the
// usage lists them.
var commands = map[string]func(context.Context, env, []string) error{
	"serve": cmdServe, "demo": cmdDemo, "migrate": cmdMigrate, "user": cmdUser, "catalog": cmdCatalog,
	"audit": cmdAudit, "jobs": cmdJobs, "import-certifications": cmdImportCertifications, "backup": cmdBackup,
	"restore": cmdRestore, "migrate-data": cmdMigrateData, "registry": cmdRegistry,
}

// run is main without the process: it parses the command and runs it
// until ctx ends, so tests can drive the real program.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "nintei", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	if c, ok := commands[cmd]; ok {
		return c(ctx, e, args)
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// app is an opened store and service.
type app struct {
	cfg   config.Config
	log   *slog.Logger
	store *sqlstore.Store
	blobs blob.Store // the evidence store, for /readyz's degraded state
	svc   *service.Service
	msgs  *i18n.Catalog
	clock nintei.Clock
	// demoClock is the movable clock of `nintei demo`; nil in service.
	demoClock *nintei.OffsetClock
	metrics   *metrics.Metrics
}

// openApp opens the database (migrating it), wires the service and installs
// the built-in catalog editions.
func openApp(ctx context.Context, e env, cfg config.Config, clock nintei.Clock) (*app, error) {
	log := logging.New(e.stderr, cfg.LogLevel)
	msgs, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	store, err := sqlstore.Open(ctx, sqlstore.Options{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, Clock: clock})
	if err != nil {
		return nil, explain(msgs, err)
	}
	blobs, err := openBlobs(ctx, cfg)
	if err != nil {
		_ = store.Close()
		return nil, err
	}
	settings := service.DefaultSettings()
	settings.BaseURL, settings.SessionIdle, settings.MaxUploadBytes = cfg.BaseURL, cfg.SessionIdle, cfg.MaxUploadBytes
	settings.SessionLifetime = cfg.SessionLifetime
	settings.Fees = review.Fees{NewYen: cfg.Fees.NewYen, RenewalYen: cfg.Fees.RenewalYen, ReissueYen: cfg.Fees.ReissueYen,
		TaxPercent: cfg.Fees.TaxPercent, PaymentDays: cfg.Fees.PaymentDays}
	settings.Calendar = bizday.New(cfg.Body.Closings)
	settings.InquiryAnswerDays, settings.StalledCloseDays = cfg.Casework.InquiryAnswerDays, cfg.Casework.StalledCloseDays
	settings.JobRetention = cfg.JobRetention
	if cfg.RegistryKey != "" {
		ring, err := registry.LoadKeyRing(cfg.RegistryKey)
		if err != nil {
			_ = store.Close()
			return nil, fmt.Errorf("--registry-key: %w", err)
		}
		settings.RegistryKey = &ring
	}
	if settings.Issuer, err = issuer(cfg.Body); err != nil {
		_ = store.Close()
		return nil, err
	}
	m := metrics.New(store, clock.Now, log)
	m.WatchDB(store.DB())
	svc := service.New(sqlstore.Port(store), blobs, clock, metrics.CountingSender{Sender: newMailer(cfg), M: m}, msgs, log, settings)
	if err := svc.InstallBuiltinEditions(ctx); err != nil {
		_ = store.Close()
		return nil, err
	}
	return &app{cfg: cfg, log: log, store: store, blobs: blobs, svc: svc, msgs: msgs, clock: clock, metrics: m}, nil
}

func (a *app) Close() error { return a.store.Close() }

// issuer turns the body's settings into the service's, reading the seal
// image (checked as a PNG by config).
func issuer(b config.Body) (core.Issuer, error) {
	is := core.Issuer{Name: b.Name, Department: b.Department, PostalCode: b.PostalCode, Address: b.Address,
		Phone: b.Phone, Email: b.Email, URL: b.URL, RegistrationNumber: b.RegistrationNumber,
		RepresentativeTitle: b.RepresentativeTitle, RepresentativeName: b.RepresentativeName,
		Bank: core.BankAccount{Bank: b.BankName, Branch: b.BankBranch, Type: b.BankAccountType,
			Number: b.BankAccountNumber, Holder: b.BankAccountHolder},
		ContactHours: b.ContactHours, ContactEmail: b.ContactEmail, ContactPhone: b.ContactPhone}
	if b.SealImage != "" {
		seal, err := os.ReadFile(b.SealImage)
		if err != nil {
			return is, fmt.Errorf("--seal-image: %w", err)
		}
		is.Seal = seal
	}
	return is, nil
}

// openBlobs opens the evidence file store: a directory inside the data
// directory for a single instance, or an S3-compatible bucket that several
// instances share. Either is checked now, so a wrong setting stops the start.
func openBlobs(ctx context.Context, cfg config.Config) (blob.Store, error) {
	if cfg.BlobBackend == "s3" {
		ctx, cancel := context.WithTimeout(ctx, blobStartTimeout)
		defer cancel()
		return blob.NewS3(ctx, blob.S3Options{Endpoint: cfg.S3.Endpoint, Bucket: cfg.S3.Bucket, Region: cfg.S3.Region,
			AccessKey: cfg.S3.AccessKey, SecretKey: cfg.S3.SecretKey, TLS: cfg.S3.TLS, Prefix: cfg.S3.Prefix,
			SSE: cfg.S3.SSE, KMSKeyID: cfg.S3.KMSKeyID})
	}
	dir := cfg.DataDir
	if dir == "" {
		dir = "."
	}
	return blob.NewDir(filepath.Join(dir, "files"))
}

// blobStartTimeout bounds the start-up checks of an S3 bucket, so that an
// unreachable service fails the start instead of hanging it.
const blobStartTimeout = time.Minute

func newMailer(cfg config.Config) mail.Sender {
	if cfg.SMTPHost != "" {
		return &mail.SMTP{Host: cfg.SMTPHost, Port: cfg.SMTPPort, Username: cfg.SMTPUser, Password: cfg.SMTPPassword,
			From: cfg.MailFrom, TLS: mail.TLSMode(cfg.SMTPTLS), Timeout: cfg.SMTPTimeout}
	}
	return &mail.Dir{Path: outboxDir(cfg), From: cfg.MailFrom}
}

func outboxDir(cfg config.Config) string {
	if cfg.DataDir == "" {
		return "outbox"
	}
	return cfg.DataDir + "/outbox"
}

// explain turns a nintei error into the operator's message in Japanese and
// English, keeping the cause for diagnosis.
func explain(msgs *i18n.Catalog, err error) error {
	var ne *nintei.Error
	if !errors.As(err, &ne) {
		return err
	}
	ja := msgs.T(i18n.Japanese, ne.Key, ne.Args)
	en := msgs.T(i18n.English, ne.Key, ne.Args)
	if ne.Err != nil {
		return fmt.Errorf("%s / %s (%v)", ja, en, ne.Err)
	}
	return fmt.Errorf("%s / %s", ja, en)
}
