package web

import (
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/formb"
	"nintei/formb/formbtest"
	"nintei/internal/testenv"
	"nintei/service"
)

// benchSite is a server with one owner whose application has a complete
// Form B, and that owner's session cookie.
func benchSite(b *testing.B) (*site, *http.Cookie, application.Application) {
	s := newBenchSite(b)
	owner := s.Env.AddUser(b, "owner@a.example.jp", nintei.RoleOwner, "A社")
	ctx := context.Background()
	p := service.Principal{User: owner}
	app, err := s.Env.Svc.OpenApplication(ctx, p, "")
	if err != nil {
		b.Fatal(err)
	}
	ed, _ := s.Env.Svc.ApplicationEdition(ctx, app)
	var entries []formb.Entry
	for _, e := range formbtest.CompleteForm(ed) {
		entries = append(entries, e)
	}
	if _, err := s.Env.Svc.SaveFormB(ctx, p, app.ID, app.Version, entries); err != nil {
		b.Fatal(err)
	}
	login, err := s.Env.Svc.LogIn(ctx, owner.Email, testenv.TestPassword, "")
	if err != nil {
		b.Fatal(err)
	}
	return s, &http.Cookie{Name: sessionCookie, Value: login.Token}, app
}

func newBenchSite(b *testing.B) *site {
	env := testenv.Backends(b)[0].NewEnv(b)
	srv, err := New(env.Svc, env.Msgs, env.Log, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return &site{Env: env, Srv: srv}
}

// serve runs one request through the whole handler in-process: server
// time, without the network.
func serve(b *testing.B, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("%s = %d: %.300s", req.URL, rec.Code, rec.Body.String())
	}
	return rec
}

// BenchmarkFormBEditorPage renders the largest Form B section (15 items)
// of a complete application, through the middleware, session and store.
// Target: ≤ 10 ms server time.
func BenchmarkFormBEditorPage(b *testing.B) {
	s, cookie, _ := benchSite(b)
	h := s.Srv.Handler()
	url := "/applications/1/form-b?section=" + largestSection(b, s)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("GET", url, nil)
		req.AddCookie(cookie)
		serve(b, h, req)
	}
}

func largestSection(b *testing.B, s *site) string {
	app, _ := s.Env.Store.Application(context.Background(), 1)
	ed, _ := s.Env.Svc.ApplicationEdition(context.Background(), app)
	best := section{}
	for _, sec := range sections(ed) {
		if len(sec.Items) > len(best.Items) {
			best = sec
		}
	}
	return best.ID
}

// BenchmarkBaselineDashboard is the same path (middleware, session, store,
// templates) on a light page, the baseline the editor is compared with.
func BenchmarkBaselineDashboard(b *testing.B) {
	s, cookie, _ := benchSite(b)
	h := s.Srv.Handler()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("GET", "/account", nil)
		req.AddCookie(cookie)
		serve(b, h, req)
	}
}

// BenchmarkUpload20MiB posts a 20 MiB evidence file through the handler
// and reports the heap growth: the file is streamed to the blob store,
// never held in memory.
func BenchmarkUpload20MiB(b *testing.B) {
	s, cookie, _ := benchSite(b)
	h := s.Srv.Handler()
	login, _ := s.Env.Svc.Authenticate(context.Background(), cookie.Value)
	const size = 20<<20 - 4096
	var peak uint64
	rssBefore := rssKiB()
	b.ReportAllocs()
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() {
			mw.WriteField("csrf_token", login.CSRFToken)
			mw.WriteField("purpose", "evidence")
			fw, _ := mw.CreateFormFile("file", "large.pdf")
			fw.Write([]byte("%PDF-1.4\n"))
			io.CopyN(fw, zeros{}, size-9)
			mw.Close()
			pw.Close()
		}()
		req := httptest.NewRequest("POST", "/applications/1/attachments", pr)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.AddCookie(cookie)
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if rec.Code != http.StatusSeeOther {
			b.Fatalf("upload = %d %.300s", rec.Code, rec.Body.String())
		}
		if after.HeapInuse > before.HeapInuse && after.HeapInuse-before.HeapInuse > peak {
			peak = after.HeapInuse - before.HeapInuse
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "heap-MiB")
	b.ReportMetric(float64(rssKiB()-rssBefore)/1024, "rss-growth-MiB")
}

// rssKiB reads the process's resident set size from /proc (Linux); 0 elsewhere.
func rssKiB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
