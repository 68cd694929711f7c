package service_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/certification"
	"nintei/civil"
	"nintei/formb/formbtest"
	"nintei/internal/movein"
	"nintei/internal/testenv"
	"nintei/internal/xlsx"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/apply"
)

// moveRow is one certification of the old site, as the test writes it.
type moveRow struct {
	number, service, provider, cn      string
	certifiedOn, validUntil, revokedOn civil.Date
	renewals                           int
	status                             certification.Status
	grounds, marker                    string
}

// corporateNumber makes a valid 法人番号 from a 12-digit base.
func corporateNumber(base string) string {
	sum := 0
	for n := 1; n <= 12; n++ {
		q := 1
		if n%2 == 0 {
			q = 2
		}
		sum += int(base[12-n]-'0') * q
	}
	return fmt.Sprint(9-sum%9) + base
}

// oldSiteRows are n certifications of 25 providers (two services each):
// every fifth revoked, every fifth expired, every fifth renewed once or
// twice, the rest valid; row 3 is in its renewal window on the test day
// (2026-11-27). Serials run from 41, so the highest is 40+n.
func oldSiteRows(n int) []moveRow {
	var rows []moveRow
	for i := 1; i <= n; i++ {
		p := (i + 1) / 2
		r := moveRow{service: fmt.Sprintf("移行サービス%02d", i), provider: fmt.Sprintf("株式会社移行%02d", p),
			cn: corporateNumber(fmt.Sprintf("%012d", 100000000000+p)), status: certification.Valid,
			marker: fmt.Sprintf("旧サイトで公表した回答 No.%02d（改行も\nそのまま）", i)}
		switch i % 5 {
		case 0: // revoked
			r.certifiedOn = civil.MustParse("2025-02-01").AddDays(i)
			r.validUntil = certification.ValidUntil(r.certifiedOn, 2)
			r.status, r.revokedOn, r.grounds = certification.Revoked, civil.MustParse("2026-03-01").AddDays(i), "f,a"
		case 1: // expired
			r.certifiedOn = civil.MustParse("2022-04-01").AddDays(i)
			r.validUntil = certification.ValidUntil(r.certifiedOn, 2)
			r.status = certification.Expired
		case 2: // renewed once or twice
			r.renewals = 1 + i%2
			current := civil.MustParse("2025-06-01").AddDays(i) // the current term's first day
			r.certifiedOn = current.AddYears(-2 * r.renewals)
			r.validUntil = certification.ValidUntil(current, 2)
		default:
			r.certifiedOn = civil.MustParse("2025-01-12").AddDays(i)
			r.validUntil = certification.ValidUntil(r.certifiedOn, 2)
		}
		r.number = certification.Number("IP-IoT", int64(40+i), r.certifiedOn)
		rows = append(rows, r)
	}
	return rows
}

// moveFiles writes the CSV and one workbook per row, each with its marker
// as the answer of the first long-text item.
func moveFiles(t *testing.T, ed *catalog.Edition, rows []moveRow) (fstest.MapFS, catalog.Item) {
	t.Helper()
	var item catalog.Item
	for _, it := range ed.Items {
		if it.Answer.Type == catalog.TypeLongText {
			item = it
			break
		}
	}
	files := fstest.MapFS{}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"number", "service_name", "provider_name", "corporate_number", "certified_on", "valid_until",
		"renewals", "status", "revoked_on", "revocation_grounds", "revocation_reason", "form_b", "bases"})
	for i, r := range rows {
		reason := ""
		if r.status == certification.Revoked {
			reason = "変更の届出がなかった"
		}
		name := fmt.Sprintf("formb/%02d.xlsx", i+1)
		_ = w.Write([]string{r.number, r.service, r.provider, r.cn, r.certifiedOn.String(), r.validUntil.String(),
			fmt.Sprint(r.renewals), string(r.status), r.revokedOn.String(), r.grounds, reason, name, "system,network"})
		form := formbtest.CompleteForm(ed)
		e := form[item.ID]
		e.Answer.Value = r.marker
		form[item.ID] = e
		var x bytes.Buffer
		if err := xlsx.Export(&x, ed, form, xlsx.Meta{ServiceName: r.service, ProviderName: r.provider, GeneratedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: x.Bytes()}
	}
	w.Flush()
	files["certifications.csv"] = &fstest.MapFile{Data: append([]byte("\uFEFF"), b.Bytes()...)}
	return files, item
}

// Moving in: 50 certifications of the old site (valid, expired, revoked,
// renewed) come in as issued — registry and verification show them
// exactly as given — after a file with one bad row
// and a dry run created nothing; the next certification continues the
// serials; an imported service in its window is renewed to the end.
func TestMoveIn_R7_R8_4_R9(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		admin := principal(env.AddUser(t, "admin@body.example.jp", nintei.RoleAdmin, ""))
		cur, err := env.Svc.CurrentEdition(ctx, "")
		ok(t, err)
		_, ed, err := env.Svc.Edition(ctx, cur.ID)
		ok(t, err)
		rows := oldSiteRows(50)
		files, item := moveFiles(t, ed, rows)

		bad := fstest.MapFS{}
		for k, v := range files {
			bad[k] = v
		}
		bad["certifications.csv"] = &fstest.MapFile{Data: bytes.Replace(files["certifications.csv"].Data,
			[]byte(rows[6].cn), []byte("1"+rows[6].cn[1:]), 1)} // row 7 is on line 8
		_, err = env.Svc.ImportCertifications(ctx, admin, bad, "certifications.csv", false)
		var me *movein.Error
		if !errors.As(err, &me) || len(me.Problems) != 1 || me.Problems[0].Row != 8 || me.Problems[0].Column != "corporate_number" ||
			me.Problems[0].Key != movein.CodeCorporateNumber {
			t.Fatalf("one bad row: %v", err)
		}
		bad["certifications.csv"] = files["certifications.csv"]
		bad["formb/05.xlsx"] = &fstest.MapFile{Data: []byte("not a workbook")}
		delete(bad, "formb/09.xlsx")
		_, err = env.Svc.ImportCertifications(ctx, admin, bad, "certifications.csv", false)
		if !errors.As(err, &me) || len(me.Problems) != 2 || me.Problems[0].File != "formb/05.xlsx" || !strings.HasPrefix(me.Problems[0].Key, "xlsx.file.") ||
			me.Problems[1].File != "formb/09.xlsx" || me.Problems[1].Row != 10 || me.Problems[1].Key != movein.CodeFileMissing {
			t.Fatalf("bad workbooks: %v", err)
		}
		rep, err := env.Svc.ImportCertifications(ctx, admin, files, "certifications.csv", true)
		ok(t, err)
		if len(rep.Certified) != 50 || rep.NewProviders != 25 || rep.NextNumbers["IP-IoT"] != "IP-IoT 0091-2611" {
			t.Errorf("dry run: %d rows, %d providers, next %v", len(rep.Certified), rep.NewProviders, rep.NextNumbers)
		}
		assertNothingImported(t, env)

		rep, err = env.Svc.ImportCertifications(ctx, admin, files, "certifications.csv", false)
		ok(t, err)
		if len(rep.Certified) != 50 || rep.DryRun {
			t.Fatalf("import: %+v", rep)
		}
		assertMovedIn(t, env, rows, item)
		if got := countAudit(t, env, "certification.import"); got != 50 {
			t.Errorf("audit: %d certification.import events, want 50", got)
		}
		if _, err := env.Svc.ImportCertifications(ctx, admin, files, "certifications.csv", true); !errors.As(err, &me) ||
			len(me.Problems) != 50 || me.Problems[0].Key != movein.CodeNumberTaken {
			t.Errorf("a second import: %v", err)
		}

		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		c, err := env.Svc.Certification(ctx, who.owner, id)
		ok(t, err)
		if c.Number != "IP-IoT 0091-2611" {
			t.Errorf("R-8.4: the next certification is %s, want IP-IoT 0091-2611", c.Number)
		}
		renewMovedIn(t, env, who, rep.Certified[2], rows[2])
	})
}

// assertNothingImported: no certification, no provider, no audit event.
func assertNothingImported(t *testing.T, env *testenv.Env) {
	t.Helper()
	page, err := env.Svc.Registry(ctx, "", 1, 200)
	ok(t, err)
	orgs, err := env.Store.Organizations(ctx, nintei.OrgProvider)
	ok(t, err)
	if page.Total != 0 || len(orgs) != 0 || countAudit(t, env, "certification.import") != 0 {
		t.Errorf("something was imported: %d entries, %d providers", page.Total, len(orgs))
	}
}

func countAudit(t *testing.T, env *testenv.Env, action string) int {
	t.Helper()
	q := sqlstoreQuery("certification")
	q.Limit = 500
	evs, err := env.Store.AuditEvents(ctx, q)
	ok(t, err)
	n := 0
	for _, e := range evs {
		if e.Action == action {
			n++
			if !strings.Contains(e.Detail, `"source":"certifications.csv"`) || !strings.Contains(e.Detail, `"row":`) {
				t.Errorf("detail of %s: %s", e.ObjectID, e.Detail)
			}
		}
	}
	return n
}

// assertMovedIn reads every row back from the registry and verification.
func assertMovedIn(t *testing.T, env *testenv.Env, rows []moveRow, item catalog.Item) {
	t.Helper()
	page, err := env.Svc.Registry(ctx, "", 1, 200)
	ok(t, err)
	if page.Total != 50 {
		t.Errorf("registry lists %d", page.Total)
	}
	for _, r := range rows {
		pub, status, err := env.Svc.RegistryService(ctx, r.number)
		ok(t, err)
		if status != string(r.status) || pub.ServiceName != r.service || pub.ProviderName != r.provider ||
			pub.CertifiedOn != r.certifiedOn.String() || pub.ValidUntil != r.validUntil.String() {
			t.Errorf("%s: registry %s %s %s %s–%s", r.number, status, pub.ServiceName, pub.ProviderName, pub.CertifiedOn, pub.ValidUntil)
		}
		for _, a := range pub.Items {
			if a.ItemID == item.ID && a.Text != r.marker {
				t.Errorf("R-7.2: %s: answer %q, want %q", r.number, a.Text, r.marker)
			}
		}
		v, vstatus, err := env.Svc.VerifyService(ctx, r.number)
		ok(t, err)
		if vstatus != string(r.status) || v.CertifiedOn != r.certifiedOn.String() || v.ValidUntil != r.validUntil.String() {
			t.Errorf("%s: verification %s %s–%s", r.number, vstatus, v.CertifiedOn, v.ValidUntil)
		}
		if r.status == certification.Revoked {
			end, err := env.Svc.RegistryEnding(ctx, pub, status)
			ok(t, err)
			if end == nil || end.On != r.revokedOn.String() || len(end.Grounds) != 2 || !strings.HasPrefix(end.Grounds[0], "a)") {
				t.Errorf("R-11.5: %s: ending %+v", r.number, end)
			}
		}
	}
}

// renewMovedIn takes the imported certification of row 3, in its renewal
// window on the test day, through a renewal to the decision.
func renewMovedIn(t *testing.T, env *testenv.Env, who actors, m aftercare.MovedIn, r moveRow) {
	t.Helper()
	owner := principal(env.AddUser(t, "owner@ikou02.example.jp", nintei.RoleOwner, r.provider))
	ren, err := env.Svc.OpenRenewal(ctx, owner, m.ApplicationID)
	ok(t, err)
	fa := testenv.CompleteFormA()
	fa.Provider.Name, fa.Provider.CorporateNumber, fa.Service.Name = r.provider, r.cn, r.service
	_, err = env.Svc.SaveFormA(ctx, owner, ren.ID, version(t, env, ren.ID), fa)
	ok(t, err)
	ed, err := env.Svc.ApplicationEdition(ctx, ren)
	ok(t, err)
	var ids []string
	for _, it := range ed.Items {
		ids = append(ids, it.ID)
	}
	addAttachments(t, env, owner, ren.ID, ids)
	_, err = env.Svc.DeclareMarkUse(ctx, owner, ren.ID, version(t, env, ren.ID))
	ok(t, err)
	pc, err := env.Svc.RunPrecheck(ctx, owner, ren.ID)
	ok(t, err)
	if pc.Blocking() {
		t.Fatalf("the renewal does not pass the pre-check: %v %+v", formAKeys(pc), pc.Findings)
	}
	ok(t, env.Svc.Submit(ctx, owner, ren.ID, version(t, env, ren.ID), "ja"))
	renewalThroughReview(t, env, who, ren.ID)
	env.AssessMandatoryOK(t, who.jimu, ren.ID)
	ok(t, env.Svc.Certify(ctx, who.jimu, ren.ID, version(t, env, ren.ID), ""))
	after, err := env.Svc.Certification(ctx, owner, ren.ID)
	ok(t, err)
	if after.Number != r.number || after.TermStartsOn != r.validUntil.AddDays(1) ||
		after.ValidUntil != certification.ValidUntil(r.validUntil.AddDays(1), 2) || after.Status != certification.Valid {
		t.Errorf("R-9: renewed %+v", after)
	}
}

// addAttachments hands in the proof of existence and one evidence file
// for every item.
func addAttachments(t *testing.T, env *testenv.Env, owner service.Principal, id int64, ids []string) {
	t.Helper()
	for _, n := range []apply.NewAttachment{{Purpose: application.PurposeExistence, FileName: "登記.pdf", Original: true},
		{Purpose: application.PurposeEvidence, FileName: "仕様書.pdf", ItemIDs: ids}} {
		n.Body = strings.NewReader(testenv.TinyPDF)
		_, err := env.Svc.AddAttachment(ctx, owner, id, n)
		ok(t, err)
	}
}
