package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/internal/i18n"
	"nintei/internal/web/ui/page"
	"nintei/service/aftercare"
	"nintei/service/core"
	"nintei/service/views"
)

var (
	literalKey = regexp.MustCompile(`\.T\s+"([^"%]+)"`)
	dynamicKey = regexp.MustCompile(`printf\s+"([a-z_.]+\.)%s"`)
	goKey      = regexp.MustCompile(`"((?:error|flash|mail|nav|role|audit|catalog_import)\.[a-z_]+(?:\.[a-z_]+)*)"`)
)

// dynamicValues lists, for every key prefix templates complete at run
// time, all the values that can follow it.
func dynamicValues() map[string][]string {
	var roles, answers []string
	for _, r := range nintei.Roles {
		roles = append(roles, string(r))
	}
	for _, a := range catalog.AnswerTypes() {
		answers = append(answers, string(a))
	}
	return map[string][]string{
		"role.":               roles,
		"work.staff.":         {"secretariat", "reviewer", "committee", "admin"},
		"work.kind.":          {string(application.New), string(application.Renewal), string(application.Change)},
		"work.by.":            {views.ByProvider, views.ByBody},
		"work.act.":           {views.TodoInquiry, views.TodoInvoice, views.TodoRenewal, views.TodoSupervision, views.TodoReturned},
		"work.next.":          workNextSteps,
		"work.deadline.":      workDeadlines,
		"answer.":             answers,
		"catalog.status.":     {string(catalog.StatusDraft), string(catalog.StatusOfficial)},
		"catalog.source.":     {string(catalog.SourceVerified), string(catalog.SourceReconstructed)},
		"catalog.confidence.": {string(catalog.ConfidenceHigh), string(catalog.ConfidenceMedium), string(catalog.ConfidenceLow)},
		"state.":              {string(application.Draft), string(application.Submitted), string(application.Withdrawn)},
		"purpose.":            purposes(),
		"forma.base.":         application.Bases,
		"forma.reseller.":     {"none", "oem", "own_support"},
		"formb.contact.":      catalog.ContactKinds(),
		"formb.unit.":         catalog.DurationUnits(),
		"changes.kind.":       {aftercare.ChangeAnswer, aftercare.ChangeEvidence, aftercare.ChangeNew},
		"returns.reason.":     {"not_certified", "rejected", "withdrawn", "expired", "revoked", "terminated", "lapsed", "renewal"},
		"returns.method.":     {aftercare.DisposeReturned, aftercare.DisposeDestroyed},
		"formb.format.":       {"date", "year_month", "text", "url", "corporate_number", "integer", "money", "percent", "duration"},
	}
}

// workNextSteps are the next steps views.ProviderWork names.
var workNextSteps = []string{"complete_and_submit", "formal_review_start", "change_decision", "formal_review", "correct_and_resubmit",
	"pay_invoice", "confirm_payment", "document_review", "answer_inquiry", "investigation", "committee", "renew", "renewal_draft",
	"renewal_under_way", "renewal_later", "renewal_closed", "respond_supervision", "supervision_answered"}

// workDeadlines are the deadline kinds of views.ProviderWork, with the
// "passed" variants of those that can be overdue.
var workDeadlines = []string{core.DeadlineInvoiceDue, core.DeadlineInvoiceDue + "_overdue", core.DeadlineInquiryAsked,
	core.DeadlineRenewalOpens, core.DeadlineRenewalCloses, core.DeadlineRenewalCloses + "_overdue", core.DeadlineValidUntil,
	core.DeadlineWithholdingEnds, core.DeadlineWithholdingAsks, core.DeadlineSupervisionDue, core.DeadlineSupervisionDue + "_overdue"}

func purposes() []string {
	var out []string
	for _, p := range application.Purposes {
		out = append(out, string(p))
	}
	return out
}

func TestTemplateMessageKeysExist(t *testing.T) {
	msgs := i18n.MustLoad()
	names, err := fs.Glob(page.Templates, "templates/*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("templates: %v %v", names, err)
	}
	dyn := dynamicValues()
	literal := 0
	for _, name := range names {
		b, err := fs.ReadFile(page.Templates, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literalKey.FindAllStringSubmatch(string(b), -1) {
			literal++
			if !msgs.Has(m[1]) {
				t.Errorf("%s: message key %q is not in the catalog", name, m[1])
			}
		}
		for _, m := range dynamicKey.FindAllStringSubmatch(string(b), -1) {
			values, ok := dyn[m[1]]
			if !ok {
				// A prefix this test does not enumerate yet: at least some
				// key must carry it (a typo in the prefix would match none).
				if !slices.ContainsFunc(msgs.Keys(), func(k string) bool { return strings.HasPrefix(k, m[1]) }) {
					t.Errorf("%s: no message key starts with the dynamic prefix %q", name, m[1])
				}
				t.Logf("%s: dynamic prefix %q is not enumerated in dynamicValues; add its values", name, m[1])
			}
			for _, v := range values {
				if !msgs.Has(m[1] + v) {
					t.Errorf("%s: message key %q is not in the catalog", name, m[1]+v)
				}
			}
		}
	}
	if literal < 50 {
		t.Errorf("found only %d literal keys; the pattern is broken", literal)
	}
	for prefix, values := range dyn {
		for _, v := range values {
			for _, lang := range i18n.Langs {
				if got := msgs.T(lang, prefix+v, nil); got == prefix+v || got == "" {
					t.Errorf("%s: %q has no text", lang, prefix+v)
				}
			}
		}
	}
}

// TestNavKeysExist checks the menu of every role.
func TestNavKeysExist(t *testing.T) {
	msgs := i18n.MustLoad()
	layouts := []Layout{page.NewLayout(msgs, i18n.Japanese, nil)}
	for _, r := range nintei.Roles {
		layouts = append(layouts, page.NewLayout(msgs, i18n.Japanese, &nintei.User{Role: r}))
	}
	for _, l := range layouts {
		for _, item := range l.Nav() {
			if !msgs.Has(item.Key) {
				t.Errorf("nav key %q is not in the catalog", item.Key)
			}
		}
	}
}

// TestGoMessageKeysExist finds the message keys written in the Go code whose
// errors and flashes reach the web (the web packages, service, the domain,
// the store).
func TestGoMessageKeysExist(t *testing.T) {
	msgs := i18n.MustLoad()
	found := 0
	for _, dir := range []string{".", "public", "page", "..", "../api", "../request", "../ratelimit", "../publiccache", "../../../service", "../../..", "../../sqlstore"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range goKey.FindAllStringSubmatch(string(b), -1) {
				found++
				if !msgs.Has(m[1]) {
					t.Errorf("%s: message key %q is not in the catalog", f, m[1])
				}
			}
		}
	}
	if found < 30 {
		t.Errorf("found only %d keys in Go code; the pattern is broken", found)
	}
}
