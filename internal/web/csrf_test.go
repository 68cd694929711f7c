package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/testenv"
)

// multipartForm builds a multipart body with fields and one file.
func multipartForm(t *testing.T, fields map[string]string, fileField, fileName string, file []byte) (body *bytes.Buffer, contentType string) {
	t.Helper()
	body = &bytes.Buffer{}
	mw := multipart.NewWriter(body)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if fileField != "" {
		fw, err := mw.CreateFormFile(fileField, fileName)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(file)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return body, mw.FormDataContentType()
}

// TestStateChangesNeedCSRFTokenAndSameOrigin posts to every state-changing
// UI route with a valid session but a missing or wrong token, or from
// another origin, and checks that each is refused and changes nothing.
func TestStateChangesNeedCSRFTokenAndSameOrigin(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		owner, admin := s.loginAs(t, nintei.RoleOwner), s.loginAs(t, nintei.RoleAdmin)
		ownerToken, adminToken := owner.csrf(t), admin.csrf(t)
		tok := s.apiToken(t, users[nintei.RoleOwner], "kept")
		revoke := "/account/tokens/" + strconv.FormatInt(tok.Token.ID, 10) + "/revoke"

		routes := []struct {
			path   string
			c      *client
			token  string
			fields map[string]string
			upload bool
		}{
			{"/logout", owner, ownerToken, nil, false},
			{"/account/password", owner, ownerToken, map[string]string{"current": testenv.TestPassword,
				"new": "a brand new password", "confirm": "a brand new password"}, false},
			{"/account/tokens", owner, ownerToken, map[string]string{"name": "sneaky"}, false},
			{revoke, owner, ownerToken, nil, false},
			{"/members/invite", owner, ownerToken, map[string]string{"email": "victim@example.jp"}, false},
			{"/admin/catalog/import", admin, adminToken, nil, true},
		}
		variants := []struct {
			name  string
			token func(real string) string
			hdr   []string
			key   string
		}{
			{"no token", func(string) string { return "" }, nil, "error.csrf"},
			{"wrong token", func(string) string { return "0123456789abcdef" }, nil, "error.csrf"},
			{"other session's token", func(real string) string {
				if real == ownerToken {
					return adminToken
				}
				return ownerToken
			}, nil, "error.csrf"},
			{"foreign Origin", func(real string) string { return real }, []string{"Origin", "https://evil.example"}, "error.cross_origin"},
			{"Sec-Fetch-Site cross-site", func(real string) string { return real }, []string{"Sec-Fetch-Site", "cross-site", "Origin", ""}, "error.cross_origin"},
			{"Sec-Fetch-Site same-site", func(real string) string { return real }, []string{"Sec-Fetch-Site", "same-site"}, "error.cross_origin"},
		}
		before := s.auditCount(t)
		for _, rt := range routes {
			for _, v := range variants {
				fields := map[string]string{}
				for k, val := range rt.fields {
					fields[k] = val
				}
				if tok := v.token(rt.token); tok != "" {
					fields["csrf_token"] = tok
				}
				var r reply
				if rt.upload {
					body, ct := multipartForm(t, fields, "file", "mini.yaml", []byte(miniEdition))
					hdr := append([]string{"Content-Type", ct, "Origin", s.URL}, v.hdr...)
					r = rt.c.request(t, http.MethodPost, rt.path, body, hdr...)
				} else {
					form := url.Values{}
					for k, val := range fields {
						form.Set(k, val)
					}
					r = rt.c.postForm(t, rt.path, form, v.hdr...)
				}
				if r.Status != http.StatusForbidden {
					t.Errorf("POST %s (%s) = %d, want 403", rt.path, v.name, r.Status)
					continue
				}
				if got, want := alertText(r.doc(t)), s.ja(v.key, nil); got != want {
					t.Errorf("POST %s (%s): alert %q, want %q", rt.path, v.name, got, want)
				}
			}
		}

		if got := s.auditCount(t); got != before {
			t.Errorf("audit events %d -> %d: a refused post changed state", before, got)
		}
		owner.getPage(t, "/dashboard", http.StatusOK) // not logged out
		login(t, s.client(), emailOf(nintei.RoleOwner), testenv.TestPassword)
		toks, err := s.Env.Store.APITokensOfUser(context.Background(), users[nintei.RoleOwner].ID)
		if err != nil || len(toks) != 1 || toks[0].RevokedAt != nil {
			t.Errorf("owner's tokens = %+v, %v; want the one unrevoked token", toks, err)
		}
		if n := len(s.Env.Mail.Messages()); n != 0 {
			t.Errorf("%d invitation mails sent, want 0", n)
		}
		if _, err := s.Env.Store.Edition(context.Background(), "test-mini-1"); nintei.KindOf(err) != nintei.KindNotFound {
			t.Errorf("edition test-mini-1 installed by a refused import (err %v)", err)
		}
	})
}

// TestPublicPostsRefuseCrossOrigin: even without a session, a login or a
// language switch from another site is refused (login CSRF).
func TestPublicPostsRefuseCrossOrigin(t *testing.T) {
	t.Parallel()
	s := newTestSite(t, sqliteOnly(t))
	s.Env.AddUser(t, "owner@example.jp", nintei.RoleOwner, orgA)
	forms := map[string]url.Values{
		"/login": {"email": {"owner@example.jp"}, "password": {testenv.TestPassword}},
		"/lang":  {"lang": {"en"}},
	}
	for path, form := range forms {
		for _, hdr := range [][]string{{"Origin", "https://evil.example"}, {"Origin", "", "Sec-Fetch-Site", "cross-site"}} {
			c := s.client()
			r := c.postForm(t, path, form, hdr...)
			if r.Status != http.StatusForbidden {
				t.Errorf("POST %s with %v = %d, want 403", path, hdr, r.Status)
			}
			if r.setCookie(sessionCookie) != nil || r.setCookie(langCookie) != nil {
				t.Errorf("POST %s with %v set cookies %v", path, hdr, r.Cookie)
			}
		}
	}
	// A client that sends neither header (not a browser) is let through.
	r := s.client().postForm(t, "/login", forms["/login"], "Origin", "")
	if r.Status != http.StatusSeeOther {
		t.Errorf("POST /login without Origin = %d, want 303", r.Status)
	}
}

// TestGetNeverChangesState GETs every GET route of both tables as every
// role and the public, and checks that the audit trail did not grow and
// that an invitation link survives being looked at.
func TestGetNeverChangesState(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		clients := map[string]*client{"public": s.client()}
		for _, r := range nintei.Roles {
			clients[string(r)] = s.loginAs(t, r)
		}
		owner := clients[string(nintei.RoleOwner)]
		r := owner.postForm(t, "/members/invite", url.Values{"csrf_token": {owner.csrf(t)}, "email": {"new@example.jp"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("invite = %d, want 303", r.Status)
		}
		invite := inviteToken(t, s, 0)

		before := s.auditCount(t)
		paths := getPaths(s, invite)
		for name, c := range clients {
			for _, p := range paths {
				if r := c.get(t, p); r.Status >= 500 {
					t.Errorf("%s: GET %s = %d", name, p, r.Status)
				}
			}
		}
		if got := s.auditCount(t); got != before {
			t.Errorf("audit events %d -> %d after only GETs", before, got)
		}
		if _, err := s.Env.Svc.Invitation(context.Background(), invite); err != nil {
			t.Errorf("invitation unusable after GETs: %v", err)
		}
	})
}

// getPaths lists a concrete path for every GET route, plus query variants.
func getPaths(s *site, inviteToken string) []string {
	var out []string
	for _, rt := range s.Srv.routes {
		if rt.method != http.MethodGet {
			continue
		}
		out = append(out, concretePath(rt.path, inviteToken))
	}
	return append(out, "/audit?verify=1", "/audit?before=3", "/login?next=%2Faccount",
		"/api/v1/audit/events?limit=5&before=4", "/static/style.css", "/healthz", "/readyz")
}

// builtinEdition is the ID of the edition every test env installs.
const builtinEdition = "iaas-paas-iot-2018-draft1"

// concretePath fills a route pattern's wildcards with real values.
func concretePath(pattern, inviteToken string) string {
	p := strings.TrimSuffix(pattern, "{$}")
	if strings.Contains(p, "/catalog") {
		p = strings.Replace(p, "{id}", builtinEdition, 1)
	}
	p = strings.Replace(p, "{token}", inviteToken, 1)
	return strings.Replace(p, "{id}", "1", 1)
}
