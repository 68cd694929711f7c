package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
)

// readStrictCSV reads a CSV download as RFC 4180 defines the format: a
// UTF-8 byte order mark first (kept for Excel), every record ending in
// CRLF, no CR or LF alone anywhere (line breaks inside quoted cells are
// CRLF too), every record with the header's number of fields, no stray
// quotes.
func readStrictCSV(t *testing.T, path string, r reply, columns int) [][]string {
	t.Helper()
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "text/csv; charset=utf-8; header=present" {
		t.Fatalf("%s = %d %q", path, r.Status, r.Header.Get("Content-Type"))
	}
	body, ok := strings.CutPrefix(r.Body, "\ufeff")
	if !ok {
		t.Errorf("%s: no UTF-8 byte order mark", path)
	}
	if !strings.HasSuffix(body, "\r\n") {
		t.Errorf("%s: the last record does not end with CRLF", path)
	}
	for i := 0; i < len(body); i++ {
		switch {
		case body[i] == '\n' && (i == 0 || body[i-1] != '\r'):
			t.Fatalf("%s: a bare LF at byte %d: %q", path, i, body[max(0, i-40):i+1])
		case body[i] == '\r' && (i+1 == len(body) || body[i+1] != '\n'):
			t.Fatalf("%s: a bare CR at byte %d", path, i)
		}
	}
	cr := csv.NewReader(strings.NewReader(body))
	cr.FieldsPerRecord = columns
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// Every CSV the site serves — the registry, the comparison, the audit log —
// follows RFC 4180 (CRLF, fixed fields, quoted line breaks as CRLF); the
// registry's status column is in Japanese like its header.
func TestCSVFilesFollowRFC4180(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	s.seedRoles(t)
	editB := func(it catalog.Item, e *formb.Entry) {
		if it.Answer.Type == catalog.TypeLongText {
			e.Answer.Value = `"引用", 読点、` + it.ID + "\n二行目\n三行目"
		}
	}
	editA := func(fa *application.FormA) { fa.Service.Name = `サービス "引用", 読点` }
	a := certifyWith(t, s, "owner@a.example.jp", "株式会社みなと", "jimu@a.example.jp", editA, editB)
	b := certifiedServiceOf(t, s, "owner@b.example.jp", "株式会社つばめ", "jimu@b.example.jp")
	if _, err := s.Env.Store.DB().Exec(`UPDATE registry_entries SET status = 'revoked' WHERE number = ?`, b); err != nil {
		t.Fatal(err)
	}
	c := s.client()
	recs := readStrictCSV(t, "/registry.csv", c.get(t, "/registry.csv"), 7)
	want := []string{"認定番号", "サービス名称", "事業者名称", "認定年月日", "有効期限", "状態", "URL"}
	if len(recs) != 3 || strings.Join(recs[0], ",") != strings.Join(want, ",") {
		t.Fatalf("registry CSV: %d records, header %q", len(recs), recs[0])
	}
	status := map[string]string{}
	for _, rec := range recs[1:] {
		status[rec[0]] = rec[5]
	}
	if status[a] != "有効" || status[b] != "取消し" {
		t.Errorf("statuses %v, want 有効 and 取消し", status)
	}
	if !strings.Contains(recs[1][1]+recs[2][1], `サービス "引用", 読点`) {
		t.Errorf("service names %q %q", recs[1][1], recs[2][1])
	}
	compare := "/compare.csv?" + url.Values{"n": {a, b}}.Encode()
	cmp := readStrictCSV(t, compare, c.get(t, compare), 5)
	if len(cmp) < 10 || !strings.Contains(c.get(t, compare).Body, "\r\n二行目\r\n三行目") {
		t.Errorf("comparison CSV: %d records, or an answer's line breaks are not CRLF", len(cmp))
	}
	staff := s.loginAs(t, "secretariat")
	if recs := readStrictCSV(t, "/audit.csv", staff.get(t, "/audit.csv"), 9); len(recs) < 10 {
		t.Errorf("audit CSV: %d records", len(recs))
	}
}
