package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"nintei"
	"nintei/catalog"
	"nintei/internal/config"
	"nintei/internal/i18n"
	"nintei/internal/sqlstore"
	"nintei/service/accounts"
	"nintei/service/ops"
)

// openFromFlags loads the configuration flags shared by every command, and
// the command's own flags declared in extra, and opens the app.
func openFromFlags(ctx context.Context, e env, name string, args []string, extra ...func(*flag.FlagSet)) (*app, []string, error) {
	cfg, rest, err := config.Load(name, args, e.getenv, e.stderr, extra...)
	if err != nil {
		return nil, nil, err
	}
	a, err := openApp(ctx, e, cfg, nintei.SystemClock{})
	return a, rest, err
}

func cmdMigrate(ctx context.Context, e env, args []string) error {
	a, _, err := openFromFlags(ctx, e, "nintei migrate", args)
	if err != nil {
		return err
	}
	defer a.Close()
	// Only what this run applied is listed as applied; a database already
	// up to date says so with its version.
	fmt.Fprintf(e.stdout, "database: %s\n", a.store.Dialect())
	applied := a.store.JustApplied()
	for _, m := range applied {
		fmt.Fprintf(e.stdout, "applied %04d %s\n", m.Version, m.Name)
	}
	if len(applied) == 0 {
		fmt.Fprintf(e.stdout, "up to date at %04d\n", sqlstore.BinarySchemaVersion(a.store.Dialect()))
	}
	return nil
}

// cmdUser handles `nintei user add`. The password is read from standard
// input (first line) so that it never appears in the process list.
func cmdUser(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: nintei user add --email E --name N --role R [--org PROVIDER] < password")
	}
	var email, name, role, org string
	declare := func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "e-mail address (the login)")
		fs.StringVar(&name, "name", "", "person's name")
		fs.StringVar(&role, "role", "", "owner, member, secretariat, reviewer, committee or admin")
		fs.StringVar(&org, "org", "", "provider name (for owner and member; created if absent)")
	}
	pw, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && pw == "" {
		return errors.New("give the new password on standard input, e.g. printf '%s\\n' \"$PW\" | nintei user add …")
	}
	a, _, err := openFromFlags(ctx, e, "nintei user add", args[1:], declare)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.svc.AddUser(ctx, nil, accounts.NewUser{Email: email, Name: name, Role: nintei.Role(role),
		Password: strings.TrimRight(pw, "\r\n"), OrgName: org})
	if err != nil {
		return explain(a.msgs, err)
	}
	fmt.Fprintf(e.stdout, "added user %d %s (%s)\n", u.ID, u.Email, u.Role)
	return nil
}

func cmdCatalog(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: nintei catalog validate FILE | import FILE | list")
	}
	switch args[0] {
	case "validate":
		return catalogValidate(e, args[1:])
	case "import":
		return catalogImport(ctx, e, args[1:])
	case "list":
		return catalogList(ctx, e, args[1:])
	}
	return fmt.Errorf("unknown catalog command %q", args[0])
}

// printProblems lists every validation problem, one per line in Japanese
// and English, and returns an error that says how many there were.
func printProblems(e env, file string, err error) error {
	var ve *catalog.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	msgs, lerr := i18n.Load()
	if lerr != nil {
		return lerr
	}
	for _, p := range ve.Problems {
		fmt.Fprintf(e.stderr, "%s:%d: %s: %s / %s\n", file, p.Line, p.Field,
			msgs.Message(i18n.Japanese, p), msgs.Message(i18n.English, p))
	}
	return fmt.Errorf("%s: %d problem(s)", file, len(ve.Problems))
}

func catalogValidate(e env, args []string) error {
	if len(args) != 1 {
		return errors.New("usage: nintei catalog validate FILE")
	}
	data, err := os.ReadFile(args[0]) // #nosec G304 G703 -- the operator names the catalog file on the command line
	if err != nil {
		return err
	}
	ed, err := catalog.Parse(data)
	if err != nil {
		return printProblems(e, args[0], err)
	}
	fmt.Fprintf(e.stdout, "%s: valid: edition %s (scheme %s, %d items, %d key items)\n",
		args[0], ed.ID, ed.Scheme.ID, len(ed.Items), len(ed.KeyItems()))
	return nil
}

// catalogImport installs an edition file and, when a second file is
// named, the mapping from the edition before it (which moves the
// applications still being written, docs/catalog-schema.md).
func catalogImport(ctx context.Context, e env, args []string) error {
	if len(args) < 1 || strings.HasPrefix(args[0], "-") {
		return errors.New("usage: nintei catalog import FILE [MAPPING] [flags]")
	}
	file, mapFile := args[0], ""
	args = args[1:]
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		mapFile, args = args[0], args[1:]
	}
	data, err := os.ReadFile(file) // #nosec G304 G703 -- the operator names the catalog file on the command line
	if err != nil {
		return err
	}
	if _, err := catalog.Parse(data); err != nil {
		return printProblems(e, file, err)
	}
	var mapping []byte
	if mapFile != "" {
		if mapping, err = os.ReadFile(mapFile); err != nil { // #nosec G304 G703 -- the operator names the mapping file on the command line
			return err
		}
	}
	a, _, err := openFromFlags(ctx, e, "nintei catalog import", args)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.svc.ImportEditionMapped(ctx, nil, data, mapping)
	if err != nil {
		var mi *ops.MappingInvalid
		if errors.As(err, &mi) {
			return printProblems(e, mapFile, err)
		}
		return explain(a.msgs, printProblems(e, file, err))
	}
	switch {
	case res.Created && mapFile != "":
		fmt.Fprintf(e.stdout, "imported edition %s (%d items) with its mapping; %d application(s) moved\n", res.Edition.ID, len(res.Edition.Items), res.Moved)
	case res.Created:
		fmt.Fprintf(e.stdout, "imported edition %s (%d items)\n", res.Edition.ID, len(res.Edition.Items))
	default:
		fmt.Fprintf(e.stdout, "edition %s is already installed with the same content\n", res.Edition.ID)
	}
	return nil
}

func catalogList(ctx context.Context, e env, args []string) error {
	a, _, err := openFromFlags(ctx, e, "nintei catalog list", args)
	if err != nil {
		return err
	}
	defer a.Close()
	eds, err := a.svc.Editions(ctx)
	if err != nil {
		return err
	}
	for _, ed := range eds {
		fmt.Fprintf(e.stdout, "%-32s %-16s v%-8s %-8s %3d items  %s\n", ed.ID, ed.SchemeID, ed.Version, ed.Status, ed.ItemCount, ed.TitleJA)
	}
	return nil
}

func cmdAudit(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("usage: nintei audit verify")
	}
	a, _, err := openFromFlags(ctx, e, "nintei audit verify", args[1:])
	if err != nil {
		return err
	}
	defer a.Close()
	n, brk, err := a.svc.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if brk != nil {
		return fmt.Errorf("audit trail BROKEN after %d good events: first broken link at seq %d (%s)", n, brk.Seq, brk.Reason)
	}
	fmt.Fprintf(e.stdout, "audit trail OK: %d events, chain intact\n", n)
	return nil
}
