package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"nintei/internal/testenv"
)

// A person may write a day as 2027/1/31 or ２０２７年１月３１日; the form
// takes it as that day, and the page writes it back in the language's one
// style.
func TestFormAcceptsWrittenDates(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	number := certifiedService(t, s)
	staff := s.client()
	login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
	for i, written := range []string{"２０２７年１月３１日", "2027/1/31"} {
		r := staff.postForm(t, "/applications/1/supervision", url.Values{"csrf_token": {staff.csrf(t)}, "kind": {"improvement"},
			"body": {"通知手順の改善 " + written}, "due_on": {written}, "publish": {"1"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("request %d with due date %q = %d %s", i, written, r.Status, r.Body)
		}
	}
	sec := s.client().getPage(t, "/registry/"+url.PathEscape(number), http.StatusOK).Find("#improvements").Text()
	if got := strings.Count(sec, "2027年1月31日"); got != 2 {
		t.Errorf("the service page shows the due day %d times, want 2: %q", got, sec)
	}
	r := staff.postForm(t, "/applications/1/supervision", url.Values{"csrf_token": {staff.csrf(t)}, "kind": {"improvement"},
		"body": {"日付の誤り"}, "due_on": {"2027年2月30日"}, "publish": {"1"}})
	if r.Status != http.StatusBadRequest || r.doc(t).Find("#new-body").Text() != "日付の誤り" {
		t.Errorf("a day not in the calendar = %d, or the text was lost", r.Status)
	}
}
