package web

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/incident"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/aftercare"
)

// The authorization matrix (issue 8, item 1; R-12): every route of both
// route tables, requested as every kind of actor on the objects of provider
// A, classified and compared with web/testdata/authz_matrix.tsv. Run
//
//	go test ./web -run TestAuthorizationMatrix -update-authz
//
// to write the observed outcomes into the table, then review the change with
// `git diff web/testdata/authz_matrix.tsv`: every changed cell is a change
// of who may do what.
var updateAuthz = flag.Bool("update-authz", false, "write the authorization matrix's observed outcomes to "+authzTable)

const authzTable = "testdata/authz_matrix.tsv"

// Outcomes, as the table writes them.
const (
	outAllow   = "allow"   // 2xx, or a redirect that is not to the login form
	outDeny    = "deny"    // 401, 403, 404 or a redirect to the login form
	outInvalid = "invalid" // 400, 409, 413, 415, 422: authorization passed, the (deliberately dull) input did not
)

// matrixActor is one kind of actor. role "" is the public (no session).
type matrixActor struct {
	name  string
	role  nintei.Role
	email string
	org   string
}

// matrixActors are the columns of the table, in order.
var matrixActors = []matrixActor{
	{name: "public"},
	{name: "owner-A", role: nintei.RoleOwner, email: "owner-a@matrix.example.jp", org: "株式会社エー"},
	{name: "member-A", role: nintei.RoleMember, email: "member-a@matrix.example.jp", org: "株式会社エー"},
	{name: "owner-B", role: nintei.RoleOwner, email: "owner-b@matrix.example.jp", org: "株式会社ビー"},
	{name: "secretariat", role: nintei.RoleSecretariat, email: "secretariat@matrix.example.jp"},
	{name: "reviewer", role: nintei.RoleReviewer, email: "reviewer@matrix.example.jp"},
	{name: "committee", role: nintei.RoleCommittee, email: "committee@matrix.example.jp"},
	{name: "admin", role: nintei.RoleAdmin, email: "admin@matrix.example.jp"},
}

// matrixObjects are provider A's objects the path wildcards are filled with.
type matrixObjects struct {
	app, attachment, inquiry int64
	withholding              int64 // a pending withholding request, sent as the form's "withholding"
	incident, supervision    int64 // an open incident and a supervision request
	number, invoice, invite  string
	ownerA                   nintei.User
	user                     int64 // a spare staff user, the target of the administrator's user routes
}

// seedMatrix creates the actors and provider A's certified application: it
// went through an inquiry (answered), has an invoice, attachments, a
// certificate and a pending invitation of A's owner.
func seedMatrix(t *testing.T, s *site) (matrixObjects, map[string]nintei.User) {
	t.Helper()
	ctx := context.Background()
	users := map[string]nintei.User{}
	for _, a := range matrixActors[1:] {
		users[a.name] = s.Env.AddUser(t, a.email, a.role, a.org)
	}
	owner := service.Principal{User: users["owner-A"]}
	jimu := service.Principal{User: users["secretariat"]}
	id, _ := s.Env.ReadyApplication(t, owner)
	version := func() int64 {
		a, err := s.Env.Store.Application(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return a.Version
	}
	var o matrixObjects
	o.app, o.ownerA = id, users["owner-A"]
	steps := []func() error{
		func() error { return s.Env.Svc.Submit(ctx, owner, id, version(), "ja") },
		func() error { return s.Env.Svc.StartFormalReview(ctx, jimu, id, version()) },
		func() error {
			inv, err := s.Env.Svc.AcceptFormal(ctx, jimu, id, version())
			o.invoice = inv.Number
			return err
		},
		func() error { return s.Env.Svc.ConfirmPayment(ctx, jimu, id, version(), "2026-11-27", 209000, "") },
		func() error {
			a, _ := s.Env.Store.Application(ctx, id)
			ed, err := s.Env.Svc.ApplicationEdition(ctx, a)
			if err != nil {
				return err
			}
			return s.Env.Svc.OpenInquiry(ctx, service.Principal{User: users["reviewer"]}, id, version(), ed.Items[0].ID, "連絡先を確認させてください。")
		},
		func() error {
			qs, err := s.Env.Store.Inquiries(ctx, id)
			if err != nil || len(qs) != 1 {
				return fmt.Errorf("inquiries = %v, %v", qs, err)
			}
			o.inquiry = qs[0].ID
			return s.Env.Svc.AnswerInquiry(ctx, owner, id, version(), o.inquiry, "記載のとおりです。", nil)
		},
		func() error { return testenv.AssessMandatoryOK(ctx, s.Env.Svc, jimu, id) },
		func() error { return s.Env.Svc.Certify(ctx, jimu, id, version(), "") },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("seeding provider A's application, step %d: %v", i+1, err)
		}
	}
	c, err := s.Env.Svc.Certification(ctx, owner, id)
	if err != nil {
		t.Fatal(err)
	}
	o.number = c.Number
	atts, err := s.Env.Svc.Attachments(ctx, owner, id)
	if err != nil || len(atts) == 0 {
		t.Fatalf("attachments = %v, %v", atts, err)
	}
	o.attachment = atts[0].ID
	a, _ := s.Env.Store.Application(ctx, id)
	ed, _ := s.Env.Svc.ApplicationEdition(ctx, a)
	if err := s.Env.Svc.RequestWithholding(ctx, owner, id, []string{ed.Items[1].ID}, "商談中のため", "2027-06-30"); err != nil {
		t.Fatal(err)
	}
	ws, err := s.Env.Store.Withholdings(ctx, id)
	if err != nil || len(ws) != 1 {
		t.Fatalf("withholdings = %v, %v", ws, err)
	}
	o.withholding = ws[0].ID
	if o.incident, err = s.Env.Svc.ReportIncident(ctx, owner, id, aftercare.NewIncident{Kind: incident.KindOutage,
		ReportText: aftercare.ReportText{OccurredAt: "2026-11-27 09:00", Summary: "API停止", Impact: "全利用者", Measures: "復旧作業中"}}); err != nil {
		t.Fatal(err)
	}
	if o.supervision, err = s.Env.Svc.RequestSupervision(ctx, jimu, id, aftercare.NewSupervisionRequest{Kind: incident.RequestExplanation,
		Body: "停止の原因を説明してください。", DueOn: "2026-12-11"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Env.Svc.Invite(ctx, owner, "invited@matrix.example.jp", "ja"); err != nil {
		t.Fatal(err)
	}
	msgs := s.Env.Mail.Messages()
	for _, m := range msgs {
		if l := inviteLink.FindStringSubmatch(m.Text); l != nil {
			o.invite = l[1]
		}
	}
	if o.invite == "" {
		t.Fatal("no invitation link mailed")
	}
	o.user = s.Env.AddUser(t, "spare@matrix.example.jp", nintei.RoleReviewer, "").ID
	return o, users
}

var wildcard = regexp.MustCompile(`\{[^}]*\}`)

// fillPath puts provider A's objects into a route pattern. token is an API
// token of A's owner made for this one request (the token routes revoke it).
func (o matrixObjects) fillPath(t *testing.T, s *site, pattern string) (string, error) {
	var bad []string
	p := wildcard.ReplaceAllStringFunc(pattern, func(w string) string {
		switch {
		case w == "{$}":
			return ""
		case w == "{id}" && strings.Contains(pattern, "/catalog"):
			return builtinEdition
		case w == "{id}" && strings.Contains(pattern, "/tokens/"):
			tok := s.apiToken(t, o.ownerA, "matrix")
			return strconv.FormatInt(tok.Token.ID, 10)
		case w == "{id}" && strings.Contains(pattern, "/applications/"):
			return strconv.FormatInt(o.app, 10)
		case w == "{id}" && strings.Contains(pattern, "/jobs/"):
			js, _ := s.Env.Store.ListJobs(context.Background(), "", 1) // a mail the seeding queued
			if len(js) == 0 {
				return "0"
			}
			return strconv.FormatInt(js[0].ID, 10)
		case w == "{aid}":
			return strconv.FormatInt(o.attachment, 10)
		case w == "{qid}":
			return strconv.FormatInt(o.inquiry, 10)
		case w == "{iid}":
			return strconv.FormatInt(o.incident, 10)
		case w == "{rid}":
			return strconv.FormatInt(o.supervision, 10)
		case w == "{wid}":
			return strconv.FormatInt(o.withholding, 10)
		case w == "{number}" && strings.Contains(pattern, "/invoices/"):
			return o.invoice
		case w == "{number}":
			return url.PathEscape(o.number)
		case w == "{file}" && strings.HasPrefix(pattern, "/badge/"):
			return url.PathEscape(o.number) + ".svg"
		case w == "{token}":
			return o.invite
		case w == "{provider}": // the matrix's site configures no single sign-on provider
			return "none"
		case w == "{id}" && strings.Contains(pattern, "/identities/"): // nobody has linked one
			return "1"
		case w == "{reviewer}":
			rs, _ := s.Env.Store.UsersWithRole(context.Background(), nintei.RoleReviewer)
			if len(rs) == 0 {
				return "0"
			}
			return strconv.FormatInt(rs[0].ID, 10)
		case w == "{uid}":
			return strconv.FormatInt(o.user, 10)
		}
		bad = append(bad, w)
		return w
	})
	if bad != nil {
		return "", fmt.Errorf("the matrix does not know what to put in %s of %s: teach matrixObjects.fillPath (authz_matrix_test.go) which object of provider A it names", strings.Join(bad, ", "), pattern)
	}
	return p, nil
}

// matrixBody is the body every state-changing form sends besides the
// CSRF token: a stale version and an unreadable date, so that a request
// that passes authorization is mostly refused as invalid instead of
// changing the application for the actors after it, and the pending
// withholding request (rejected by whoever may decide it first). POST
// /login gets the actor's own credentials (the public uses member A's),
// since a login form is only meaningful with them.
func (o matrixObjects) matrixBody(rt route, a matrixActor) url.Values {
	v := url.Values{"version": {"0"}, "on": {"not-a-date"}, "withholding": {strconv.FormatInt(o.withholding, 10)}, "decision": {"reject"}}
	if rt.method == http.MethodPost && rt.path == "/login" {
		email := a.email
		if email == "" {
			email = matrixActors[2].email
		}
		v = url.Values{"email": {email}, "password": {testenv.TestPassword}}
	}
	return v
}

// classify reduces a reply to an outcome; "" for a status the matrix has
// no class for (5xx among them), which fails the test.
func matrixOutcome(r reply) string {
	switch {
	case r.Status == http.StatusSeeOther && strings.HasPrefix(r.location(), "/login"):
		return outDeny
	case r.Status >= 200 && r.Status < 400:
		return outAllow
	}
	switch r.Status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		return outDeny
	case http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity:
		return outInvalid
	}
	return ""
}

// matrixRow is one line of the table: a route and one outcome per actor.
type matrixRow struct {
	key      string // "METHOD /pattern"
	outcomes []string
}

func (r matrixRow) line() string {
	m, p, _ := strings.Cut(r.key, " ")
	return m + "\t" + p + "\t" + strings.Join(r.outcomes, "\t")
}

// TestAuthorizationMatrix: every route × every actor on provider A's
// objects, compared with the expected table. Independently of the table,
// it fails on any allow the access column does not admit, on any request
// of provider B that reaches A's objects, and on any server error; refusals
// have the shape the surface promises (login redirect for a UI GET, 401
// otherwise for the public, 403 for a role the access column refuses).
func TestAuthorizationMatrix(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		objs, users := seedMatrix(t, s)
		browsers, bearers, csrfs := map[string]*client{}, map[string]*client{}, map[string]string{}
		relogin := func(a matrixActor) {
			c := s.client()
			login(t, c, a.email, testenv.TestPassword)
			browsers[a.name], csrfs[a.name] = c, c.csrf(t)
		}
		for _, a := range matrixActors[1:] {
			relogin(a)
			bearers[a.name] = s.bearerClient(s.apiToken(t, users[a.name], "matrix-"+a.name).Secret)
		}

		var observed []matrixRow
		checked, unexpectedAllows := 0, 0
		for _, rt := range s.Srv.routes {
			key := rt.method + " " + rt.path
			row := matrixRow{key: key}
			for _, a := range matrixActors {
				path, err := objs.fillPath(t, s, rt.path)
				if err != nil {
					t.Fatal(err)
				}
				r := matrixRequest(t, s, rt, a, path, objs.matrixBody(rt, a), browsers[a.name], bearers[a.name], csrfs[a.name])
				if a.role != "" && !isAPIPath(rt.path) && browsers[a.name].sessionValue() == "" ||
					a.role != "" && rt.method == http.MethodPost && (rt.path == "/login" || rt.path == "/logout") {
					relogin(a) // the request ended or rotated the session
				}
				out := matrixOutcome(r)
				checked++
				if out == "" {
					t.Errorf("%s as %s = %d: no outcome class for this status (a server error is a bug)\n%.400s", key, a.name, r.Status, r.Body)
					out = "status-" + strconv.Itoa(r.Status)
				}
				if out != outDeny && !matrixAdmits(rt, a) {
					unexpectedAllows++
					t.Errorf("%s as %s = %d (%s), but the access column %q does not admit %s", key, a.name, r.Status, out, rt.access, a.name)
				}
				if out != outDeny && a.name == "owner-B" && rt.access != public && strings.Contains(rt.path, "{") {
					unexpectedAllows++
					t.Errorf("%s as provider B = %d (%s): provider B reached provider A's object (R-12)", key, r.Status, out)
				}
				if msg := denialShape(rt, a, r); out == outDeny && msg != "" {
					t.Errorf("%s as %s: %s", key, a.name, msg)
				}
				row.outcomes = append(row.outcomes, out)
			}
			observed = append(observed, row)
		}
		unexpectedAllows += compareMatrix(t, observed)
		t.Logf("authorization matrix: %d routes × %d actors = %d requests checked; unexpected allows: %d",
			len(observed), len(matrixActors), checked, unexpectedAllows)
		if *updateAuthz && b.Name == testenv.Backends(t)[0].Name {
			writeMatrix(t, observed)
		}
	})
}

// matrixRequest sends one request as actor a: the public without cookies,
// the UI with the actor's session and CSRF token, the API with a bearer
// token. Forms are matrixBody, JSON bodies {"version":0}.
func matrixRequest(t *testing.T, s *site, rt route, a matrixActor, path string, form url.Values, browser, bearer *client, csrf string) reply {
	t.Helper()
	api := isAPIPath(rt.path)
	c := browser
	switch {
	case a.role == "":
		c = s.client() // a fresh visitor every time: a public login must not carry over
	case api:
		c = bearer
	}
	if rt.method == http.MethodGet {
		return c.get(t, path)
	}
	if api {
		body := `{"version":0}`
		return c.request(t, rt.method, path, strings.NewReader(body), "Content-Type", "application/json", "Origin", s.URL)
	}
	if a.role != "" {
		form.Set("csrf_token", csrf)
	}
	return c.postForm(t, path, form)
}

// matrixAdmits is whether the access column admits the actor's role
// (whoMay: the policy's roles for the route's action, and for one of its
// anyOf actions if it names some).
func matrixAdmits(rt route, a matrixActor) bool {
	if rt.access == public {
		return true
	}
	if !slices.Contains(whoMay(rt.access), a.role) {
		return false
	}
	return len(rt.anyOf) == 0 || slices.ContainsFunc(rt.anyOf, func(x access) bool { return slices.Contains(whoMay(x), a.role) })
}

// denialShape checks how a refusal by the access column looks: "" if right.
func denialShape(rt route, a matrixActor, r reply) string {
	if matrixAdmits(rt, a) {
		return "" // refused by the object (404) or the state: any refusal shape
	}
	login := r.Status == http.StatusSeeOther && strings.HasPrefix(r.location(), "/login?next=")
	switch {
	case a.role != "" && r.Status != http.StatusForbidden:
		return fmt.Sprintf("= %d, want 403 (role refused by the access column %q)", r.Status, rt.access)
	case a.role == "" && !isAPIPath(rt.path) && rt.method == http.MethodGet && !login:
		return fmt.Sprintf("= %d %q, want 303 to /login?next=", r.Status, r.location())
	case a.role == "" && (isAPIPath(rt.path) || rt.method != http.MethodGet) && r.Status != http.StatusUnauthorized:
		return fmt.Sprintf("= %d, want 401", r.Status)
	}
	return ""
}

// readMatrix reads the expected table: "METHOD<TAB>PATTERN<TAB>outcome…",
// one column per actor in matrixActors order; # lines are comments.
func readMatrix(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open(authzTable)
	if err != nil {
		t.Fatalf("%v: create it with go test ./web -run TestAuthorizationMatrix -update-authz", err)
	}
	defer f.Close()
	want := map[string][]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cells := strings.Split(line, "\t")
		if len(cells) != 2+len(matrixActors) {
			t.Fatalf("%s:%d has %d cells, want method, pattern and %d outcomes", authzTable, n, len(cells), len(matrixActors))
		}
		want[cells[0]+" "+cells[1]] = cells[2:]
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return want
}

// compareMatrix reports every difference from the table and returns the
// number of cells observed allowed (or invalid: authorization passed) that
// the table says are denied.
func compareMatrix(t *testing.T, observed []matrixRow) int {
	t.Helper()
	if *updateAuthz {
		return 0
	}
	want := readMatrix(t)
	unexpected := 0
	seen := map[string]bool{}
	var missing []string
	for _, row := range observed {
		seen[row.key] = true
		exp, ok := want[row.key]
		if !ok {
			missing = append(missing, row.line())
			continue
		}
		for i, a := range matrixActors {
			if got := row.outcomes[i]; got != exp[i] {
				if exp[i] == outDeny {
					unexpected++
				}
				t.Errorf("%s as %s = %s, the table says %s (if intended: -update-authz and review the diff)", row.key, a.name, got, exp[i])
			}
		}
	}
	if missing != nil {
		t.Errorf("%d routes are not in web/%s (new routes?). Their observed outcomes (method, pattern, then %s):\n\t%s\n"+
			"Check each cell (does the route make sense on provider A's certified application? is every deny and allow intended?),\n"+
			"then add these lines to the table in route-table order, or run\n\tgo test ./web -run 'TestAuthorizationMatrix$' -update-authz\n"+
			"and review `git diff web/%s`. (A wildcard the matrix cannot fill stops the test earlier with its own message.)",
			len(missing), authzTable, actorNames(), strings.Join(missing, "\n\t"), authzTable)
	}
	for key := range want {
		if !seen[key] {
			t.Errorf("web/%s lists %s, which is in no route table: remove the line (or run -update-authz)", authzTable, key)
		}
	}
	return unexpected
}

func actorNames() string {
	var names []string
	for _, a := range matrixActors {
		names = append(names, a.name)
	}
	return strings.Join(names, ", ")
}

// writeMatrix writes the observed outcomes as the new expected table.
func writeMatrix(t *testing.T, observed []matrixRow) {
	t.Helper()
	var sb strings.Builder
	sb.WriteString(`# Authorization matrix (issue 8, item 1; R-12), checked by TestAuthorizationMatrix (web/authz_matrix_test.go).
# Every route of both route tables, requested as each actor on provider A's objects (a certified
# application with an answered inquiry, an invoice, attachments; an invitation and an API token of A's owner).
# allow = 2xx or a redirect not to the login form; deny = 401, 403, 404 or a redirect to the login form;
# invalid = 400, 409, 413, 415, 422: authorization passed, the deliberately stale input did not.
# Regenerate with: go test ./web -run TestAuthorizationMatrix -update-authz   (then review git diff)
`)
	sb.WriteString("# method\tpattern\t" + strings.ReplaceAll(actorNames(), ", ", "\t") + "\n")
	for _, row := range observed {
		sb.WriteString(row.line() + "\n")
	}
	if err := os.WriteFile(authzTable, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: review it with git diff", authzTable)
}
