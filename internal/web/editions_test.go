package web

import (
	"bytes"
	"encoding/csv"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"nintei"
	"nintei/internal/testenv"
	"nintei/service"
)

func demoDraft2Files(t *testing.T) (edition, mapping []byte) {
	t.Helper()
	e, err := os.ReadFile("../../tools/demo/editions/iaas-paas-iot-2018-draft2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := os.ReadFile("../../tools/demo/editions/iaas-paas-iot-2018-draft2.mapping.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return e, m
}

// uploadEditionMapped posts an edition file and a mapping file to the
// import page.
func uploadEditionMapped(t *testing.T, admin *client, edition, mapping []byte) reply {
	t.Helper()
	body := &bytes.Buffer{}
	mw := multipart.NewWriter(body)
	_ = mw.WriteField("csrf_token", admin.csrf(t))
	for _, f := range []struct {
		field string
		data  []byte
	}{{"file", edition}, {"mapping", mapping}} {
		fw, err := mw.CreateFormFile(f.field, f.field+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(f.data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return admin.request(t, http.MethodPost, "/admin/catalog/import", body, "Content-Type", mw.FormDataContentType(), "Origin", admin.site.URL)
}

// The import page takes a mapping with the edition: a broken mapping is
// refused with its problems by line (nothing installed); a good one moves
// a draft, whose editor marks the new and split items until confirmed; the
// differences page shows the change; the comparison lines up a service on
// the old edition with one on the new.
func TestEditionMoveThroughUI(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		s.seedRoles(t)
		oldNumber := certifiedService(t, s)
		owner := service.Principal{User: s.Env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社きたクラウド")}
		draftID, _ := s.Env.ReadyApplication(t, owner)
		admin := s.loginAs(t, nintei.RoleAdmin)
		admin.getPage(t, "/admin/catalog/import", http.StatusOK)

		edData, mapData := demoDraft2Files(t)
		bad := strings.Replace(string(mapData), "  - {kind: kept, from: IPIOT-010, to: IPIOT-010}\n", "", 1)
		r := uploadEditionMapped(t, admin, edData, []byte(bad))
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, s.ja("editions.import.mapping_problems", nil)) ||
			!strings.Contains(r.Body, s.ja("catalog.mapping.from_missing", map[string]any{"Value": "IPIOT-010"})) {
			t.Fatalf("broken mapping = %d\n%.2000s", r.Status, r.Body)
		}
		r = uploadEditionMapped(t, admin, edData, mapData)
		if r.Status != http.StatusOK || !strings.Contains(r.Body, s.ja("editions.import.moved", map[string]any{"Count": 1})) {
			t.Fatalf("import = %d\n%.2000s", r.Status, r.Body)
		}

		doc := s.client().getPage(t, "/catalog/diff", http.StatusOK)
		text := doc.Find("main table").Text()
		for _, want := range []string{"統合", "分割", "新設", "文言変更", "IPIOT-048a", "IPIOT-066"} {
			if !strings.Contains(text, want) {
				t.Errorf("differences page lacks %q", want)
			}
		}

		oc := s.client()
		login(t, oc, "owner@b.example.jp", testenv.TestPassword)
		path := "/applications/" + strconv.FormatInt(draftID, 10) + "/form-b?section=service-basics"
		doc = oc.getPage(t, path, http.StatusOK)
		if doc.Find("#ack-IPIOT-066").Length() != 1 || !strings.Contains(doc.Find("main").Text(), "要回答") {
			t.Fatalf("the editor does not mark the new item")
		}
		form := formValues(doc.Find("form.formb"))
		form.Set("ack.IPIOT-066", "1")
		form.Set("a.IPIOT-066.value", "国内（東京）のみ")
		if r := oc.postForm(t, "/applications/"+strconv.FormatInt(draftID, 10)+"/form-b", form); r.Status != http.StatusSeeOther {
			t.Fatalf("save = %d\n%.1500s", r.Status, r.Body)
		}
		a, _ := s.Env.Store.Application(context.Background(), draftID)
		marks, _ := s.Env.Svc.ItemMarks(context.Background(), owner, a)
		for _, m := range marks {
			if m.ItemID == "IPIOT-066" {
				t.Errorf("the confirmed mark stays")
			}
		}

		newNumber := certifiedServiceOf(t, s, "owner@c.example.jp", "株式会社みなみクラウド", "jimu3@body.example.jp")
		doc = s.client().getPage(t, "/compare?n="+url.QueryEscape(oldNumber)+"&n="+url.QueryEscape(newNumber), http.StatusOK)
		if !strings.Contains(doc.Find("main").Text(), s.ja("compare.mapped_note", nil)) {
			t.Errorf("the comparison does not say it lined up two editions")
		}
		row := doc.Find(`main table tbody tr`).FilterFunction(func(_ int, tr *goquery.Selection) bool {
			return strings.Contains(tr.Find("th").Text(), "利用者とセンター間")
		})
		if row.Length() != 1 || row.Find("td").Eq(0).Text() == "—" || row.Find("td").Eq(1).Text() == "—" {
			t.Errorf("the split item's row = %q", row.Text())
		}
		csvBody := s.client().get(t, "/compare.csv?n="+url.QueryEscape(oldNumber)+"&n="+url.QueryEscape(newNumber)).Body
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvBody, "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, rec := range recs {
			if len(rec) == 5 && strings.Contains(rec[2], "利用者とセンター間") {
				found = rec[3] != "" && rec[4] != ""
			}
		}
		if !found {
			t.Errorf("the CSV does not line up the split item: %q", csvBody)
		}
	})
}

// formValues is what a browser would post from a form as shown: text
// fields, text areas, checked boxes and radios, selected options.
func formValues(f *goquery.Selection) url.Values {
	v := url.Values{}
	f.Find("input, textarea, select").Each(func(_ int, in *goquery.Selection) {
		name, ok := in.Attr("name")
		if !ok {
			return
		}
		switch {
		case goquery.NodeName(in) == "textarea":
			v.Add(name, in.Text())
		case goquery.NodeName(in) == "select":
			v.Add(name, in.Find("option[selected]").AttrOr("value", ""))
		case in.AttrOr("type", "text") == "checkbox" || in.AttrOr("type", "") == "radio":
			if _, checked := in.Attr("checked"); checked {
				v.Add(name, in.AttrOr("value", "on"))
			}
		default:
			v.Add(name, in.AttrOr("value", ""))
		}
	})
	return v
}

// POST /api/v1/catalog/mappings: a broken mapping answers 422 with its
// problems by line; the demo's draft 2 with its mapping imports (201) and
// moves the draft; the same files again answer 200.
func TestEditionMappedImportThroughAPI(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		users := s.seedRoles(t)
		owner := service.Principal{User: s.Env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社きたクラウド")}
		s.Env.ReadyApplication(t, owner)
		admin := s.bearerClient(s.apiToken(t, users[nintei.RoleAdmin], "ci").Secret)
		post := func(edition, mapping []byte) reply {
			body := &bytes.Buffer{}
			mw := multipart.NewWriter(body)
			for name, data := range map[string][]byte{"file": edition, "mapping": mapping} {
				fw, _ := mw.CreateFormFile(name, name+".yaml")
				_, _ = fw.Write(data)
			}
			_ = mw.Close()
			return admin.request(t, http.MethodPost, "/api/v1/catalog/mappings", body, "Content-Type", mw.FormDataContentType())
		}
		edData, mapData := demoDraft2Files(t)
		bad := strings.Replace(string(mapData), "{kind: split, from: IPIOT-048, to: [IPIOT-048a, IPIOT-048b]", "{kind: split, from: IPIOT-048, to: [IPIOT-048a]", 1)
		r := post(edData, []byte(bad))
		var problems struct {
			Problems []problemJSON `json:"problems"`
		}
		r.json(t, &problems)
		if r.Status != http.StatusUnprocessableEntity || len(problems.Problems) == 0 || problems.Problems[0].Line == 0 {
			t.Fatalf("broken mapping = %d %s", r.Status, r.Body)
		}
		for i, want := range []struct {
			status int
			moved  int
		}{{http.StatusCreated, 1}, {http.StatusOK, 0}} {
			r := post(edData, mapData)
			var got struct {
				ID    string `json:"id"`
				Moved int    `json:"moved"`
			}
			r.json(t, &got)
			if r.Status != want.status || got.ID != "iaas-paas-iot-2018-draft2" || got.Moved != want.moved {
				t.Errorf("import %d = %d %s", i+1, r.Status, r.Body)
			}
		}
	})
}
