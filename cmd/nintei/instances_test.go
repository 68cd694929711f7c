package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/formb/formbtest"
	"nintei/internal/blob/blobtest"
	"nintei/internal/jobs"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

// TestTwoInstancesOnePostgres runs two real `nintei serve` processes on one
// PostgreSQL database and one S3 bucket, and takes applications from the
// first login to the registry with every request going to the other
// instance than the one before: a session made on one is used on the other,
// a file uploaded to one is downloaded from the other, the review's steps
// alternate, two certifications made at the same moment on the two
// instances get the serials 0001 and 0002, both registries show both, and
// the audit chain verifies. Then twenty jobs enqueued behind both runners'
// backs run exactly once between them (issue 6: jobs run once with several
// instances), and so does the hourly registry sweep both schedule at start.
//
// The name carries no "S3" on purpose: .ci/run's PostgreSQL pass skips
// 'Browser|S3' but has the S3 test server's variables, and this test needs
// both. It skips without NINTEI_TEST_DATABASE_URL or an S3 server (failing
// instead under NINTEI_REQUIRE_POSTGRES=1 / NINTEI_REQUIRE_S3=1).
func TestTwoInstancesOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts two servers")
	}
	pgURL := os.Getenv(testenv.PostgresURLVar)
	if pgURL == "" {
		if os.Getenv("NINTEI_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("%s is not set but NINTEI_REQUIRE_POSTGRES=1", testenv.PostgresURLVar)
		}
		t.Skipf("needs PostgreSQL: set %s", testenv.PostgresURLVar)
	}
	s3, _ := blobtest.S3(t) // a fresh bucket, emptied and removed at the end
	dbURL := freshDatabase(t, pgURL)
	bin := buildBinary(t)

	vars := []string{"NINTEI_DATABASE_URL=" + dbURL, "NINTEI_BLOB_BACKEND=s3", "NINTEI_S3_ENDPOINT=" + s3.Endpoint,
		"NINTEI_S3_TLS=false", "NINTEI_S3_BUCKET=" + s3.Bucket, "NINTEI_S3_ACCESS_KEY=" + s3.AccessKey,
		"NINTEI_S3_SECRET_KEY=" + s3.SecretKey, "NINTEI_S3_PREFIX=nintei/", "NINTEI_JOB_POLL=200ms"}
	// Both start at once: the migrations' advisory lock and the built-in
	// catalog's installation must cope with a second instance starting beside.
	var a, b *instance
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); a = startInstance(t, bin, "a", vars) }()
	go func() { defer wg.Done(); b = startInstance(t, bin, "b", vars) }()
	wg.Wait()
	if a == nil || b == nil {
		t.FailNow()
	}
	insts := []*instance{a, b}
	for _, u := range []struct{ email, role, org string }{
		{"owner1@hokuto.example.jp", "owner", "北斗データサービス株式会社"},
		{"owner2@tsubame.example.jp", "owner", "つばめIoT株式会社"},
		{"jimu@body.example.jp", "secretariat", ""},
	} {
		args := []string{"user", "add", "--email", u.email, "--name", "テスト " + u.role, "--role", u.role}
		if u.org != "" {
			args = append(args, "--org", u.org)
		}
		if out, err := runBinary(bin, vars, testenv.TestPassword+"\n", args...); err != nil {
			t.Fatalf("nintei %v: %v\n%s", args, err, out)
		}
	}

	// Two providers draft, fill and submit, each alternating.
	ed, err := catalog.DefaultEdition()
	if err != nil {
		t.Fatal(err)
	}
	owners := []*visitor{newVisitor(t, insts, 0), newVisitor(t, insts, 1)}
	ids := make([]int64, 2)
	for i, email := range []string{"owner1@hokuto.example.jp", "owner2@tsubame.example.jp"} {
		ids[i] = applyAndSubmit(t, owners[i], email, ed, i)
	}

	// The secretariat takes both through the review, alternating.
	jimu := newVisitor(t, insts, 1)
	jimu.login("jimu@body.example.jp")
	for _, id := range ids {
		base := fmt.Sprintf("/api/v1/applications/%d", id)
		jimu.fire(base, map[string]any{"event": "start_formal_review"})
		jimu.fire(base, map[string]any{"event": "accept_formal"})
		today := time.Now().In(time.FixedZone("JST", 9*3600)).Format("2006-01-02")
		jimu.fire(base, map[string]any{"event": "confirm_payment", "paid_on": today, "paid_yen": 209000})
		for _, it := range ed.Items { // every mandatory item judged adequate (optional ones too, here)
			if st, body := jimu.json("POST", base+"/assessments", map[string]any{"item": it.ID, "verdict": "ok", "comment": "確認"}, nil); st != http.StatusNoContent {
				t.Fatalf("assess %s = %d %s", it.ID, st, body)
			}
		}
		// Staff read the evidence from the instance the provider did not upload to.
		jimu.downloadAll(base)
	}
	// Both certified at the same moment, one on each instance: the serial
	// counter row hands out 0001 and 0002, never one twice.
	versions := make([]int64, 2)
	for i, id := range ids {
		var app struct{ Version int64 }
		jimu.json("GET", fmt.Sprintf("/api/v1/applications/%d", id), nil, &app)
		versions[i] = app.Version
	}
	wg.Add(2)
	for i, id := range ids {
		go func() {
			defer wg.Done()
			c := jimu.on(i)
			if st, body := c.json("POST", fmt.Sprintf("/api/v1/applications/%d/events", id),
				map[string]any{"event": "certify", "version": versions[i]}, nil); st != http.StatusOK {
				t.Errorf("certify %d on %s = %d %s", id, insts[i].name, st, body)
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	numbers := map[string]bool{}
	for i, id := range ids {
		var cs struct{ Number, Status string }
		owners[i].json("GET", fmt.Sprintf("/api/v1/applications/%d/certification", id), nil, &cs)
		if cs.Status != "valid" || !regexp.MustCompile(`^IP-IoT 000[12]-\d{4}$`).MatchString(cs.Number) {
			t.Errorf("certification of %d = %+v, want valid with serial 0001 or 0002", id, cs)
		}
		numbers[cs.Number] = true
	}
	t.Logf("numbers: %v", keys(numbers))
	if len(numbers) != 2 {
		t.Fatalf("numbers = %v, want two different ones", numbers)
	}

	// Both instances' public registries list both (each reads the registry
	// generation at most every 250 ms, so the second may need a moment).
	for _, in := range insts {
		pub := &visitor{t: t, insts: []*instance{in}, hc: &http.Client{Timeout: 30 * time.Second}}
		deadline := time.Now().Add(5 * time.Second)
		for {
			var reg struct {
				Items []struct{ Number string }
				Total int
			}
			pub.json("GET", "/api/v1/registry", nil, &reg)
			got := map[string]bool{}
			for _, it := range reg.Items {
				got[it.Number] = true
			}
			if reg.Total == 2 && got[keys(numbers)[0]] && got[keys(numbers)[1]] {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("registry on %s = %+v, want %v", in.name, reg, keys(numbers))
			}
			time.Sleep(100 * time.Millisecond)
		}
		for n := range numbers {
			if st, body := pub.do("GET", "/registry/"+url.PathEscape(n), nil, ""); st != http.StatusOK || !strings.Contains(body, n) {
				t.Errorf("GET /registry/%s on %s = %d", n, in.name, st)
			}
		}
	}

	// Jobs: twenty renewal guidance mails enqueued straight into the shared
	// table; the two runners, polling every 200 ms, must send each once.
	st, err := sqlstore.Open(t.Context(), sqlstore.Options{URL: dbURL, DataDir: t.TempDir(), Clock: nintei.SystemClock{}})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// All due at the same instant, so both runners find them at their next
	// poll and race for the claims.
	const n = 20
	someNumber, due := keys(numbers)[0], time.Now().Add(time.Second)
	for i := range n {
		until := fmt.Sprintf("2099-01-%02d", i+1)
		g := map[string]any{"application_id": ids[0], "number": someNumber, "valid_until": until, "stage": "advance"}
		if _, created, err := jobs.Enqueue(t.Context(), st, "renewal.guidance_mail", g, jobs.Spec{UniqueKey: "two-instances|" + until, RunAt: due}); err != nil || !created {
			t.Fatalf("enqueue %d: %v %v", i, created, err)
		}
	}
	db := openDB(t, dbURL)
	// Each guidance job queues its mail (a mail.send job, run by either
	// runner): wait for the guidance jobs and then for every queued mail.
	waitUntil(t, 30*time.Second, func() bool {
		var done, unsent int
		if err := db.QueryRow(`SELECT
			COALESCE(SUM(CASE WHEN kind = 'renewal.guidance_mail' AND state = 'done' THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN kind = 'mail.send' AND state <> 'done' THEN 1 ELSE 0 END), 0)
			FROM jobs`).Scan(&done, &unsent); err != nil {
			t.Fatal(err)
		}
		return done == n && unsent == 0
	})
	rows, err := db.Query(`SELECT kind, unique_key, attempts, COALESCE(locked_by, '') FROM jobs
		WHERE kind IN ('renewal.guidance_mail', 'registry.sweep') ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	sweeps, byWorker := 0, map[string]int{}
	for rows.Next() {
		var kind, key, by string
		var attempts int
		if err := rows.Scan(&kind, &key, &attempts, &by); err != nil {
			t.Fatal(err)
		}
		if attempts != 1 {
			t.Errorf("job %s %s ran %d times, want once", kind, key, attempts)
		}
		if kind == "registry.sweep" {
			sweeps++
		} else {
			byWorker[by]++
		}
	}
	rows.Close()
	// Both instances scheduled the current hour's sweep at start; its unique
	// key let one job in (two if the test straddled an hour).
	if sweeps < 1 || sweeps > 2 {
		t.Errorf("registry.sweep jobs = %d, want the one of the current hour", sweeps)
	}
	t.Logf("guidance jobs by worker: %v", byWorker)
	// Each mail is in exactly one instance's outbox, exactly once.
	sent := map[string]int{}
	for _, in := range insts {
		files, _ := filepath.Glob(filepath.Join(in.dataDir, "outbox", "*.eml"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for i := range n { // the mail writes the day in Japanese: は2099年1月1日まで有効
				if until := fmt.Sprintf("2099-01-%02d", i+1); bytes.Contains(b, []byte(fmt.Sprintf("は2099年1月%d日まで有効", i+1))) {
					sent[until]++
				}
			}
		}
	}
	for i := range n {
		if until := fmt.Sprintf("2099-01-%02d", i+1); sent[until] != 1 {
			t.Errorf("guidance mail for %s sent %d times, want once", until, sent[until])
		}
	}

	// The audit chain the two instances wrote into together verifies.
	if out, err := runBinary(bin, vars, "", "audit", "verify"); err != nil || !strings.Contains(out, "chain intact") {
		t.Errorf("audit verify: %v\n%s", err, out)
	}
	// Both instances served requests, each logged with its request ID.
	for _, in := range insts {
		if got := in.requestLines(t); got < 20 {
			t.Errorf("%s logged %d requests with a request_id, want the journey's share", in.name, got)
		}
	}
}

// applyAndSubmit logs in as email and takes an application from opening to
// submission, each request on the other instance than the one before; file
// uploads are downloaded back from the other instance and compared.
func applyAndSubmit(t *testing.T, c *visitor, email string, ed *catalog.Edition, i int) int64 {
	c.login(email)
	var app struct {
		ID, Version int64
		EditionID   string `json:"edition_id"`
	}
	if st, body := c.json("POST", "/api/v1/applications", map[string]any{}, &app); st != http.StatusCreated {
		t.Fatalf("open application = %d %s", st, body)
	}
	if app.EditionID != ed.ID {
		t.Fatalf("edition = %q, want %q", app.EditionID, ed.ID)
	}
	base := fmt.Sprintf("/api/v1/applications/%d", app.ID)
	fa := testenv.CompleteFormA()
	fa.Service.Name = fmt.Sprintf("%s %d", fa.Service.Name, i+1)
	fa.Provider.Name = []string{"北斗データサービス株式会社", "つばめIoT株式会社"}[i]
	if st, body := c.json("PUT", base+"/form-a", map[string]any{"version": app.Version, "form_a": fa}, &app); st != http.StatusOK {
		t.Fatalf("form A = %d %s", st, body)
	}
	var entries []formb.Entry
	var items []string
	for _, it := range ed.Items {
		entries = append(entries, formbtest.CompleteForm(ed)[it.ID])
		items = append(items, it.ID)
	}
	if st, body := c.json("PATCH", base+"/form-b", map[string]any{"version": app.Version, "entries": entries}, nil); st != http.StatusOK {
		t.Fatalf("form B = %d %.300s", st, body)
	}
	for _, up := range []url.Values{{"purpose": {string(application.PurposeExistence)}, "original": {"1"}},
		{"purpose": {string(application.PurposeEvidence)}, "item_id": items}} {
		var att application.Attachment
		ct, body := multipartForm(t, up, "資料.pdf", testenv.TinyPDF)
		st, resp := c.do("POST", base+"/attachments", body, ct)
		if st != http.StatusCreated {
			t.Fatalf("upload = %d %s", st, resp)
		}
		if err := json.Unmarshal([]byte(resp), &att); err != nil {
			t.Fatal(err)
		}
		// Read back from the other instance: same bytes, same hash.
		st, got := c.do("GET", fmt.Sprintf("%s/attachments/%d", base, att.ID), nil, "")
		sum := sha256.Sum256([]byte(got))
		if st != http.StatusOK || got != testenv.TinyPDF || hex.EncodeToString(sum[:]) != att.SHA256 {
			t.Fatalf("download of attachment %d from the other instance = %d, %d bytes, want the upload", att.ID, st, len(got))
		}
	}
	var pc struct {
		Blocking bool `json:"blocking"`
	}
	if c.json("GET", base+"/precheck", nil, &pc); pc.Blocking {
		_, body := c.do("GET", base+"/precheck", nil, "")
		t.Fatalf("precheck blocking: %.600s", body)
	}
	c.json("GET", base, nil, &app)
	if st, body := c.json("POST", base+"/submit", map[string]any{"version": app.Version}, &app); st != http.StatusOK {
		t.Fatalf("submit = %d %s", st, body)
	}
	return app.ID
}

// instance is one running `nintei serve` process.
type instance struct {
	name, url, dataDir, logPath string
}

// startInstance starts the binary with vars on a free port, in a data
// directory of its own (its mail outbox), and waits until /readyz answers
// 200. The process gets SIGTERM at the end of the test.
func startInstance(t *testing.T, bin, name string, vars []string) *instance {
	in := &instance{name: name, dataDir: filepath.Join(t.TempDir(), name)}
	in.logPath = filepath.Join(filepath.Dir(in.dataDir), name+".log")
	logf, err := os.Create(in.logPath)
	if err != nil {
		t.Error(err)
		return nil
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data-dir", in.dataDir)
	cmd.Env = append(append(os.Environ(), "NINTEI_SHUTDOWN_DELAY=0s"), vars...)
	cmd.Stderr = logf
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Error(err)
		return nil
	}
	if err := cmd.Start(); err != nil {
		t.Error(err)
		return nil
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("instance %s exited: %v", name, err)
			}
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("instance %s did not stop on SIGTERM", name)
		}
		logf.Close()
		if t.Failed() {
			b, _ := os.ReadFile(in.logPath)
			t.Logf("log of instance %s (last 4000 bytes):\n%s", name, tail(b, 4000))
		}
	})
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if addr, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			in.url = addr
			break
		}
	}
	go io.Copy(io.Discard, stdout)
	if in.url == "" {
		b, _ := os.ReadFile(in.logPath)
		t.Errorf("instance %s did not start: %s", name, tail(b, 4000))
		return nil
	}
	waitUntil(t, 30*time.Second, func() bool {
		resp, err := http.Get(in.url + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return in
}

// requestLines counts the instance's log lines for requests that carry a
// request_id.
func (in *instance) requestLines(t *testing.T) int {
	b, err := os.ReadFile(in.logPath)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range bytes.Split(b, []byte("\n")) {
		var m struct {
			Msg       string `json:"msg"`
			RequestID string `json:"request_id"`
		}
		if json.Unmarshal(l, &m) == nil && m.Msg == "http" && m.RequestID != "" {
			n++
		}
	}
	return n
}

// visitor is one person's cookie jar, sending each request to the next
// instance in turn (as a round-robin load balancer would). The instances
// share a host and differ by port, and cookies ignore ports, so one
// session cookie reaches both.
type visitor struct {
	t     *testing.T
	insts []*instance
	next  int
	hc    *http.Client
	csrf  string
	mu    sync.Mutex
}

func newVisitor(t *testing.T, insts []*instance, first int) *visitor {
	jar, _ := cookiejar.New(nil)
	return &visitor{t: t, insts: insts, next: first, hc: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// on returns the same person, sending every request to instance i.
func (c *visitor) on(i int) *visitor {
	return &visitor{t: c.t, insts: []*instance{c.insts[i]}, hc: c.hc, csrf: c.csrf}
}

// login posts the login form to one instance and reads the session's CSRF
// token from the account page of the other.
func (c *visitor) login(email string) {
	c.t.Helper()
	form := url.Values{"email": {email}, "password": {testenv.TestPassword}}.Encode()
	st, body := c.do("POST", "/login", strings.NewReader(form), "application/x-www-form-urlencoded")
	if st != http.StatusSeeOther {
		c.t.Fatalf("login %s = %d %.300s", email, st, body)
	}
	st, body = c.do("GET", "/account", nil, "")
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(body)
	if st != http.StatusOK || m == nil {
		c.t.Fatalf("account page on the other instance = %d, no CSRF token: the session did not cross over\n%.300s", st, body)
	}
	c.csrf = m[1]
}

// do sends one request to the next instance, with the Origin a browser
// sends and the session's CSRF token, and returns status and body.
func (c *visitor) do(method, path string, body io.Reader, ctype string) (int, string) {
	c.t.Helper()
	c.mu.Lock()
	in := c.insts[c.next%len(c.insts)]
	c.next++
	c.mu.Unlock()
	req, err := http.NewRequest(method, in.url+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if method != "GET" {
		req.Header.Set("Origin", in.url)
		if c.csrf != "" {
			req.Header.Set("X-CSRF-Token", c.csrf)
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s on %s: %v", method, path, in.name, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// json sends a JSON body (unless nil) and decodes a 2xx answer into out.
func (c *visitor) json(method, path string, in, out any) (int, string) {
	c.t.Helper()
	var rd io.Reader
	ct := ""
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			c.t.Fatal(err)
		}
		rd, ct = bytes.NewReader(b), "application/json"
	}
	st, body := c.do(method, path, rd, ct)
	if out != nil && st/100 == 2 {
		if err := json.Unmarshal([]byte(body), out); err != nil {
			c.t.Fatalf("%s %s: %v\n%s", method, path, err, body)
		}
	}
	return st, body
}

// fire reads the application's version and fires a staff event with it.
func (c *visitor) fire(base string, ev map[string]any) {
	c.t.Helper()
	var a struct{ Version int64 }
	c.json("GET", base, nil, &a)
	ev["version"] = a.Version
	if st, body := c.json("POST", base+"/events", ev, nil); st != http.StatusOK {
		c.t.Fatalf("%v = %d %s", ev["event"], st, body)
	}
}

// downloadAll fetches every attachment of an application and checks its hash.
func (c *visitor) downloadAll(base string) {
	c.t.Helper()
	var list struct{ Attachments []application.Attachment }
	c.json("GET", base+"/attachments", nil, &list)
	if len(list.Attachments) != 2 {
		c.t.Fatalf("attachments = %d, want 2", len(list.Attachments))
	}
	for _, a := range list.Attachments {
		st, got := c.do("GET", fmt.Sprintf("%s/attachments/%d", base, a.ID), nil, "")
		sum := sha256.Sum256([]byte(got))
		if st != http.StatusOK || hex.EncodeToString(sum[:]) != a.SHA256 {
			c.t.Errorf("staff download of %d = %d, hash %x, want %s", a.ID, st, sum, a.SHA256)
		}
	}
}

// multipartForm builds an upload with the fields first and the file last.
func multipartForm(t *testing.T, fields url.Values, name, content string) (string, io.Reader) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	return mw.FormDataContentType(), &buf
}

// freshDatabase creates an empty database beside the one pgURL names and
// drops it when the test ends (after the instances have stopped: cleanups
// run in reverse order).
func freshDatabase(t *testing.T, pgURL string) string {
	return freshDatabaseNamed(t, pgURL, "nintei_two_")
}

// freshDatabaseNamed is freshDatabase with the name's prefix given.
func freshDatabaseNamed(t *testing.T, pgURL, prefix string) string {
	admin := openDB(t, pgURL)
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	name := prefix + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(pgURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return u.String()
}

func openDB(t *testing.T, u string) *sql.DB {
	db, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// buildBinary builds nintei once into the test's temporary directory.
func buildBinary(t *testing.T) string {
	bin := filepath.Join(t.TempDir(), "nintei")
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runBinary runs a one-off command of the binary (as an operator would,
// beside the running instances) and returns its output.
func runBinary(bin string, vars []string, stdin string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), vars...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func waitUntil(t *testing.T, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("still not so after %v", d)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
