package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/catalog"
	"nintei/internal/testenv"
)

// miniEdition is a small valid edition of a second scheme.
const miniEdition = `format: nintei-catalog/1
scheme:
  id: test-mini
  name_ja: 試験用の制度
  name_en: Test scheme
  number_prefix: TM
  validity_years: 2
edition:
  id: test-mini-1
  version: "1"
  title_ja: 試験用の開示項目
  title_en: Test items
  status: official
categories:
  - {id: provider, name_ja: 事業者}
items:
  - id: TM-001
    no: "1"
    category: provider
    item_ja: 事業者名
    name_ja: 事業者の正式名称
    answer: {type: text}
    required: true
    provenance: {source: verified, confidence: high}
  - id: TM-002
    no: "2"
    category: provider
    item_ja: 暗号化
    name_ja: 通信の暗号化の有無
    answer: {type: yes_no}
    required: true
    key: {rule: "yes", label_ja: 通信を暗号化していること}
    provenance: {source: verified, confidence: medium}
`

// miniEditionChanged has the same edition ID and different content.
var miniEditionChanged = strings.Replace(miniEdition, "title_ja: 試験用の開示項目", "title_ja: 試験用の開示項目（改）", 1)

// brokenEdition repeats an item ID (line 14) and uses an unknown answer
// type (line 18).
const brokenEdition = `format: nintei-catalog/1
scheme: {id: broken, name_ja: 壊れた制度, number_prefix: BRK, validity_years: 2}
edition: {id: broken-1, version: "1", title_ja: 壊れた版, status: draft}
categories:
  - {id: c, name_ja: C}
items:
  - id: B-1
    category: c
    item_ja: 項目
    name_ja: 内容
    answer: {type: text}
    required: true
    provenance: {source: verified, confidence: high}
  - id: B-1
    category: c
    item_ja: 項目
    name_ja: 内容
    answer: {type: foo}
    required: true
    provenance: {source: verified, confidence: high}
`

// parseProblems is what the catalog package itself reports for a file.
func parseProblems(t *testing.T, data string) []catalog.Problem {
	t.Helper()
	_, err := catalog.Parse([]byte(data))
	var ve *catalog.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("catalog.Parse = %v, want a ValidationError", err)
	}
	return ve.Problems
}

func TestCatalogPages(t *testing.T) {
	t.Parallel()
	s := newTestSite(t, sqliteOnly(t))
	c := s.client()

	doc := c.getPage(t, "/catalog", http.StatusOK)
	link := doc.Find(`main table a[href="/catalog/` + builtinEdition + `"]`)
	if link.Length() != 1 {
		t.Fatalf("catalog list has no link to %s", builtinEdition)
	}
	if !strings.Contains(doc.Find("main table tbody").Text(), s.ja("catalog.status.draft", nil)) {
		t.Error("catalog list does not show the draft status in Japanese")
	}

	doc = c.getPage(t, "/catalog/"+builtinEdition, http.StatusOK)
	rows := doc.Find("main table tbody tr").Not(".category")
	if got, want := rows.Length(), 68; got != want {
		t.Errorf("item rows = %d, want %d", got, want)
	}
	if got, want := doc.Find("main table tbody span.tag.key").Length(), 5; got != want {
		t.Errorf("key items marked = %d, want %d", got, want)
	}
	sources := []string{s.ja("catalog.source.verified", nil), s.ja("catalog.source.reconstructed", nil)}
	confidence := s.ja("catalog.confidence", nil)
	rows.Each(func(i int, row *goquery.Selection) {
		cells := row.Find("td")
		if cells.Length() != 6 {
			t.Errorf("row %d has %d cells, want 6", i, cells.Length())
			return
		}
		prov := cells.Eq(5).Text()
		if !strings.Contains(prov, confidence) || !(strings.Contains(prov, sources[0]) || strings.Contains(prov, sources[1])) {
			t.Errorf("row %d provenance %q lacks source and confidence", i, prov)
		}
		if typ := strings.TrimSpace(cells.Eq(3).Text()); typ == "" || strings.HasPrefix(typ, "answer.") {
			t.Errorf("row %d answer type %q is not translated", i, typ)
		}
	})
	if doc.Find(`main [role="note"]`).Length() != 1 {
		t.Error("a draft edition does not carry the draft notice")
	}

	r := c.get(t, "/catalog/unknown")
	if r.Status != http.StatusNotFound {
		t.Fatalf("GET /catalog/unknown = %d, want 404", r.Status)
	}
	if got, want := alertText(r.doc(t)), s.ja("error.not_found", nil); got != want {
		t.Errorf("alert = %q, want %q", got, want)
	}
}

func TestCatalogAPIRead(t *testing.T) {
	t.Parallel()
	s := newTestSite(t, sqliteOnly(t))
	c := s.client()
	var list struct {
		Editions []struct {
			ID        string `json:"id"`
			SchemeID  string `json:"scheme_id"`
			Status    string `json:"status"`
			ItemCount int    `json:"item_count"`
			Digest    string `json:"digest"`
		} `json:"editions"`
	}
	c.get(t, "/api/v1/catalog/editions").json(t, &list)
	if len(list.Editions) != 1 || list.Editions[0].ID != builtinEdition || list.Editions[0].SchemeID != "iaas-paas-iot" ||
		list.Editions[0].ItemCount != 68 || list.Editions[0].Status != "draft" || len(list.Editions[0].Digest) != 64 {
		t.Errorf("editions = %+v", list.Editions)
	}
	var one struct {
		Edition struct {
			ID     string `json:"id"`
			Digest string `json:"digest"`
		} `json:"edition"`
		Catalog catalog.Edition `json:"catalog"`
	}
	c.get(t, "/api/v1/catalog/editions/"+builtinEdition).json(t, &one)
	keys := 0
	for _, it := range one.Catalog.Items {
		if it.Key != nil {
			keys++
		}
	}
	if one.Edition.ID != builtinEdition || len(one.Catalog.Items) != 68 || keys != 5 || one.Catalog.Scheme.NumberPrefix != "IP-IoT" {
		t.Errorf("edition = %s with %d items, %d key items, prefix %q", one.Edition.ID, len(one.Catalog.Items), keys, one.Catalog.Scheme.NumberPrefix)
	}
	if one.Catalog.Digest() != one.Edition.Digest {
		t.Errorf("catalog digest %s, edition row digest %s", one.Catalog.Digest(), one.Edition.Digest)
	}
	s.wantAPIError(t, c.get(t, "/api/v1/catalog/editions/unknown"), http.StatusNotFound, "error.not_found")
}

// uploadEdition posts a catalog file through the admin import form.
func uploadEdition(t *testing.T, admin *client, data string) reply {
	t.Helper()
	body, ct := multipartForm(t, map[string]string{"csrf_token": admin.csrf(t)}, "file", "edition.yaml", []byte(data))
	return admin.request(t, http.MethodPost, "/admin/catalog/import", body, "Content-Type", ct, "Origin", admin.site.URL)
}

func TestCatalogImportThroughUI(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		admin := s.loginAs(t, nintei.RoleAdmin)
		admin.getPage(t, "/admin/catalog/import", http.StatusOK)

		r := uploadEdition(t, admin, brokenEdition)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("broken file = %d, want 422", r.Status)
		}
		want := parseProblems(t, brokenEdition)
		lines := map[int]bool{}
		rows := r.doc(t).Find("main table tbody tr")
		if rows.Length() != len(want) {
			t.Errorf("problem rows = %d, want %d (%v)", rows.Length(), len(want), want)
		}
		rows.Each(func(i int, row *goquery.Selection) {
			line, _ := strconv.Atoi(strings.TrimSpace(row.Find("td").Eq(0).Text()))
			lines[line] = true
			if i < len(want) && (line != want[i].Line || strings.TrimSpace(row.Find("td").Eq(1).Text()) != want[i].Field ||
				strings.TrimSpace(row.Find("td").Eq(2).Text()) != s.ja(want[i].Code, want[i].MessageArgs())) {
				t.Errorf("problem row %d = %q, want line %d %s %s", i, row.Text(), want[i].Line, want[i].Field, s.ja(want[i].Code, want[i].MessageArgs()))
			}
		})
		if !lines[14] || !lines[18] {
			t.Errorf("problem lines %v, want the duplicate id (14) and the unknown type (18)", lines)
		}

		tests := []struct {
			name   string
			data   string
			status int
			msg    string
		}{
			{"new edition", miniEdition, http.StatusOK, s.ja("catalog_import.created", map[string]any{"ID": "test-mini-1"})},
			{"same again", miniEdition, http.StatusOK, s.ja("catalog_import.unchanged", map[string]any{"ID": "test-mini-1"})},
			{"changed content", miniEditionChanged, http.StatusConflict, s.ja("error.catalog.edition_exists", map[string]any{"ID": "test-mini-1"})},
		}
		for _, tt := range tests {
			r := uploadEdition(t, admin, tt.data)
			if r.Status != tt.status {
				t.Errorf("%s: status %d, want %d", tt.name, r.Status, tt.status)
				continue
			}
			doc := r.doc(t)
			got := strings.TrimSpace(doc.Find(`main [role="status"], main [role="alert"]`).Text())
			if !strings.Contains(got, tt.msg) {
				t.Errorf("%s: notice %q, want %q", tt.name, got, tt.msg)
			}
		}
		doc := admin.getPage(t, "/catalog/test-mini-1", http.StatusOK)
		if got := doc.Find("main table tbody tr").Not(".category").Length(); got != 2 {
			t.Errorf("imported edition shows %d items, want 2", got)
		}

		body, ct := multipartForm(t, map[string]string{"csrf_token": admin.csrf(t)}, "", "", nil)
		r = admin.request(t, http.MethodPost, "/admin/catalog/import", body, "Content-Type", ct, "Origin", s.URL)
		if r.Status != http.StatusBadRequest {
			t.Errorf("import without a file = %d, want 400", r.Status)
		}
	})
}

type importedJSON struct {
	ID      string `json:"id"`
	Created bool   `json:"created"`
	Digest  string `json:"digest"`
}

func TestCatalogImportThroughAPI(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		admin := s.bearerClient(s.apiToken(t, users[nintei.RoleAdmin], "ci").Secret)
		post := func(c *client, data string) reply {
			return c.request(t, http.MethodPost, "/api/v1/catalog/editions", strings.NewReader(data), "Content-Type", "application/yaml")
		}

		for i, want := range []struct {
			status  int
			created bool
		}{{http.StatusCreated, true}, {http.StatusOK, false}} {
			r := post(admin, miniEdition)
			if r.Status != want.status {
				t.Fatalf("import %d = %d, want %d: %s", i+1, r.Status, want.status, r.Body)
			}
			var got importedJSON
			r.json(t, &got)
			if got.ID != "test-mini-1" || got.Created != want.created || len(got.Digest) != 64 {
				t.Errorf("import %d = %+v, want created=%v", i+1, got, want.created)
			}
		}
		s.wantAPIError(t, post(admin, miniEditionChanged), http.StatusConflict, "error.catalog.edition_exists")
		prefix := strings.Replace(strings.Replace(miniEdition, "number_prefix: TM", "number_prefix: TX", 1), "id: test-mini-1", "id: test-mini-2", 1)
		s.wantAPIError(t, post(admin, prefix), http.StatusConflict, "error.catalog.prefix_changed")

		r := post(admin, brokenEdition)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("broken = %d, want 422: %s", r.Status, r.Body)
		}
		var got struct {
			Error    errorDetail   `json:"error"`
			Problems []problemJSON `json:"problems"`
		}
		r.json(t, &got)
		want := parseProblems(t, brokenEdition)
		if got.Error.Code != "error.catalog.invalid" || len(got.Problems) != len(want) {
			t.Fatalf("422 body = %+v, want %d problems", got, len(want))
		}
		for i, p := range got.Problems {
			w := problemJSON{Line: want[i].Line, Field: want[i].Field, Code: want[i].Code, Message: s.ja(want[i].Code, want[i].MessageArgs())}
			if p != w || p.Line == 0 || p.Code == "" || p.Message == "" {
				t.Errorf("problem %d = %+v, want %+v", i, p, w)
			}
		}
		en := admin.request(t, http.MethodPost, "/api/v1/catalog/editions", strings.NewReader(brokenEdition), "Accept-Language", "en-US")
		en.json(t, &got)
		if got.Error.Message != s.en("error.catalog.invalid", map[string]any{"Count": len(want)}) || got.Problems[0].Message != s.en(want[0].Code, want[0].MessageArgs()) {
			t.Errorf("Accept-Language: en did not give English messages: %s", en.Body)
		}

		secretariat := s.bearerClient(s.apiToken(t, users[nintei.RoleSecretariat], "ci").Secret)
		s.wantAPIError(t, post(secretariat, miniEdition), http.StatusForbidden, "error.forbidden")
		s.wantAPIError(t, post(s.client(), miniEdition), http.StatusUnauthorized, "error.login.required")

		var list struct {
			Editions []struct{ ID string } `json:"editions"`
		}
		s.client().get(t, "/api/v1/catalog/editions").json(t, &list)
		if len(list.Editions) != 2 {
			t.Errorf("editions after import = %+v, want the built-in and test-mini-1", list.Editions)
		}
	})
}
