package aftercare

import (
	"context"
	"errors"
	"io/fs"
	"path"

	"nintei"
	"nintei/catalog"
	"nintei/certification"
	"nintei/civil"
	"nintei/formb"
	"nintei/internal/movein"
	"nintei/internal/xlsx"
	"nintei/policy"
	"nintei/service/core"
)

// MoveInReport says what an import of certifications did, or in a dry run
// would do.
type MoveInReport struct {
	DryRun       bool
	Source       string
	Certified    []MovedIn
	NewProviders int
	// NextNumbers are the numbers the next certification of each scheme
	// will get, by scheme prefix, this month.
	NextNumbers map[string]string
}

// MovedIn is one certification brought in.
type MovedIn struct {
	Row           int
	Number        string
	ServiceName   string
	ProviderName  string
	Status        certification.Status
	CertifiedOn   string
	ValidUntil    string
	Renewals      int
	Answers       int
	NewProvider   bool
	ApplicationID int64 // 0 in a dry run
}

// plannedRow is a checked row and what it needs: its scheme's edition and
// the answers read from its workbook.
type plannedRow struct {
	row         movein.Row
	schemeID    string
	ed          *catalog.Edition
	form        formb.Form
	terms       []certification.Term
	newProvider bool
}

// movePlan is a move checked from end to end, ready to be written.
type movePlan struct {
	source  string
	rows    []plannedRow
	orgs    map[string]int64 // corporate number → existing provider
	serials map[string]int64 // scheme → highest serial brought in
}

// ImportCertifications brings in the certifications a body issued on its
// old site (docs/moving-in.md): the CSV csvName in files and one Form B
// workbook per row. Every row is checked first — the CSV's cells, the
// workbooks, numbers and serials already taken here — and any problem
// returns *movein.Error listing all of them, by file, row and cell, with
// nothing written. A dry run stops there and reports what would be created.
// Otherwise everything is written in one transaction: per row the provider
// (unless one with the corporate number exists), a certified application
// holding Form A and Form B, the certification with its number, serial and
// terms as issued, its registry entry (published as a certification here
// publishes it, R-7), its status and ending, and the audit event
// certification.import naming the source row; each scheme's serial counter
// then continues after the highest serial brought in.
func (s *Aftercare) ImportCertifications(ctx context.Context, p core.Principal, files fs.FS, csvName string, dryRun bool) (MoveInReport, error) {
	if err := p.May(policy.MoveIn); err != nil {
		return MoveInReport{}, err
	}
	plan, problems, err := s.planMoveIn(ctx, files, csvName)
	if err != nil {
		return MoveInReport{}, err
	}
	if len(problems) > 0 {
		movein.Sort(problems)
		return MoveInReport{DryRun: dryRun, Source: csvName}, &movein.Error{Problems: problems}
	}
	if dryRun {
		return s.moveInReport(ctx, plan, nil, true)
	}
	var appIDs []int64
	if err := s.writeMoveIn(ctx, p, plan, &appIDs); err != nil {
		return MoveInReport{}, err
	}
	return s.moveInReport(ctx, plan, appIDs, false)
}

// planMoveIn reads and checks everything; problems are the user's to put
// right, err is the system's.
func (s *Aftercare) planMoveIn(ctx context.Context, files fs.FS, csvName string) (*movePlan, []movein.Problem, error) {
	schemes, prefixes, err := s.schemesByPrefix(ctx)
	if err != nil {
		return nil, nil, err
	}
	f, err := files.Open(csvName)
	if err != nil {
		return nil, []movein.Problem{{File: csvName, Key: movein.CodeFileMissing, Args: map[string]any{"Value": csvName}}}, nil
	}
	rows, problems := movein.Parse(csvName, f, movein.Options{Prefixes: prefixes, Today: s.Day()})
	_ = f.Close()
	plan := &movePlan{source: csvName, serials: map[string]int64{}}
	if plan.orgs, err = s.providersByCorporateNumber(ctx); err != nil {
		return nil, nil, err
	}
	taken := map[string]map[int64]string{}
	seenCN := map[string]bool{}
	for _, r := range rows {
		pr := plannedRow{row: r, schemeID: schemes[r.Prefix].ID}
		if pr.ed, err = s.schemeEdition(ctx, pr.schemeID); err != nil {
			return nil, nil, err
		}
		if taken[pr.schemeID] == nil {
			if taken[pr.schemeID], err = s.Store.SerialsOfScheme(ctx, pr.schemeID); err != nil {
				return nil, nil, err
			}
			for serial := range taken[pr.schemeID] { // the next number follows these too
				plan.serials[pr.schemeID] = max(plan.serials[pr.schemeID], serial)
			}
		}
		ps := checkTaken(csvName, r, taken[pr.schemeID])
		var fit bool
		if pr.terms, fit = importedTerms(r, pr.ed.Scheme.ValidityYears); !fit {
			ps = append(ps, movein.Problem{File: csvName, Row: r.Line, Column: movein.ColRenewals, Key: movein.CodeRenewalsFit,
				Args: map[string]any{"Value": r.Renewals}})
		}
		form, wps := readWorkbook(files, path.Join(path.Dir(csvName), r.FormB), r, pr.ed)
		pr.form, ps = form, append(ps, wps...)
		if len(ps) > 0 {
			problems = append(problems, ps...)
			continue
		}
		_, exists := plan.orgs[r.CorporateNumber]
		pr.newProvider = !exists && !seenCN[r.CorporateNumber]
		seenCN[r.CorporateNumber] = true
		plan.serials[pr.schemeID] = max(plan.serials[pr.schemeID], r.Serial)
		plan.rows = append(plan.rows, pr)
	}
	return plan, problems, nil
}

// checkTaken names a row whose number or serial this instance has issued.
func checkTaken(file string, r movein.Row, taken map[int64]string) []movein.Problem {
	n, ok := taken[r.Serial]
	switch {
	case !ok:
		return nil
	case n == r.Number:
		return []movein.Problem{{File: file, Row: r.Line, Column: movein.ColNumber, Key: movein.CodeNumberTaken,
			Args: map[string]any{"Value": r.Number}}}
	default:
		return []movein.Problem{{File: file, Row: r.Line, Column: movein.ColNumber, Key: movein.CodeSerialTaken,
			Args: map[string]any{"Value": r.Number, "Number": n}}}
	}
}

// readWorkbook reads a row's Form B workbook (the export format, for the
// scheme's current edition); its problems are named by the workbook's file
// and cell.
func readWorkbook(files fs.FS, name string, r movein.Row, ed *catalog.Edition) (formb.Form, []movein.Problem) {
	f, err := files.Open(name)
	if err != nil {
		return nil, []movein.Problem{{File: name, Row: r.Line, Column: movein.ColFormB, Key: movein.CodeFileMissing,
			Args: map[string]any{"Value": r.FormB}}}
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	res, err := xlsx.Import(f, size, ed)
	var ie *xlsx.ImportError
	if errors.As(err, &ie) {
		ps := make([]movein.Problem, 0, len(ie.Problems))
		for _, xp := range ie.Problems {
			cell := xp.Sheet
			if xp.Cell != "" {
				cell += "!" + xp.Cell
			}
			ps = append(ps, movein.Problem{File: name, Cell: cell, Key: xp.MessageKey(), Args: xp.MessageArgs()})
		}
		return nil, ps
	} else if err != nil {
		return nil, []movein.Problem{{File: name, Key: movein.CodeFileUnreadable}}
	}
	return res.Form, nil
}

// importedTerms are the terms a certification ran for, given as issued:
// the current term is the scheme's validity up to its last valid day; each
// renewal before it began the scheme's validity earlier; the
// first began on the certification day. fit is false when the renewals do
// not fit between the certification day and the current term.
func importedTerms(r movein.Row, years int) ([]certification.Term, bool) {
	if years <= 0 {
		years = certification.DefaultValidityYears
	}
	starts := make([]civil.Date, r.Renewals+1)
	starts[0] = r.CertifiedOn
	if r.Renewals > 0 {
		starts[r.Renewals] = r.ValidUntil.AddYears(-years).AddDays(1)
		for k := r.Renewals - 1; k >= 1; k-- {
			starts[k] = starts[k+1].AddYears(-years)
		}
	}
	terms := make([]certification.Term, len(starts))
	for k, from := range starts {
		if k > 0 && !from.After(starts[k-1]) {
			return nil, false
		}
		until := r.ValidUntil
		if k+1 < len(starts) {
			until = starts[k+1].AddDays(-1)
		}
		terms[k] = certification.Term{StartsOn: from, ValidUntil: until, DecidedOn: from}
	}
	return terms, true
}

// moveInReport lists what was (or would be) created and the next number
// of each scheme.
func (s *Aftercare) moveInReport(ctx context.Context, plan *movePlan, appIDs []int64, dryRun bool) (MoveInReport, error) {
	rep := MoveInReport{DryRun: dryRun, Source: plan.source, NextNumbers: map[string]string{}}
	for i, pr := range plan.rows {
		r := pr.row
		m := MovedIn{Row: r.Line, Number: r.Number, ServiceName: r.ServiceName, ProviderName: r.ProviderName, Status: r.Status,
			CertifiedOn: r.CertifiedOn.String(), ValidUntil: r.ValidUntil.String(), Renewals: r.Renewals,
			Answers: len(pr.form), NewProvider: pr.newProvider}
		if i < len(appIDs) {
			m.ApplicationID = appIDs[i]
		}
		if m.NewProvider {
			rep.NewProviders++
		}
		rep.Certified = append(rep.Certified, m)
	}
	for schemeID, serial := range plan.serials {
		sc, err := s.Store.Scheme(ctx, schemeID)
		if err != nil {
			return rep, err
		}
		rep.NextNumbers[sc.NumberPrefix] = certification.Number(sc.NumberPrefix, serial+1, s.Day())
	}
	return rep, nil
}

// providersByCorporateNumber maps the providers this instance knows by
// their corporate numbers: a provider moving in that is already here
// (under that number) keeps its account.
func (s *Aftercare) providersByCorporateNumber(ctx context.Context) (map[string]int64, error) {
	orgs, err := s.Store.Organizations(ctx, nintei.OrgProvider)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, o := range orgs {
		if o.CorporateNumber != "" {
			out[o.CorporateNumber] = o.ID
		}
	}
	return out, nil
}
