package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// pgTool runs pg_dump or pg_restore on the database at dbURL, returning
// their own message on failure. The password never reaches the command
// line, where any local user could read it (ps, /proc/PID/cmdline): it is
// taken out of the URL and handed to libpq in a passfile of mode 0600 in a
// private temporary directory, named by PGPASSFILE and removed afterwards.
// A passfile rather than PGPASSWORD because libpq's documentation
// discourages the variable (some systems show a process's environment).
func pgTool(ctx context.Context, name, dbURL string, args ...string) error {
	conn, password, err := splitPassword(dbURL)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, name, append(args, "--dbname", conn)...) // #nosec G204 -- pg_dump or pg_restore with arguments, no shell
	if password != "" {
		dir, err := os.MkdirTemp("", "nintei-pgpass-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		passfile := filepath.Join(dir, "pgpass")
		if err := os.WriteFile(passfile, []byte("*:*:*:*:"+passfileEscape(password)+"\n"), 0o600); err != nil {
			return err
		}
		cmd.Env = append(os.Environ(), "PGPASSFILE="+passfile)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s failed: %v: %s", name, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// splitPassword returns the PostgreSQL URL without its password (from the
// user information or a password= parameter) and the password.
func splitPassword(dbURL string) (string, string, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		// url.Parse quotes the whole URL in its error: name only the problem.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", "", fmt.Errorf("the database URL cannot be read: %w", err)
	}
	var password string
	if u.User != nil {
		if p, ok := u.User.Password(); ok {
			password = p
			u.User = url.User(u.User.Username())
		}
	}
	if q := u.Query(); q.Has("password") {
		if password == "" {
			password = q.Get("password")
		}
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String(), password, nil
}

// passfileEscape escapes what the passfile format gives a meaning to.
func passfileEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `:`, `\:`).Replace(s)
}
