package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"nintei/registry"
)

const registryUsage = "usage: nintei registry keygen --key FILE | rotate --key FILE | snapshot | verify (URL | --dir DIR)"

// cmdRegistry handles the verifiable registry (docs/registry.md): its
// signing key, a snapshot made now, and the offline check anyone can run.
func cmdRegistry(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		return errors.New(registryUsage)
	}
	switch args[0] {
	case "keygen", "rotate":
		return registryKey(e, args[0], args[1:])
	case "snapshot":
		return registrySnapshot(ctx, e, args[1:])
	case "verify":
		return registryVerify(ctx, e, args[1:])
	}
	return fmt.Errorf("unknown registry command %q\n%s", args[0], registryUsage)
}

// registryKey writes a new key file (keygen refuses to overwrite) or
// rotates one: a new private key, the old public keys kept so that
// snapshots they signed still verify.
func registryKey(e env, cmd string, args []string) error {
	fs := flag.NewFlagSet("nintei registry "+cmd, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	path := fs.String("key", "", "the key file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *path == "" {
		return errors.New("--key FILE is required")
	}
	if cmd == "keygen" {
		k, err := registry.NewKeyRing(nil, time.Now())
		if err != nil {
			return err
		}
		if err := registry.WriteKeyRing(*path, k, false); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s (key %s); keep it private, pass it with --registry-key\n", *path, k.Current().ID)
		return nil
	}
	old, err := registry.LoadKeyRing(*path)
	if err != nil {
		return err
	}
	k, err := registry.NewKeyRing(&old, time.Now())
	if err != nil {
		return err
	}
	if err := registry.WriteKeyRing(*path, k, true); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "rotated %s: new key %s; %d earlier key(s) stay published; restart the servers\n", *path, k.Current().ID, len(k.Keys)-1)
	return nil
}

// registrySnapshot signs and stores a snapshot now, as the daily job does.
func registrySnapshot(ctx context.Context, e env, args []string) error {
	a, _, err := openFromFlags(ctx, e, "nintei registry snapshot", args)
	if err != nil {
		return err
	}
	defer a.Close()
	snap, err := a.svc.MakeRegistrySnapshot(ctx)
	if err != nil {
		return explain(a.msgs, err)
	}
	fmt.Fprintf(e.stdout, "snapshot signed by key %s at log entry %d (%d bytes)\n", snap.KeyID, snap.LogSeq, len(snap.Body))
	return nil
}

// The files of a verification, by name in --dir and by path on a server.
var verifyFiles = []struct{ file, path string }{
	{"log.jsonl", "/registry/log"},
	{"snapshot.json", "/registry/snapshot.json"},
	{"snapshot.json.sig", "/registry/snapshot.json.sig"},
	{"nintei-registry-key.json", "/.well-known/nintei-registry-key"},
}

// registryVerify downloads (or reads from --dir) the log, the snapshot, its
// signature and the keys, and checks them with no database.
func registryVerify(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("nintei registry verify", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dir := fs.String("dir", "", "read log.jsonl, snapshot.json, snapshot.json.sig and nintei-registry-key.json from this directory")
	save := fs.String("save", "", "also write the downloaded files into this directory (for a later --dir)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var files [4][]byte
	var err error
	switch {
	case *dir != "":
		for i, f := range verifyFiles {
			if files[i], err = os.ReadFile(filepath.Join(*dir, f.file)); err != nil { // #nosec G304 -- the operator names the directory
				return err
			}
		}
	case fs.NArg() == 1:
		if files, err = download(ctx, strings.TrimRight(fs.Arg(0), "/")); err != nil {
			return err
		}
		if err := saveFiles(*save, files); err != nil {
			return err
		}
	default:
		return errors.New(registryUsage)
	}
	summary, err := registry.Verify(registry.VerifyInput{Log: files[0], Snapshot: files[1], Signature: files[2], Keys: files[3]})
	if err != nil {
		return fmt.Errorf("registry verify: %w", err)
	}
	fmt.Fprintln(e.stdout, summary)
	return nil
}

func download(ctx context.Context, base string) (files [4][]byte, err error) {
	client := &http.Client{Timeout: 2 * time.Minute}
	for i, f := range verifyFiles[1:] {
		if files[i+1], err = fetchURL(ctx, client, base+f.path); err != nil {
			return files, err
		}
	}
	// The log comes in pages: ask for the lines after the last one read
	// until a page is empty.
	var last int64
	for {
		page, err := fetchURL(ctx, client, base+"/registry/log?after="+strconv.FormatInt(last, 10))
		if err != nil || len(page) == 0 {
			return files, err
		}
		files[0] = append(files[0], page...)
		lines := strings.Split(strings.TrimRight(string(page), "\n"), "\n")
		e, err := registry.ParseLine([]byte(lines[len(lines)-1]))
		if err != nil || e.Seq <= last {
			return files, nil // Verify names the bad entry
		}
		last = e.Seq
	}
}

func fetchURL(ctx context.Context, c *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req) // #nosec G107 -- the operator names the server to check
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<30))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %s", url, resp.Status, strings.TrimSpace(string(b)))
	}
	return b, nil
}

func saveFiles(dir string, files [4][]byte) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	for i, f := range verifyFiles {
		if err := os.WriteFile(filepath.Join(dir, f.file), files[i], 0o600); err != nil { // #nosec G703 -- the operator names the directory
			return err
		}
	}
	return nil
}
