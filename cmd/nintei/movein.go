package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"nintei/internal/i18n"
	"nintei/internal/movein"
	"nintei/service/aftercare"
)

const moveInUsage = "usage: nintei import-certifications --as ADMIN_EMAIL [--dry-run] FILE (certifications.csv, its workbooks beside it, or a .zip of both)"

// cmdImportCertifications brings in the certifications a body issued on
// its old site (docs/moving-in.md). Nothing is written unless every row
// and workbook is right; every problem is printed with its file, row and
// cell, in Japanese and English.
func cmdImportCertifications(ctx context.Context, e env, args []string) error {
	var as string
	var dryRun bool
	declare := func(fs *flag.FlagSet) {
		fs.StringVar(&as, "as", "", "e-mail of the administrator the audit trail records as importing")
		fs.BoolVar(&dryRun, "dry-run", false, "check everything and report what would be created; create nothing")
	}
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	a, rest, err := openFromFlags(ctx, e, "nintei import-certifications", args, declare)
	if err != nil {
		return err
	}
	defer a.Close()
	if file == "" && len(rest) == 1 {
		file = rest[0]
	}
	if file == "" || as == "" {
		return errors.New(moveInUsage)
	}
	files, csvName, closeFiles, err := moveInFiles(file)
	if err != nil {
		return explain(a.msgs, err)
	}
	defer closeFiles()
	p, err := a.svc.OperatorPrincipal(ctx, as)
	if err != nil {
		return fmt.Errorf("--as %s: no such user", as)
	}
	rep, err := a.svc.ImportCertifications(ctx, p, files, csvName, dryRun)
	var me *movein.Error
	if errors.As(err, &me) {
		for _, pr := range me.Problems {
			fmt.Fprintf(e.stderr, "%s: %s / %s\n", pr.Place(), a.msgs.Message(i18n.Japanese, pr), a.msgs.Message(i18n.English, pr))
		}
		return fmt.Errorf("%d problem(s): nothing imported", len(me.Problems))
	} else if err != nil {
		return explain(a.msgs, err)
	}
	printMoveIn(e, rep)
	return nil
}

// moveInFiles opens what the command was given: a ZIP, or the CSV with its
// workbooks in its folder.
func moveInFiles(file string) (fs.FS, string, func(), error) {
	if strings.EqualFold(filepath.Ext(file), ".zip") {
		f, err := os.Open(file) // #nosec G304 G703 -- the operator names the file on the command line
		if err != nil {
			return nil, "", nil, err
		}
		st, err := f.Stat()
		if err != nil {
			_ = f.Close()
			return nil, "", nil, err
		}
		zr, name, err := movein.OpenZip(f, st.Size())
		if err != nil {
			_ = f.Close()
			return nil, "", nil, err
		}
		return zr, name, func() { _ = f.Close() }, nil
	}
	return os.DirFS(filepath.Dir(file)), filepath.Base(file), func() {}, nil
}

func printMoveIn(e env, rep aftercare.MoveInReport) {
	verb := "imported"
	if rep.DryRun {
		verb = "would import"
	}
	for _, m := range rep.Certified {
		fmt.Fprintf(e.stdout, "%s:%d\t%s\t%s\t%s\t%s–%s\trenewals %d\t%s\t%d answers\n", rep.Source, m.Row, m.Number,
			m.ServiceName, m.ProviderName, m.CertifiedOn, m.ValidUntil, m.Renewals, m.Status, m.Answers)
	}
	fmt.Fprintf(e.stdout, "%s %d certification(s), %d new provider(s)\n", verb, len(rep.Certified), rep.NewProviders)
	prefixes := make([]string, 0, len(rep.NextNumbers))
	for p := range rep.NextNumbers {
		prefixes = append(prefixes, p)
	}
	sort.Strings(prefixes)
	for _, p := range prefixes {
		fmt.Fprintf(e.stdout, "next number of %s: %s\n", p, rep.NextNumbers[p])
	}
}
