package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"nintei/internal/blob"
	"nintei/internal/config"
	"nintei/internal/sqlstore"
)

// cmdMigrateData moves a body from SQLite to PostgreSQL: it snapshots the
// SQLite database (VACUUM INTO, so the server may keep running until the
// switch; the source is never changed), migrates the snapshot and the target
// with nintei's own migrator, refuses a target that holds data unless
// --force, optionally copies the evidence files to S3, copies every table in
// one transaction, and then verifies the target: row counts per table, the
// audit chain, and the SHA-256 of every file.
func cmdMigrateData(ctx context.Context, e env, args []string) error {
	m, err := parseMigrateData(e, args)
	if err != nil {
		return err
	}
	cfg, to := m.cfg, m.to
	snapDir, err := os.MkdirTemp(cfg.DataDir, ".migrate-data-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(snapDir)
	snapStore, err := snapshotSource(ctx, cfg.DataDir, snapDir)
	if err != nil {
		return err
	}
	defer snapStore.Close()
	snap := snapStore.DB()
	dst, err := sqlstore.Open(ctx, sqlstore.Options{URL: to})
	if err != nil {
		return fmt.Errorf("target %s: %w", redactURL(to), err)
	}
	defer func() { _ = dst.Close() }()
	if err := checkTarget(ctx, snap, dst, m.force); err != nil {
		return err
	}
	files, rewrite, err := migrationBlobs(ctx, e, cfg, snap, m.toS3)
	if err != nil {
		return err
	}
	if c, ok := files.(io.Closer); ok {
		defer c.Close()
	}
	rep, err := dst.CopyFrom(ctx, snap, rewrite)
	if err != nil {
		return fmt.Errorf("copy refused or failed, the target is unchanged: %w", err)
	}
	// Opening again fills what only PostgreSQL keeps (the search vectors).
	_ = dst.Close() // reopened at once below; its errors would show there
	if dst, err = sqlstore.Open(ctx, sqlstore.Options{URL: to}); err != nil {
		return err
	}
	if err := verifyCopy(ctx, e, snap, dst, rep); err != nil {
		return err
	}
	n, err := verifyBlobs(ctx, dst, files)
	if err != nil {
		return fmt.Errorf("copied, but the target's evidence files do not verify: %w", err)
	}
	reportMigration(e, m, n)
	return nil
}

// migrateData is what the migrate-data command was asked to do.
type migrateData struct {
	cfg         config.Config
	to          string // the target database's URL
	force, toS3 bool
}

// parseMigrateData reads the command's flags and refuses what cannot work
// before anything is touched.
func parseMigrateData(e env, args []string) (migrateData, error) {
	var m migrateData
	cfg, _, err := config.Load("nintei migrate-data", args, e.getenv, e.stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&m.to, "to", "", "postgres://… URL of the target database (created with createdb; migrated here)")
		fs.BoolVar(&m.force, "force", false, "replace whatever the target database holds")
		fs.BoolVar(&m.toS3, "blobs-to-s3", false, "also copy the evidence files into the S3 bucket of the --s3-* settings")
	})
	if err != nil {
		return m, err
	}
	m.cfg = cfg
	if !strings.HasPrefix(m.to, "postgres://") && !strings.HasPrefix(m.to, "postgresql://") {
		return m, errors.New("usage: nintei migrate-data --to postgres://… [--force] [--blobs-to-s3 --s3-…] (the source is the SQLite database in --data-dir)")
	}
	if cfg.DatabaseURL != "" {
		return m, errors.New("migrate-data reads the SQLite database in --data-dir; leave --database-url empty and name the target with --to")
	}
	if m.toS3 && cfg.BlobBackend == "s3" {
		return m, errors.New("--blobs-to-s3: the evidence files are already in S3 (--blob-backend s3)")
	}
	if _, err := os.Stat(filepath.Join(cfg.DataDir, sqlstore.SQLiteFile)); err != nil {
		return m, fmt.Errorf("no SQLite database in the data directory %s: %w", cfg.DataDir, err)
	}
	return m, nil
}

// migrationBlobs is the evidence store the copied rows will point at: the
// S3 bucket the files are copied into (with the rewrite of their keys), or
// the configured store as it is.
func migrationBlobs(ctx context.Context, e env, cfg config.Config, snap *sql.DB, toS3 bool) (blob.Store, sqlstore.RewriteFunc, error) {
	if toS3 {
		return moveBlobsToS3(ctx, e, cfg, snap)
	}
	files, err := openBlobs(ctx, cfg)
	return files, nil, err
}

// reportMigration tells the operator what was verified and how to start on
// the new database.
func reportMigration(e env, m migrateData, files int) {
	where := "the data directory's files/"
	if m.toS3 {
		where = "the S3 bucket " + m.cfg.S3.Bucket
	}
	fmt.Fprintf(e.stdout, "evidence files OK: %d files in %s match their SHA-256\n", files, where)
	fmt.Fprintf(e.stdout, "done: stop the SQLite server and start nintei with --database-url %s", redactURL(m.to))
	if m.toS3 {
		fmt.Fprint(e.stdout, " --blob-backend s3 and the same --s3-* settings")
	}
	fmt.Fprintln(e.stdout)
}

// snapshotSource takes a consistent copy of the SQLite database in dataDir
// into snapDir, without touching the source, and opens the copy with the
// migrator, so that a source written by an older nintei arrives at this
// nintei's schema version like the target.
func snapshotSource(ctx context.Context, dataDir, snapDir string) (*sqlstore.Store, error) {
	if err := sqlstore.SnapshotSQLite(ctx, dataDir, filepath.Join(snapDir, sqlstore.SQLiteFile)); err != nil {
		return nil, err
	}
	return sqlstore.Open(ctx, sqlstore.Options{DataDir: snapDir})
}

// checkTarget refuses a target at another schema version, and one that
// holds rows the migrations did not put there unless force is set.
func checkTarget(ctx context.Context, snap *sql.DB, dst *sqlstore.Store, force bool) error {
	srcV, err := sqlstore.SchemaVersion(ctx, snap)
	if err != nil {
		return err
	}
	dstV, err := sqlstore.SchemaVersion(ctx, dst.DB())
	if err != nil {
		return err
	}
	if srcV != dstV {
		return fmt.Errorf("refused: the source is at schema version %d and the target at %d; use a target made by this nintei", srcV, dstV)
	}
	seeded, err := sqlstore.SeededTables(sqlstore.Postgres)
	if err != nil {
		return err
	}
	full, err := dst.TablesWithRows(ctx, seeded)
	if err != nil {
		return err
	}
	if len(full) > 0 && !force {
		return fmt.Errorf("refused: the target database is not empty (%s hold rows); give a new database, or --force to replace everything in it",
			strings.Join(full[:min(len(full), 5)], ", "))
	}
	return nil
}

// moveBlobsToS3 copies the evidence files into the bucket of the --s3-*
// settings and returns the bucket and the rewrite that gives the copied rows
// the files' new keys.
func moveBlobsToS3(ctx context.Context, e env, cfg config.Config, snap *sql.DB) (blob.Store, sqlstore.RewriteFunc, error) {
	s3cfg := cfg
	s3cfg.BlobBackend = "s3"
	s3, err := openBlobs(ctx, s3cfg)
	if err != nil {
		return nil, nil, err
	}
	keys, err := copyBlobsToS3(ctx, e, cfg, snap, s3)
	if err != nil {
		return nil, nil, err
	}
	rewrite := func(_ string, cols []string, vals []any) error {
		for i, c := range cols {
			if k, ok := vals[i].(string); ok && c == "blob_key" {
				if nk, ok := keys[k]; ok {
					vals[i] = nk
				}
			}
		}
		return nil
	}
	return s3, rewrite, nil
}

// copyBlobsToS3 puts every evidence file the snapshot refers to into the
// bucket and returns the new key of each old one (the bucket chooses keys).
// The hash S3 computed while storing must be the one recorded.
func copyBlobsToS3(ctx context.Context, e env, cfg config.Config, snap *sql.DB, s3 blob.Store) (map[string]string, error) {
	refs, err := sqlstore.BlobRefsOf(ctx, snap, sqlstore.SQLite)
	if err != nil {
		return nil, err
	}
	dir, err := blob.NewDir(filepath.Join(cfg.DataDir, "files"))
	if err != nil {
		return nil, err
	}
	defer dir.Close()
	keys := map[string]string{}
	for _, r := range refs {
		if _, done := keys[r.Key]; done {
			continue
		}
		obj, err := copyBlob(ctx, dir, s3, r.Key)
		if err != nil {
			return nil, fmt.Errorf("copy evidence file %s (%s) to S3: %w", r.Key, r.Table, err)
		}
		if obj.SHA256 != r.SHA256 {
			return nil, fmt.Errorf("evidence file %s (%s): SHA-256 %s, recorded %s; the source file is damaged", r.Key, r.Table, obj.SHA256, r.SHA256)
		}
		keys[r.Key] = obj.Key
	}
	fmt.Fprintf(e.stdout, "copied %d evidence files to the S3 bucket %s\n", len(keys), cfg.S3.Bucket)
	return keys, nil
}

func copyBlob(ctx context.Context, from, to blob.Store, key string) (blob.Object, error) {
	r, _, err := from.Open(ctx, key)
	if err != nil {
		return blob.Object{}, err
	}
	defer r.Close()
	return to.Put(ctx, r, math.MaxInt64)
}

// verifyCopy compares the row count of every copied table and checks the
// target's audit chain.
func verifyCopy(ctx context.Context, e env, snap *sql.DB, dst *sqlstore.Store, rep sqlstore.CopyReport) error {
	want, err := sqlstore.RowCounts(ctx, snap, rep.Tables)
	if err != nil {
		return err
	}
	got, err := sqlstore.RowCounts(ctx, dst.DB(), rep.Tables)
	if err != nil {
		return err
	}
	var total int64
	var bad []string
	for _, t := range rep.Tables {
		total += got[t.Name]
		if got[t.Name] != want[t.Name] {
			bad = append(bad, fmt.Sprintf("%s: %d rows in the source, %d in the target", t.Name, want[t.Name], got[t.Name]))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("copied, but row counts differ: %s", strings.Join(bad, "; "))
	}
	fmt.Fprintf(e.stdout, "row counts match: %d tables, %d rows", len(rep.Tables), total)
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(e.stdout, " (not copied, rebuilt on PostgreSQL: %s)", strings.Join(rep.Skipped, ", "))
	}
	fmt.Fprintln(e.stdout)
	n, brk, err := dst.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if brk != nil {
		return fmt.Errorf("copied, but the target's audit trail is BROKEN at seq %d (%s)", brk.Seq, brk.Reason)
	}
	if n != want["audit_events"] {
		return fmt.Errorf("copied, but the target's audit trail has %d events, the source %d", n, want["audit_events"])
	}
	fmt.Fprintf(e.stdout, "audit trail OK: %d events, chain intact\n", n)
	return nil
}

// redactURL hides the password of a database URL in messages.
func redactURL(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "the target database"
	}
	return p.Redacted()
}
