package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"nintei/internal/backup"
	"nintei/internal/blob"
	"nintei/internal/config"
	"nintei/internal/sqlstore"
)

// cmdBackup writes one archive of the body while the server may keep
// running: the SQLite database taken with VACUUM INTO (or, on PostgreSQL,
// pg_dump's custom format), the evidence files of the directory blob store,
// and a manifest with the size and SHA-256 of every file. The archive is
// written under a temporary name and renamed when complete, so a failed
// backup never leaves a plausible but partial file.
func cmdBackup(ctx context.Context, e env, args []string) error {
	var out string
	cfg, _, err := config.Load("nintei backup", args, e.getenv, e.stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "archive to write (tar.gz); it must not exist")
	})
	if err != nil {
		return err
	}
	if out == "" {
		return errors.New("usage: nintei backup --out FILE.tar.gz [flags]")
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s already exists; choose a new name (a backup never overwrites one)", out)
	}
	if cfg.DatabaseURL == "" {
		if _, err := os.Stat(filepath.Join(cfg.DataDir, sqlstore.SQLiteFile)); err != nil {
			return fmt.Errorf("no database to back up in the data directory %s: %w", cfg.DataDir, err)
		}
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), ".nintei-backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dbFile, db, d, err := dumpDatabase(ctx, cfg, tmp)
	if err != nil {
		return err
	}
	defer db.Close()
	m := backup.Manifest{NinteiVersion: version(), Database: string(d), BlobBackend: cfg.BlobBackend, CreatedAt: time.Now().UTC()}
	if m.SchemaVersion, err = sqlstore.SchemaVersion(ctx, db); err != nil {
		return err
	}
	// A newer binary's schema may keep evidence references this binary
	// cannot see, so its backup would be incomplete without saying so.
	if known := sqlstore.BinarySchemaVersion(d); m.SchemaVersion > known {
		return fmt.Errorf("the database schema (version %04d) is newer than this nintei (up to %04d): back it up with the newer nintei",
			m.SchemaVersion, known)
	}
	sources, err := backupSources(ctx, e, cfg, db, m, dbFile)
	if err != nil {
		return err
	}
	if err := writeArchive(out, m, sources); err != nil {
		return err
	}
	st, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup written: %s (%d files, %d bytes, %s database at schema version %d)\n",
		out, len(sources), st.Size(), m.Database, m.SchemaVersion)
	return nil
}

// backupSources are what the archive holds: the database dump and, when
// the evidence files are in the data directory, every one of them (checked
// against the database's references first).
func backupSources(ctx context.Context, e env, cfg config.Config, db *sql.DB, m backup.Manifest, dbFile backup.Source) ([]backup.Source, error) {
	if cfg.BlobBackend != "dir" {
		fmt.Fprintf(e.stderr, "note: evidence files are in the S3 bucket %s and are not in this archive; keep them with the bucket's versioning or replication\n", cfg.S3.Bucket)
		return []backup.Source{dbFile}, nil
	}
	files, err := backup.DirSources(filepath.Join(cfg.DataDir, "files"), backup.FilesDirName)
	if err != nil {
		return nil, err
	}
	if err := checkBlobsPresent(ctx, db, sqlstore.Dialect(m.Database), files, filepath.Join(cfg.DataDir, "files")); err != nil {
		return nil, err
	}
	return append([]backup.Source{dbFile}, files...), nil
}

// dumpDatabase copies the database into dir — a SQLite snapshot, or a
// pg_dump — and opens what the manifest and the file check read: the
// snapshot, or the live PostgreSQL database. The database is read as it is,
// never migrated: a backup changes nothing.
func dumpDatabase(ctx context.Context, cfg config.Config, dir string) (backup.Source, *sql.DB, sqlstore.Dialect, error) {
	if cfg.DatabaseURL == "" {
		src := backup.Source{Path: backup.SQLiteName, Local: filepath.Join(dir, backup.SQLiteName)}
		if err := sqlstore.SnapshotSQLite(ctx, cfg.DataDir, src.Local); err != nil {
			return src, nil, "", err
		}
		db, err := sqlstore.OpenSQLiteFile(src.Local)
		return src, db, sqlstore.SQLite, err
	}
	src := backup.Source{Path: backup.PgDumpName, Local: filepath.Join(dir, backup.PgDumpName)}
	if err := pgTool(ctx, "pg_dump", cfg.DatabaseURL, "--format=custom", "--no-owner", "--no-privileges", "--file", src.Local); err != nil {
		return src, nil, "", err
	}
	db, err := sql.Open("pgx", cfg.DatabaseURL)
	return src, db, sqlstore.Postgres, err
}

func writeArchive(out string, m backup.Manifest, sources []backup.Source) error {
	partial := out + ".partial"
	f, err := os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600) // #nosec G304 -- the administrator's --out path; 0600: it holds every record
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	err = backup.Write(w, m, sources)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(partial) // the half-written archive; the first error is the one to report
		return err
	}
	return os.Rename(partial, out)
}

// checkBlobsPresent refuses a backup whose database refers to an evidence
// file that is not among the files: the snapshot's references for SQLite, the
// live database's for PostgreSQL (pg_dump's own snapshot is not readable).
func checkBlobsPresent(ctx context.Context, db *sql.DB, d sqlstore.Dialect, files []backup.Source, root string) error {
	refs, err := sqlstore.BlobRefsOf(ctx, db, d)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, f := range files {
		have[path.Base(f.Path)] = true
	}
	var missing []string
	for _, r := range refs {
		if !have[r.Key] {
			missing = append(missing, r.Key)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("backup refused: the database refers to %d evidence files that are not in %s (e.g. %s); is --data-dir right? (a file removed during the backup: run it again)",
			len(missing), root, strings.Join(missing[:min(len(missing), 3)], ", "))
	}
	return nil
}

// cmdRestore restores an archive into an empty data directory (and, for a
// PostgreSQL backup, an empty database). Every file is extracted into a
// staging directory and checked against the manifest before anything is
// moved into place; a damaged archive is refused naming the wrong file, and
// the data directory is left as empty as it was.
func cmdRestore(ctx context.Context, e env, args []string) error {
	var in string
	cfg, _, err := config.Load("nintei restore", args, e.getenv, e.stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&in, "in", "", "archive written by nintei backup")
	})
	if err != nil {
		return err
	}
	if in == "" {
		return errors.New("usage: nintei restore --in FILE.tar.gz --data-dir EMPTY_DIR [--database-url postgres://… (empty database)]")
	}
	if err := requireEmptyDir(cfg.DataDir); err != nil {
		return err
	}
	f, err := os.Open(in) // #nosec G304 -- the administrator's --in archive
	if err != nil {
		return err
	}
	defer f.Close()
	staging, err := os.MkdirTemp(cfg.DataDir, ".restore-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging)
	m, err := backup.Extract(bufio.NewReaderSize(f, 1<<20), staging)
	if err != nil {
		return fmt.Errorf("restore refused, nothing was restored: %s: %w", in, err)
	}
	if err := checkRestorable(m, cfg); err != nil {
		return err
	}
	if m.Database == string(sqlstore.SQLite) {
		err = os.Rename(filepath.Join(staging, backup.SQLiteName), filepath.Join(cfg.DataDir, sqlstore.SQLiteFile))
	} else {
		err = restorePostgres(ctx, cfg.DatabaseURL, filepath.Join(staging, backup.PgDumpName))
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(staging, backup.FilesDirName)); err == nil {
		if err := os.Rename(filepath.Join(staging, backup.FilesDirName), filepath.Join(cfg.DataDir, "files")); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "restored %d files from %s (nintei %s, %s, schema version %d, taken %s)\n", len(m.Files), in,
		m.NinteiVersion, m.Database, m.SchemaVersion, m.CreatedAt.Format(time.RFC3339))
	return checkRestored(ctx, e, cfg, m)
}

// requireEmptyDir creates dir if needed and refuses one that holds anything.
func requireEmptyDir(dir string) error {
	if dir == "" {
		return errors.New("give the data directory to restore into with --data-dir")
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o750)
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		var names []string
		for _, en := range entries[:min(len(entries), 5)] {
			names = append(names, en.Name())
		}
		return fmt.Errorf("restore refused: the data directory %s is not empty (%s); restore into a new, empty directory", dir, strings.Join(names, ", "))
	}
	return nil
}

func checkRestorable(m backup.Manifest, cfg config.Config) error {
	migs, err := sqlstore.Migrations(sqlstore.Dialect(m.Database))
	if err != nil || len(migs) == 0 {
		return fmt.Errorf("restore refused: the archive holds a %q database, which this nintei does not know", m.Database)
	}
	if latest := migs[len(migs)-1].Version; m.SchemaVersion > latest {
		return fmt.Errorf("restore refused: the archive is at schema version %d, newer than this nintei (%d); restore it with nintei %s or later",
			m.SchemaVersion, latest, m.NinteiVersion)
	}
	dbFile := map[string]string{string(sqlstore.SQLite): backup.SQLiteName, string(sqlstore.Postgres): backup.PgDumpName}[m.Database]
	if !slices.ContainsFunc(m.Files, func(f backup.File) bool { return f.Path == dbFile }) {
		return fmt.Errorf("restore refused: the archive lists no %s, so it holds no database", dbFile)
	}
	switch {
	case m.Database == string(sqlstore.SQLite) && cfg.DatabaseURL != "":
		return errors.New("restore refused: the archive holds a SQLite database; restore it without --database-url, then move it with nintei migrate-data")
	case m.Database == string(sqlstore.Postgres) && cfg.DatabaseURL == "":
		return errors.New("restore refused: the archive holds a PostgreSQL dump; give the empty target database with --database-url")
	}
	return nil
}

// restorePostgres loads a pg_dump archive into an empty database in one
// transaction, so a failure leaves the database as empty as it was.
func restorePostgres(ctx context.Context, url, dump string) error {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return err
	}
	var n int
	err = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&n)
	_ = db.Close() // a read-only probe; the query's error is the one that matters
	if err != nil {
		return fmt.Errorf("cannot reach the target database: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("restore refused: the target database already has %d tables; restore into a new, empty database (createdb)", n)
	}
	return pgTool(ctx, "pg_restore", url, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", dump)
}

// checkRestored opens the restored body (applying newer migrations, as
// serve would) and checks its audit trail and every evidence file it refers
// to.
func checkRestored(ctx context.Context, e env, cfg config.Config, m backup.Manifest) error {
	store, err := sqlstore.Open(ctx, sqlstore.Options{URL: cfg.DatabaseURL, DataDir: cfg.DataDir})
	if err != nil {
		return err
	}
	defer store.Close()
	n, brk, err := store.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if brk != nil {
		return fmt.Errorf("restored, but the audit trail is BROKEN at seq %d (%s)", brk.Seq, brk.Reason)
	}
	fmt.Fprintf(e.stdout, "audit trail OK: %d events, chain intact\n", n)
	if m.BlobBackend != "dir" {
		return nil
	}
	files, err := blob.NewDir(filepath.Join(cfg.DataDir, "files"))
	if err != nil {
		return err
	}
	defer files.Close()
	k, err := verifyBlobs(ctx, store, files)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "evidence files OK: %d files match their SHA-256\n", k)
	return nil
}

// verifyBlobs reads every evidence file the database refers to and checks
// its SHA-256 against the one recorded with it.
func verifyBlobs(ctx context.Context, store *sqlstore.Store, files blob.Store) (int, error) {
	refs, err := store.BlobRefs(ctx)
	if err != nil {
		return 0, err
	}
	var bad []string
	for _, r := range refs {
		if got, err := blobSHA256(ctx, files, r.Key); err != nil {
			bad = append(bad, fmt.Sprintf("%s %s: %v", r.Table, r.Key, err))
		} else if got != r.SHA256 {
			bad = append(bad, fmt.Sprintf("%s %s: SHA-256 %s, recorded %s", r.Table, r.Key, got, r.SHA256))
		}
	}
	if len(bad) > 0 {
		return 0, fmt.Errorf("%d of %d evidence files are missing or differ: %s", len(bad), len(refs), strings.Join(bad[:min(len(bad), 5)], "; "))
	}
	return len(refs), nil
}

func blobSHA256(ctx context.Context, files blob.Store, key string) (string, error) {
	r, _, err := files.Open(ctx, key)
	if err != nil {
		return "", err
	}
	defer r.Close()
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
