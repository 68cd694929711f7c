package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/formb/formbtest"
	"nintei/incident"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service"
	"nintei/service/aftercare"
	"nintei/service/apply"
)

// The leak search (issue 8, item 2; ): a registry
// is seeded with everything that must never be public, each piece carrying
// a unique marker; then every public URL reachable from the home page and
// every open-data endpoint and feed is fetched anonymously and its bytes
// searched for every marker.

// leakMarkers hands out the unique markers, one per kind of secret.
type leakMarkers map[string]string // kind → marker

// mark returns a new marker "LEAK-<kind>-<random>" for a kind of secret.
func (m leakMarkers) mark(kind string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	v := "LEAK-" + kind + "-" + hex.EncodeToString(b)
	m[kind] = v
	return v
}

// leakPDF is a file the upload checks accept as a PDF, with a marker inside.
func leakPDF(marker string) *strings.Reader {
	return strings.NewReader("%PDF-1.4\n% " + marker + "\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
}

// leakApplication opens an application for owner and fills it until the
// pre-check passes, like testenv.ReadyApplication, but with markers in
// Form A's unpublished fields, in every evidence reference and in the
// attachments (names and contents). answer, if set, replaces the answer of
// every long-text item (for a draft, whose answers are never published).
func leakApplication(t *testing.T, s *site, owner service.Principal, m leakMarkers, who, answer string) int64 {
	t.Helper()
	ctx := context.Background()
	a, err := s.Env.Svc.OpenApplication(ctx, owner, "")
	if err != nil {
		t.Fatal(err)
	}
	fa := testenv.CompleteFormA()
	// Each provider is its own corporation: one corporate number shared
	// by the revoked provider and another would bar the other (R-4.2e).
	fa.Provider.CorporateNumber = leakCorporateNumber(who)
	fa.Provider.RepresentativeName = m.mark(who + "-representative")
	fa.Provider.ContactName = m.mark(who + "-contact-name")
	fa.Provider.ContactDepartment = m.mark(who + "-contact-department")
	if answer != "" {
		fa.Service.Name = m.mark(who + "-service-name")
		fa.Service.Overview = m.mark(who + "-service-overview")
	}
	v, err := s.Env.Svc.SaveFormA(ctx, owner, a.ID, a.Version, fa)
	if err != nil {
		t.Fatal(err)
	}
	ed, err := s.Env.Svc.ApplicationEdition(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	form := formbtest.CompleteForm(ed)
	doc, loc := m.mark(who+"-evidence-doc"), m.mark(who+"-evidence-loc")
	var entries []formb.Entry
	var ids []string
	for _, it := range ed.Items {
		e := form[it.ID]
		e.EvidenceDoc, e.EvidenceLoc = doc, loc
		if answer != "" && it.Answer.Type == catalog.TypeLongText {
			e.Answer.Value = answer
		}
		entries, ids = append(entries, e), append(ids, it.ID)
	}
	if _, err = s.Env.Svc.SaveFormB(ctx, owner, a.ID, v, entries); err != nil {
		t.Fatal(err)
	}
	for _, n := range []apply.NewAttachment{{Purpose: application.PurposeExistence, Original: true},
		{Purpose: application.PurposeEvidence, ItemIDs: ids}} {
		n.FileName = m.mark(who+"-"+string(n.Purpose)+"-file-name") + ".pdf"
		n.Body = leakPDF(m.mark(who + "-" + string(n.Purpose) + "-file-content"))
		if _, err := s.Env.Svc.AddAttachment(ctx, owner, a.ID, n); err != nil {
			t.Fatal(err)
		}
	}
	return a.ID
}

// leakCorporateNumber is a valid corporate number of its own for each
// provider of the leak search: twelve digits from the name, and the
// check digit that makes them valid.
func leakCorporateNumber(who string) string {
	var n uint32
	for _, r := range who {
		n = n*31 + uint32(r)
	}
	base := strconv.FormatUint(uint64(n)+100_000_000_000, 10)
	for d := '1'; d <= '9'; d++ {
		if cn := string(d) + base; catalog.ValidCorporateNumber(cn) {
			return cn
		}
	}
	return "7000012050002"
}

// leakSeed builds the registry of the leak search and returns its
// markers, the certification numbers on the registry and a control marker
// in a published answer.
func leakSeed(t *testing.T, s *site) (m leakMarkers, numbers []string, control string) {
	t.Helper()
	ctx := context.Background()
	m = leakMarkers{}
	user := func(email string, r nintei.Role, org string) service.Principal {
		return service.Principal{User: s.Env.AddUser(t, email, r, org)}
	}
	ownerA := user("owner@a.leak.example.jp", nintei.RoleOwner, "株式会社エー")
	ownerB := user("owner@b.leak.example.jp", nintei.RoleOwner, "株式会社ビー")
	ownerC := user("owner@c.leak.example.jp", nintei.RoleOwner, "株式会社シー")
	ownerD := user("owner@d.leak.example.jp", nintei.RoleOwner, "株式会社ディー")
	jimu := user("jimu@leak.example.jp", nintei.RoleSecretariat, "")
	shinsa := user("shinsa@leak.example.jp", nintei.RoleReviewer, "")
	iin := user("iin@leak.example.jp", nintei.RoleCommittee, "")
	version := func(id int64) int64 {
		a, err := s.Env.Store.Application(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return a.Version
	}
	run := func(what string, steps ...func() error) {
		t.Helper()
		for i, step := range steps {
			if err := step(); err != nil {
				t.Fatalf("seeding %s, step %d: %v", what, i+1, err)
			}
		}
	}
	toPayment := func(owner service.Principal, id int64) []func() error {
		return []func() error{
			func() error { return s.Env.Svc.Submit(ctx, owner, id, version(id), "ja") },
			func() error { return s.Env.Svc.StartFormalReview(ctx, jimu, id, version(id)) },
			func() error { _, err := s.Env.Svc.AcceptFormal(ctx, jimu, id, version(id)); return err },
			func() error {
				return s.Env.Svc.ConfirmPayment(ctx, jimu, id, version(id), "2026-11-27", 209000, m.mark("payment-ref-"+strconv.FormatInt(id, 10)))
			},
		}
	}

	// A: certified after every review step, then a withheld answer, an
	// incident, an unpublished supervision request, a compelled disclosure
	// and a renewal draft.
	a := leakApplication(t, s, ownerA, m, "certified", "")
	app, _ := s.Env.Store.Application(ctx, a)
	ed, err := s.Env.Svc.ApplicationEdition(ctx, app)
	if err != nil {
		t.Fatal(err)
	}
	var longText, published, keyYesNo catalog.Item
	for _, it := range ed.Items {
		if it.Answer.Type == catalog.TypeLongText && longText.ID != "" && published.ID == "" {
			published = it
		}
		if it.Answer.Type == catalog.TypeLongText && longText.ID == "" {
			longText = it
		}
		if it.Key != nil && (it.Answer.Type == catalog.TypeYesNo || it.Answer.Type == catalog.TypeYesNoDetail) && keyYesNo.ID == "" {
			keyYesNo = it
		}
	}
	if published.ID == "" || keyYesNo.ID == "" {
		t.Fatal("the catalog has fewer than two long-text items or no yes/no key item")
	}
	withheld, shown := formbtest.CompleteForm(ed)[longText.ID], formbtest.CompleteForm(ed)[published.ID]
	withheld.EvidenceDoc, withheld.EvidenceLoc = m["certified-evidence-doc"], m["certified-evidence-loc"]
	shown.EvidenceDoc, shown.EvidenceLoc = withheld.EvidenceDoc, withheld.EvidenceLoc
	// The control: a published answer carries a marker too, which the
	// search must find (it is not one of the returned markers). The
	// withheld answer holds the control as well, so a search for it finds
	// the service while its snippet must come from the published answer.
	control = "PUBLIC-control-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	withheld.Answer.Value = m.mark("withheld-answer") + " " + control
	shown.Answer.Value = control
	if _, err := s.Env.Svc.SaveFormB(ctx, ownerA, a, version(a), []formb.Entry{withheld, shown}); err != nil {
		t.Fatal(err)
	}
	// The inquiry's amendment keeps the key item's measure in place:
	// the application is certified, with a note for the file.
	amend := formbtest.CompleteForm(ed)[keyYesNo.ID]
	amend.EvidenceLoc = "第2章（改訂）"
	var inquiry int64
	run("the certified application", append(toPayment(ownerA, a),
		func() error {
			return s.Env.Svc.OpenInquiry(ctx, shinsa, a, version(a), keyYesNo.ID, m.mark("inquiry-question"))
		},
		func() error {
			qs, err := s.Env.Store.Inquiries(ctx, a)
			if err != nil {
				return err
			}
			inquiry = qs[0].ID
			return s.Env.Svc.AnswerInquiry(ctx, ownerA, a, version(a), inquiry, m.mark("inquiry-answer"), &amend)
		},
		func() error { return s.Env.Svc.StartInvestigation(ctx, jimu, a, version(a)) },
		func() error {
			_, err := s.Env.Svc.AddInvestigationFile(ctx, jimu, a, m.mark("investigation-file-name")+".pdf", leakPDF(m.mark("investigation-file-content")))
			return err
		},
		func() error {
			return s.Env.Svc.RecordInvestigation(ctx, jimu, a, version(a), review.Investigation{HeldOn: "2026-11-20",
				Place: m.mark("investigation-place"), Participants: m.mark("investigation-participants"), Report: m.mark("investigation-report")})
		},
		func() error { return s.Env.Svc.ReferToCommittee(ctx, jimu, a, version(a), []int64{iin.User.ID}) },
		func() error { return s.Env.Svc.DeclareConflict(ctx, iin, a, false, m.mark("committee-declaration")) },
		func() error { return s.Env.Svc.GiveOpinion(ctx, iin, a, m.mark("committee-opinion")) },
		func() error {
			return s.Env.Svc.ConcludeCommittee(ctx, jimu, a, version(a), m.mark("committee-conclusion"), "2026-11-25")
		},
		func() error { return testenv.AssessMandatoryOK(ctx, s.Env.Svc, shinsa, a) },
		func() error {
			return s.Env.Svc.Assess(ctx, shinsa, a, longText.ID, review.AssessOK, m.mark("assessment-comment"))
		},
		func() error { return s.Env.Svc.Certify(ctx, jimu, a, version(a), m.mark("decision-note")) },
		func() error {
			return s.Env.Svc.RequestWithholding(ctx, ownerA, a, []string{longText.ID}, m.mark("withholding-reason"), "2029-03-31")
		},
		func() error {
			ws, err := s.Env.Store.Withholdings(ctx, a)
			if err != nil {
				return err
			}
			return s.Env.Svc.DecideWithholding(ctx, jimu, a, ws[0].ID, true, "")
		},
		func() error {
			iid, err := s.Env.Svc.ReportIncident(ctx, ownerA, a, aftercare.NewIncident{Kind: incident.KindLeak, ReportText: aftercare.ReportText{
				OccurredAt: "2026-11-27 09:00", Summary: m.mark("incident-summary"), Impact: m.mark("incident-impact"), Measures: m.mark("incident-measures")}})
			if err != nil {
				return err
			}
			return s.Env.Svc.FileIncidentReport(ctx, ownerA, a, iid, incident.StageFollowUp, aftercare.ReportText{
				Summary: m.mark("incident-followup-summary"), Impact: m.mark("incident-followup-impact"), Measures: m.mark("incident-followup-measures")})
		},
		func() error {
			rid, err := s.Env.Svc.RequestSupervision(ctx, jimu, a, aftercare.NewSupervisionRequest{Kind: incident.RequestImprovement,
				Body: m.mark("supervision-request-unpublished"), DueOn: "2026-12-11"})
			if err != nil {
				return err
			}
			return s.Env.Svc.RespondSupervision(ctx, ownerA, a, rid, m.mark("supervision-response"))
		},
		func() error {
			return s.Env.Svc.RecordDisclosure(ctx, jimu, a, apply.Disclosure{Basis: apply.DisclosureCompelled,
				LegalBasis: m.mark("compelled-basis"), Recipient: m.mark("compelled-recipient"), Scope: m.mark("compelled-scope")})
		},
		func() error {
			return s.Env.Svc.RecordDisclosure(ctx, jimu, a, apply.Disclosure{Basis: apply.DisclosureConsent,
				ConsentBy: m.mark("consent-by"), ConsentOn: "2026-11-01", Recipient: m.mark("consent-recipient"), Scope: m.mark("consent-scope")})
		},
		func() error {
			return s.Env.Svc.RecordDisclosure(ctx, jimu, a, apply.Disclosure{Basis: apply.DisclosureThirdParty,
				Source: m.mark("third-party-source"), Recipient: m.mark("third-party-recipient"), Scope: m.mark("third-party-scope")})
		},
	)...)
	if d, err := s.Env.Svc.Decision(ctx, jimu, a); err != nil || d.Note != m["decision-note"] {
		t.Fatalf("the certification's note was not kept: %+v, %v", d, err)
	}

	// B: a draft, never submitted: its service name and answers too.
	leakApplication(t, s, ownerB, m, "draft", m.mark("draft-answer"))

	// C: certified, then revoked and its documents returned.
	c := leakApplication(t, s, ownerC, m, "revoked", "")
	run("the revoked application", append(toPayment(ownerC, c),
		func() error { return testenv.AssessMandatoryOK(ctx, s.Env.Svc, jimu, c) },
		func() error { return s.Env.Svc.Certify(ctx, jimu, c, version(c), "") },
		func() error {
			return s.Env.Svc.EndCertification(ctx, jimu, c, aftercare.Ending{Kind: "revoked", Grounds: []string{"g"}, Reason: m.mark("revocation-reason")})
		},
		func() error {
			items, err := s.Env.Svc.ReturnsOf(ctx, jimu, c)
			if err != nil || len(items) == 0 {
				return err
			}
			ids := []int64{items[0].AttachmentID}
			return s.Env.Svc.DisposeDocuments(ctx, jimu, c, ids, aftercare.DisposeReturned, "")
		},
	)...)

	// D: returned once for correction, then not certified; the comments,
	// the explanation and the improvements go to the provider only.
	d := leakApplication(t, s, ownerD, m, "refused", "")
	run("the refused application", append([]func() error{
		func() error { return s.Env.Svc.Submit(ctx, ownerD, d, version(d), "ja") },
		func() error { return s.Env.Svc.StartFormalReview(ctx, jimu, d, version(d)) },
		func() error {
			return s.Env.Svc.ReturnForCorrection(ctx, jimu, d, version(d), map[string]string{"form_b": m.mark("formal-return-comment")})
		}}, append(toPayment(ownerD, d),
		func() error {
			return s.Env.Svc.Refuse(ctx, jimu, d, version(d), m.mark("refusal-explanation"),
				[]review.Improvement{{ItemID: keyYesNo.ID, Note: m.mark("refusal-improvement")}})
		})...)...)

	// A's renewal draft: opened four months before expiry, with a
	// changed answer, address and evidence file, not handed in.
	s.Env.Clock.T = time.Date(2028, 10, 1, 3, 0, 0, 0, time.UTC)
	ren, err := s.Env.Svc.OpenRenewal(ctx, ownerA, a)
	if err != nil {
		t.Fatal(err)
	}
	e := formbtest.CompleteForm(ed)[longText.ID]
	e.Answer.Value = m.mark("renewal-changed-answer")
	e.EvidenceLoc = m.mark("renewal-evidence-loc")
	v, err := s.Env.Svc.SaveFormB(ctx, ownerA, ren.ID, ren.Version, []formb.Entry{e})
	if err != nil {
		t.Fatal(err)
	}
	fa := ren.FormA
	fa.Provider.Address = m.mark("renewal-address")
	if _, err := s.Env.Svc.SaveFormA(ctx, ownerA, ren.ID, v, fa); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Env.Svc.AddAttachment(ctx, ownerA, ren.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
		FileName: m.mark("renewal-file-name") + ".pdf", ItemIDs: []string{longText.ID}, Body: leakPDF(m.mark("renewal-file-content"))}); err != nil {
		t.Fatal(err)
	}

	for _, id := range []int64{a, c} {
		cert, err := s.Env.Svc.Certification(ctx, jimu, id)
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, cert.Number)
	}
	return m, numbers, control
}

// linkRef finds the targets of <a href> and <link href>, and of <img src>
// and <script src> too (a leak in an image or script counts as well).
var linkRef = regexp.MustCompile(`<(?:a|link)\b[^>]*?\bhref="([^"]*)"|<(?:img|script)\b[^>]*?\bsrc="([^"]*)"`)

// leakCrawlLimit bounds the crawl: far more pages than the public site has.
const leakCrawlLimit = 2000

// TestLeakSearch_R7_3_R7_4_R12_1 seeds every kind of unpublished
// information with a marker, crawls the public site breadth-first from the
// home page as an anonymous visitor and fetches every open-data endpoint,
// feed and search, and finds no marker in any response.
func TestLeakSearch_R7_3_R7_4_R12_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		markers, numbers, control := leakSeed(t, s)
		public := s.client()
		base, err := url.Parse(s.URL)
		if err != nil {
			t.Fatal(err)
		}

		fetched := map[string]bool{}
		found := map[string][]string{} // marker kind → URLs
		// search records the markers in a reply; echoed is the query of a
		// search page, which may appear as often as a query that matches
		// nothing appears on its page (the search box and heading show it).
		search := func(path string, r reply, echoed string, echoes int) {
			body := strings.ToLower(r.Body)
			for kind, mk := range markers {
				n := strings.Count(body, strings.ToLower(mk))
				if mk == echoed {
					n -= echoes
				}
				if n > 0 {
					found[kind] = append(found[kind], path)
				}
			}
		}
		getAs := func(c *client, lang, path string, hdr ...string) reply {
			r := c.get(t, path, hdr...)
			if r.Status >= 400 { // a refusal (429 among them) would hide what the page shows
				t.Errorf("GET %s = %d", path, r.Status)
			}
			fetched[lang+" "+path+" "+strings.Join(hdr, " ")] = true
			search(path, r, "", 0)
			return r
		}
		get := func(path string, hdr ...string) reply { return getAs(public, "ja", path, hdr...) }

		// The crawl: every <a href> and <link href> within the site, in
		// Japanese and, with the language switched, in English.
		english := s.client()
		if r := english.postForm(t, "/lang", url.Values{"lang": {"en"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("switching to English = %d", r.Status)
		}
		if !strings.Contains(english.get(t, "/").Body, `lang="en"`) {
			t.Fatal("the English visitor gets another language")
		}
		seen := map[string]bool{}
		for _, visitor := range []struct {
			lang string
			c    *client
		}{{"ja", public}, {"en", english}} {
			queue := []string{"/"}
			seen = map[string]bool{"/": true}
			for len(queue) > 0 && len(seen) <= leakCrawlLimit {
				path := queue[0]
				queue = queue[1:]
				r := getAs(visitor.c, visitor.lang, path)
				if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
					continue
				}
				for _, l := range linkRef.FindAllStringSubmatch(r.Body, -1) {
					ref, err := url.Parse(strings.ReplaceAll(l[1]+l[2], "&amp;", "&"))
					if err != nil {
						t.Errorf("%s links to %q: %v", path, l[1], err)
						continue
					}
					u := base.ResolveReference(mustURL(t, s.URL+path)).ResolveReference(ref)
					if u.Host != base.Host {
						continue
					}
					next := u.EscapedPath()
					if u.RawQuery != "" {
						next += "?" + u.RawQuery
					}
					if !seen[next] {
						seen[next] = true
						queue = append(queue, next)
					}
				}
			}
			if len(seen) > leakCrawlLimit {
				t.Errorf("the crawl reached its limit of %d pages", leakCrawlLimit)
			}
		}
		crawled := len(fetched)
		for _, n := range append([]string{"/registry", "/catalog", "/registry/feed.atom", "/registry.csv"}, numbers...) {
			if strings.HasPrefix(n, "IP-IoT") {
				n = "/registry/" + url.PathEscape(n)
			}
			if !seen[n] {
				t.Errorf("the crawl from the home page did not reach %s", n)
			}
		}

		// Open data and feeds, whether or not a page links to them.
		all := url.Values{"n": numbers}.Encode()
		for _, p := range []string{"/registry.csv", "/registry/feed.atom", "/compare?" + all, "/compare.csv?" + all,
			"/api/v1/openapi.json", "/api/v1/catalog/editions"} {
			get(p)
		}
		for page := 1; ; page++ {
			var list struct {
				Items []any `json:"items"`
				Total int   `json:"total"`
			}
			get("/api/v1/registry?per_page=1&page="+strconv.Itoa(page)).json(t, &list)
			if len(list.Items) == 0 || page > 100 {
				if page-1 != list.Total {
					t.Errorf("the API pages hold %d entries, total says %d", page-1, list.Total)
				}
				break
			}
		}
		for _, n := range numbers {
			esc := url.PathEscape(n)
			get("/api/v1/registry/" + esc)
			get("/registry/" + esc)
			get("/verify/" + esc)
			get("/verify/"+esc, "Accept", "application/json")
		}
		// Search for every marker: the query is echoed, nothing else may match.
		kinds := slices.Sorted(func(yield func(string) bool) {
			for k := range markers {
				if !yield(k) {
					return
				}
			}
		})
		echoes := map[string]int{}
		for _, p := range []string{"/registry?q=", "/api/v1/registry?q="} {
			none := leakMarkers{}.mark("none") // never planted
			echoes[p] = strings.Count(strings.ToLower(public.get(t, p+url.QueryEscape(none)).Body), strings.ToLower(none))
		}
		for _, kind := range kinds {
			mk := markers[kind]
			for _, p := range []string{"/registry?q=", "/api/v1/registry?q="} {
				path := p + url.QueryEscape(mk)
				r := public.get(t, path)
				if r.Status != http.StatusOK {
					t.Errorf("GET %s = %d", path, r.Status)
				}
				fetched[path] = true
				search(path, r, mk, echoes[p])
				if strings.HasPrefix(p, "/api/") {
					var list struct {
						Total int `json:"total"`
					}
					if r.json(t, &list); list.Total != 0 {
						found[kind] = append(found[kind], path+" (matches "+strconv.Itoa(list.Total)+")")
					}
				}
			}
		}

		// The control proves the search sees what is published.
		if body := public.get(t, "/registry/"+url.PathEscape(numbers[0])).Body; !strings.Contains(body, control) {
			t.Errorf("the control marker %s is not on the service page: the search would miss a leak", control)
		}
		var hits struct {
			Total int `json:"total"`
		}
		if public.get(t, "/api/v1/registry?q="+url.QueryEscape(control)).json(t, &hits); hits.Total != 1 {
			t.Errorf("a search for the control marker finds %d services, want 1", hits.Total)
		}
		// Snippets: the search for the control shows where it matched — in
		// the published answer, never the withheld one beside it.
		for _, p := range []string{"/registry?q=", "/api/v1/registry?q="} {
			body := public.get(t, p+url.QueryEscape(control)).Body
			if !strings.Contains(body, "snippet") || !strings.Contains(body, control) {
				t.Errorf("%s%s shows no snippet of the control", p, control)
			}
			for kind, mk := range markers {
				if strings.Contains(strings.ToLower(body), strings.ToLower(mk)) {
					t.Errorf("the snippets of %s%s show marker %s (%s)", p, control, mk, kind)
				}
			}
		}

		for _, kind := range kinds {
			if urls := found[kind]; len(urls) > 0 {
				sort.Strings(urls)
				t.Errorf("marker %s (%s) is public at %s", markers[kind], kind, strings.Join(urls, ", "))
			}
		}
		t.Logf("leak search: %d pages crawled from the home page (Japanese and English), %d requests in all (with open data, feeds and %d searches); %d markers planted; %d markers found",
			crawled, len(fetched), 2*len(markers), len(markers), len(found))
	})
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
