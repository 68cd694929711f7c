package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/formb/formbtest"
	"nintei/internal/blob"
	"nintei/internal/i18n"
	"nintei/internal/jobs"
	"nintei/internal/mail"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/apply"
)

// TestCrashConsistency (issue 8, item 3) runs `nintei serve` as a
// subprocess under write load from several clients — Form A and Form B
// saves, attachment uploads, submissions, the secretariat's review steps and
// certifications — kills it with SIGKILL at a random
// moment, and before restarting it on the same data checks the storage as
// the crash left it: every write the server acknowledged (a 2xx answer) is
// there with the acknowledged version, state and SHA-256; every attachment
// row's file exists with the recorded SHA-256 and every file has a row
// (temporary files and checksum files without their object are the
// documented leftovers of blob.Sweeper and only counted); the
// certifications' serials are 1…n with no gap or duplicate; and
// `nintei audit verify` passes. After the restart the same acknowledged
// writes are read back through the API (forms, attachment bytes,
// certification numbers).
//
// It runs on SQLite and, when NINTEI_TEST_DATABASE_URL is set, on a fresh
// PostgreSQL database of its own, dropped afterwards. NINTEI_CRASH_ROUNDS
// sets the number of kills per backend (default 20). Run with -v for the
// figures.
func TestCrashConsistency(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it many times")
	}
	rounds := 20
	if s := os.Getenv("NINTEI_CRASH_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("NINTEI_CRASH_ROUNDS=%q: want a positive number", s)
		}
		rounds = n
	}
	bin := buildBinary(t)
	for _, b := range testenv.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			var vars []string
			if b.Name == "postgres" {
				vars = append(vars, "NINTEI_DATABASE_URL="+freshDatabaseNamed(t, os.Getenv(testenv.PostgresURLVar), "nintei_crash_"))
			}
			runCrashRounds(t, bin, vars, rounds)
		})
	}
}

// crashRun is one backend's harness: the binary, its data, the clients'
// tokens and the ledger of acknowledged writes.
type crashRun struct {
	t       *testing.T
	bin     string
	dataDir string
	vars    []string
	ed      *catalog.Edition
	srv     *crashServer
	owners  []string // API tokens of the providers' owners, one per worker
	jimu    string   // API token of the secretariat
	workers []*crashWorker

	acked    atomic.Int64 // writes answered 2xx
	kindsMu  sync.Mutex
	kinds    map[string]int // acknowledged writes by kind
	lost     atomic.Int64   // acknowledged writes found missing or different
	leftover int            // temporary/checksum files left for blob.Sweeper (last check)
	maxLeft  int
	orphans  int // objects without a row or a discard job, summed over the checks
	// Objects of uploads killed between storing and recording, each with
	// its discard job pending: summed over the checks, and the most at once.
	unrecorded, maxAwaiting int
}

func runCrashRounds(t *testing.T, bin string, vars []string, rounds int) {
	ed, err := catalog.DefaultEdition()
	if err != nil {
		t.Fatal(err)
	}
	r := &crashRun{t: t, bin: bin, dataDir: filepath.Join(t.TempDir(), "data"), ed: ed,
		vars: append([]string{"NINTEI_RATE_LIMITS=false", "NINTEI_LOG_LEVEL=warn"}, vars...)}
	const workers = 4
	users := []struct{ email, role, org string }{{"jimu@body.example.jp", "secretariat", ""}}
	for i := range workers {
		users = append(users, struct{ email, role, org string }{fmt.Sprintf("owner%d@p%d.example.jp", i, i), "owner", fmt.Sprintf("クラッシュ検証%d株式会社", i)})
	}
	for _, u := range users {
		args := []string{"user", "add", "--data-dir", r.dataDir, "--email", u.email, "--name", "テスト " + u.role, "--role", u.role}
		if u.org != "" {
			args = append(args, "--org", u.org)
		}
		if out, err := runBinary(bin, r.vars, testenv.TestPassword+"\n", args...); err != nil {
			t.Fatalf("nintei %v: %v\n%s", args, err, out)
		}
	}
	r.srv = r.start()
	for i, u := range users {
		v := newVisitor(t, []*instance{{name: "crash", url: r.srv.url}}, 0)
		v.login(u.email)
		var tok struct{ Secret string }
		if st, body := v.json("POST", "/api/v1/tokens", map[string]any{"name": "crash"}, &tok); st != http.StatusCreated {
			t.Fatalf("token for %s = %d %s", u.email, st, body)
		}
		if i == 0 {
			r.jimu = tok.Secret
		} else {
			r.owners = append(r.owners, tok.Secret)
			r.workers = append(r.workers, &crashWorker{r: r, token: tok.Secret, rnd: rand.New(rand.NewPCG(uint64(i), uint64(time.Now().UnixNano())))})
		}
	}

	rnd := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	for round := 1; round <= rounds; round++ {
		ctx, cancel := context.WithCancel(t.Context())
		var wg sync.WaitGroup
		for _, w := range r.workers {
			wg.Add(1)
			go func() { defer wg.Done(); w.run(ctx) }()
		}
		time.Sleep(time.Duration(100+rnd.IntN(1400)) * time.Millisecond)
		r.srv.kill()
		cancel()
		wg.Wait()
		r.checkStorage(round, false)
		r.auditVerify(round)
		r.srv = r.start()
		r.checkAPI(round)
		if t.Failed() {
			t.Fatalf("round %d failed", round)
		}
	}
	r.srv.stop()
	discarded, swept := r.runDueJobsLater()
	r.checkStorage(rounds+1, true)
	r.auditVerify(rounds + 1)
	certified := 0
	for _, w := range r.workers {
		certified += w.certified
	}
	t.Logf("acknowledged writes by kind: %v", r.kinds)
	t.Logf("crash consistency: %d rounds (SIGKILL), %d acknowledged writes, %d lost writes; %d applications certified, "+
		"serials gapless; %d orphaned files; stored but unrecorded uploads awaiting their discard job: at most %d after a crash, "+
		"%d discarded at the end; temporary files: at most %d after a crash, %d swept at the end",
		rounds, r.acked.Load(), r.lost.Load(), certified, r.orphans, r.maxAwaiting, discarded, r.maxLeft, swept)
	if r.lost.Load() != 0 {
		t.Errorf("%d acknowledged writes lost", r.lost.Load())
	}
}

// crashServer is one `nintei serve` process.
type crashServer struct {
	cmd     *exec.Cmd
	url     string
	logPath string
}

func (r *crashRun) start() *crashServer {
	t := r.t
	t.Helper()
	s := &crashServer{logPath: filepath.Join(filepath.Dir(r.dataDir), "serve.log")}
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	s.cmd = exec.Command(r.bin, "serve", "--addr", "127.0.0.1:0", "--data-dir", r.dataDir)
	s.cmd.Env = append(os.Environ(), r.vars...)
	s.cmd.Stderr = logf
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.kill() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if addr, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			s.url = addr
			break
		}
	}
	go io.Copy(io.Discard, stdout)
	if s.url == "" {
		b, _ := os.ReadFile(s.logPath)
		t.Fatalf("nintei serve did not start after a crash:\n%s", tail(b, 4000))
	}
	waitUntil(t, 30*time.Second, func() bool {
		resp, err := http.Get(s.url + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return s
}

// kill sends SIGKILL and reaps the process; a second call does nothing.
func (s *crashServer) kill() {
	if s.cmd.ProcessState != nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
}

// stop ends the last server gracefully.
func (s *crashServer) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		s.kill()
	}
}

// crashApp is what a worker knows was acknowledged about one application.
type crashApp struct {
	id      int64
	version int64             // the highest version acknowledged
	state   application.State // the furthest state acknowledged
	formA   int               // the last acknowledged Form A marker (service overview)
	formB   int               // the last acknowledged Form B marker (first item's evidence location)
	marker  int               // the last marker sent, acknowledged or not
	edits   int               // extra acknowledged saves while in draft
	judged  bool              // every item acknowledged assessed ok
	atts    map[int64]crashAttachment
	number  string // acknowledged certification number
	sync    bool   // a write went unanswered: read the application again first
}

type crashAttachment struct {
	sha256     string
	purpose    application.Purpose
	downloaded bool
}

// stateRank orders the states the workers take an application through.
var stateRank = map[application.State]int{application.Draft: 0, application.Submitted: 1, application.FormalReview: 2,
	application.AwaitingPay: 3, application.DocumentReview: 4, application.Certified: 5}

// crashWorker is one provider driving its applications from opening to
// certification (the secretariat's steps with the secretariat's token).
type crashWorker struct {
	r         *crashRun
	token     string
	rnd       *rand.Rand
	apps      []*crashApp
	cur       *crashApp
	certified int
}

var errUnanswered = fmt.Errorf("no answer")

// call sends one request to the current server. A transport error (the
// server was killed) is errUnanswered; any other answer is returned.
func (w *crashWorker) call(ctx context.Context, token, method, path string, body io.Reader, ctype string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, w.r.srv.url+path, body)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := crashHTTP.Do(req)
	if err != nil {
		return 0, nil, errUnanswered
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, errUnanswered
	}
	return resp.StatusCode, b, nil
}

var crashHTTP = &http.Client{Timeout: 30 * time.Second}

// write sends a write and decodes its 2xx answer into out. It reports
// whether the write was acknowledged; an unexpected refusal fails the test.
func (w *crashWorker) write(ctx context.Context, token, method, path string, in any, out any) bool {
	var rd io.Reader
	ct := ""
	if in != nil {
		b, _ := json.Marshal(in)
		rd, ct = bytes.NewReader(b), "application/json"
	}
	return w.send(ctx, token, method, path, rd, ct, out)
}

func (w *crashWorker) send(ctx context.Context, token, method, path string, body io.Reader, ctype string, out any) bool {
	st, b, err := w.call(ctx, token, method, path, body, ctype)
	if err != nil {
		if w.cur != nil {
			w.cur.sync = true
		}
		return false
	}
	if st/100 != 2 {
		w.r.t.Errorf("%s %s = %d %.400s", method, path, st, b)
		if w.cur != nil {
			w.cur.sync = true
		}
		return false
	}
	w.r.acked.Add(1)
	w.r.countKind(path, body)
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			w.r.t.Errorf("%s %s: %v", method, path, err)
		}
	}
	return true
}

type appJSON struct {
	ID      int64
	Version int64
	State   application.State
	FormA   application.FormA `json:"form_a"`
}

// run drives writes until the server dies or ctx ends.
func (w *crashWorker) run(ctx context.Context) {
	for ctx.Err() == nil && !w.r.t.Failed() {
		if !w.step(ctx) {
			return
		}
	}
}

// step makes one write; false when the server did not answer.
func (w *crashWorker) step(ctx context.Context) bool {
	if w.cur == nil {
		var a appJSON
		if !w.write(ctx, w.token, "POST", "/api/v1/applications", map[string]any{}, &a) {
			return false
		}
		w.cur = &crashApp{id: a.ID, version: a.Version, state: a.State, atts: map[int64]crashAttachment{}}
		w.apps = append(w.apps, w.cur)
		return true
	}
	c := w.cur
	base := fmt.Sprintf("/api/v1/applications/%d", c.id)
	if c.sync {
		var a appJSON
		st, b, err := w.call(ctx, w.token, "GET", base, nil, "")
		if err != nil {
			return false
		}
		if st != http.StatusOK || json.Unmarshal(b, &a) != nil {
			w.r.t.Errorf("GET %s = %d %.300s", base, st, b)
			return false
		}
		c.version, c.state, c.sync = a.Version, a.State, false
	}
	today := time.Now().In(time.FixedZone("JST", 9*3600)).Format("2006-01-02")
	var a appJSON
	switch c.state {
	case application.Draft:
		switch {
		case c.formA == 0 || (c.edits < 4 && c.formB > 0 && w.rnd.IntN(3) == 0):
			c.marker++
			fa := testenv.CompleteFormA()
			fa.Service.Overview = fmt.Sprintf("crash-marker-%d", c.marker)
			if !w.write(ctx, w.token, "PUT", base+"/form-a", map[string]any{"version": c.version, "form_a": fa}, &a) {
				return false
			}
			if c.formA > 0 {
				c.edits++
			}
			c.formA, c.version = c.marker, a.Version
		case c.formB == 0 || (c.edits < 4 && w.rnd.IntN(2) == 0):
			c.marker++
			var entries []formb.Entry
			if c.formB == 0 {
				for _, it := range w.r.ed.Items {
					entries = append(entries, formbtest.CompleteForm(w.r.ed)[it.ID])
				}
			} else {
				entries = []formb.Entry{formbtest.CompleteForm(w.r.ed)[w.r.ed.Items[0].ID]}
			}
			entries[0].EvidenceLoc = fmt.Sprintf("crash-marker-%d", c.marker)
			var fb struct{ Version int64 }
			if !w.write(ctx, w.token, "PATCH", base+"/form-b", map[string]any{"version": c.version, "entries": entries}, &fb) {
				return false
			}
			if c.formB > 0 {
				c.edits++
			}
			c.formB, c.version = c.marker, fb.Version
		case !c.has(application.PurposeExistence):
			return w.upload(ctx, c, url.Values{"purpose": {string(application.PurposeExistence)}, "original": {"1"}})
		case !c.has(application.PurposeEvidence) || (c.edits < 4 && w.rnd.IntN(2) == 0):
			var items []string
			for _, it := range w.r.ed.Items {
				items = append(items, it.ID)
			}
			if c.has(application.PurposeEvidence) {
				items = items[:1+w.rnd.IntN(len(items))]
				c.edits++ // counted when sent, so that a run of lost answers cannot loop here
			}
			return w.upload(ctx, c, url.Values{"purpose": {string(application.PurposeEvidence)}, "item_id": items})
		default:
			if !w.write(ctx, w.token, "POST", base+"/submit", map[string]any{"version": c.version}, &a) {
				return false
			}
			c.version, c.state = a.Version, a.State
		}
	case application.Submitted, application.FormalReview, application.AwaitingPay, application.DocumentReview:
		if c.state == application.DocumentReview && !c.judged {
			// every mandatory item judged adequate before certifying.
			for _, it := range w.r.ed.Items {
				if !w.write(ctx, w.r.jimu, "POST", base+"/assessments", map[string]any{"item": it.ID, "verdict": "ok"}, nil) {
					return false
				}
			}
			c.judged = true
		}
		ev := map[application.State]map[string]any{
			application.Submitted:      {"event": "start_formal_review"},
			application.FormalReview:   {"event": "accept_formal"},
			application.AwaitingPay:    {"event": "confirm_payment", "paid_on": today, "paid_yen": 209000},
			application.DocumentReview: {"event": "certify"},
		}[c.state]
		ev["version"] = c.version
		if !w.write(ctx, w.r.jimu, "POST", base+"/events", ev, &a) {
			return false
		}
		c.version, c.state = a.Version, a.State
	case application.Certified:
		var cs struct{ Number, Status string }
		st, b, err := w.call(ctx, w.token, "GET", base+"/certification", nil, "")
		if err != nil {
			return false
		}
		if st != http.StatusOK || json.Unmarshal(b, &cs) != nil || cs.Number == "" {
			w.r.t.Errorf("certification of %d = %d %.300s", c.id, st, b)
			return false
		}
		c.number = cs.Number
		w.certified++
		w.cur = nil
	default:
		w.r.t.Errorf("application %d is %s, which no worker asked for", c.id, c.state)
		return false
	}
	return true
}

func (c *crashApp) has(p application.Purpose) bool {
	for _, a := range c.atts {
		if a.purpose == p {
			return true
		}
	}
	return false
}

// upload posts a small PDF with a unique trailer, so every file differs.
func (w *crashWorker) upload(ctx context.Context, c *crashApp, fields url.Values) bool {
	c.marker++
	content := testenv.TinyPDF + fmt.Sprintf("%% crash %d %d %d\n", c.id, c.marker, w.rnd.Int64())
	ct, body := multipartForm(w.r.t, fields, "資料.pdf", content)
	var att application.Attachment
	if !w.send(ctx, w.token, "POST", fmt.Sprintf("/api/v1/applications/%d/attachments", c.id), body, ct, &att) {
		return false
	}
	sum := sha256.Sum256([]byte(content))
	if att.SHA256 != hex.EncodeToString(sum[:]) {
		w.r.t.Errorf("upload to %d: answered SHA-256 %s, sent %x", c.id, att.SHA256, sum)
	}
	c.atts[att.ID] = crashAttachment{sha256: att.SHA256, purpose: application.Purpose(fields.Get("purpose"))}
	c.version++ // an upload touches the application: one version up
	return true
}

// countKind counts an acknowledged write by what it was.
func (r *crashRun) countKind(path string, body io.Reader) {
	var kind string
	switch {
	case path == "/api/v1/applications":
		kind = "open"
	case strings.HasSuffix(path, "/events"):
		kind = "event"
		if b, ok := body.(*bytes.Reader); ok {
			var ev struct{ Event string }
			_, _ = b.Seek(0, io.SeekStart)
			if json.NewDecoder(b).Decode(&ev) == nil {
				kind = ev.Event
			}
		}
	case strings.HasSuffix(path, "/attachments"):
		kind = "upload"
	default:
		kind = path[strings.LastIndexByte(path, '/')+1:]
	}
	r.kindsMu.Lock()
	defer r.kindsMu.Unlock()
	if r.kinds == nil {
		r.kinds = map[string]int{}
	}
	r.kinds[kind]++
}

// lose records an acknowledged write found missing or different.
func (r *crashRun) lose(format string, args ...any) {
	r.t.Helper()
	r.lost.Add(1)
	r.t.Errorf("LOST: "+format, args...)
}

func (r *crashRun) databaseURL() string {
	for _, v := range r.vars {
		if u, ok := strings.CutPrefix(v, "NINTEI_DATABASE_URL="); ok {
			return u
		}
	}
	return ""
}

// checkStorage reads the database and the evidence directory as the crash
// left them, before any restart could repair anything.
func (r *crashRun) checkStorage(round int, strict bool) {
	t := r.t
	t.Helper()
	ctx := t.Context()
	st, err := sqlstore.Open(ctx, sqlstore.Options{URL: r.databaseURL(), DataDir: r.dataDir, Clock: nintei.SystemClock{}})
	if err != nil {
		t.Fatalf("round %d: open the store after the crash: %v", round, err)
	}
	defer st.Close()
	db := st.DB()

	// Applications: at least the acknowledged version and state.
	type appRow struct {
		version int64
		state   application.State
	}
	apps := map[int64]appRow{}
	rows, err := db.QueryContext(ctx, `SELECT id, version, state FROM applications`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var a appRow
		if err := rows.Scan(&id, &a.version, &a.state); err != nil {
			t.Fatal(err)
		}
		apps[id] = a
	}
	rows.Close()

	// Attachments: every row's file is there with its SHA-256.
	type attRow struct {
		appID         int64
		key, sum      string
		removed, gone bool
	}
	atts := map[int64]attRow{}
	byKey := map[string]int64{}
	rows, err = db.QueryContext(ctx, `SELECT id, application_id, blob_key, sha256, removed_at IS NOT NULL, disposed_at IS NOT NULL FROM attachments`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var a attRow
		if err := rows.Scan(&id, &a.appID, &a.key, &a.sum, &a.removed, &a.gone); err != nil {
			t.Fatal(err)
		}
		atts[id], byKey[a.key] = a, id
	}
	rows.Close()

	// Certifications: serials 1…n, each number once.
	var serials []int64
	numbers := map[int64]string{} // application → number
	rows, err = db.QueryContext(ctx, `SELECT serial, number, application_id FROM certifications ORDER BY serial`)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for rows.Next() {
		var serial, appID int64
		var number string
		if err := rows.Scan(&serial, &number, &appID); err != nil {
			t.Fatal(err)
		}
		serials = append(serials, serial)
		if seen[number] {
			t.Errorf("round %d: certification number %s twice", round, number)
		}
		seen[number], numbers[appID] = true, number
	}
	rows.Close()
	for i, s := range serials {
		if s != int64(i+1) {
			t.Errorf("round %d: serials %v: a gap or a duplicate at position %d (R-8.4)", round, serials, i+1)
			break
		}
	}
	for appID, a := range apps {
		if a.state == application.Certified && numbers[appID] == "" {
			t.Errorf("round %d: application %d is certified without a certification row", round, appID)
		}
	}

	// Uploads whose discard job has not run yet (service.putEvidence).
	discardPending := map[string]bool{}
	rows, err = db.QueryContext(ctx, `SELECT unique_key FROM jobs WHERE kind = '`+apply.JobDiscardUpload+`' AND state IN ('queued', 'running')`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			t.Fatal(err)
		}
		discardPending[key] = true
	}
	rows.Close()

	// Files: classify everything under DATA_DIR/files.
	objects := map[string]bool{}
	left := 0
	root := filepath.Join(r.dataDir, "files")
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		name := e.Name()
		switch key, isSum := strings.CutSuffix(name, ".sha256"); {
		case strings.HasPrefix(name, ".put-"):
			left++
		case isSum && blob.ValidKey(key):
			if _, err := os.Stat(filepath.Join(filepath.Dir(path), key)); err != nil {
				left++ // a checksum whose object is gone: the sweeper's
			}
		case blob.ValidKey(name):
			objects[name] = true
		default:
			t.Errorf("round %d: unknown file %s in the evidence store", round, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r.leftover, r.maxLeft = left, max(r.maxLeft, left)
	if strict && left > 0 {
		t.Errorf("round %d: %d temporary files left after the sweep", round, left)
	}
	awaiting := 0
	for key := range objects {
		if _, ok := byKey[key]; ok {
			continue
		}
		if discardPending[key] && !strict {
			awaiting++ // stored, not recorded: its discard job is due an hour after the upload
			continue
		}
		r.orphans++
		t.Errorf("round %d: file %s has no attachment row and no discard job (orphaned)", round, key)
	}
	r.unrecorded += awaiting
	r.maxAwaiting = max(r.maxAwaiting, awaiting)
	for id, a := range atts {
		if a.gone {
			continue // returned or destroyed: the file is deleted by a job
		}
		if !objects[a.key] {
			t.Errorf("round %d: attachment %d's file %s is missing", round, id, a.key)
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, a.key[0:2], a.key[2:4], a.key))
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != a.sum {
			t.Errorf("round %d: attachment %d's file has SHA-256 %x, the row says %s", round, id, sum, a.sum)
		}
	}

	// Every acknowledged write is there.
	for _, w := range r.workers {
		for _, c := range w.apps {
			a, ok := apps[c.id]
			switch {
			case !ok:
				r.lose("round %d: application %d (acknowledged) is missing", round, c.id)
				continue
			case a.version < c.version:
				r.lose("round %d: application %d has version %d, version %d was acknowledged", round, c.id, a.version, c.version)
			case stateRank[a.state] < stateRank[c.state]:
				r.lose("round %d: application %d is %s, %s was acknowledged", round, c.id, a.state, c.state)
			}
			for id, ack := range c.atts {
				if got, ok := atts[id]; !ok || got.appID != c.id || got.sum != ack.sha256 || got.removed {
					r.lose("round %d: attachment %d of application %d (SHA-256 %s acknowledged) = %+v", round, id, c.id, ack.sha256, got)
				}
			}
			if c.number != "" && numbers[c.id] != c.number {
				r.lose("round %d: application %d's certification %q was acknowledged, the store has %q", round, c.id, c.number, numbers[c.id])
			}
		}
	}
}

// auditVerify runs `nintei audit verify` on the data as the crash left it.
func (r *crashRun) auditVerify(round int) {
	out, err := runBinary(r.bin, r.vars, "", "audit", "verify", "--data-dir", r.dataDir)
	if err != nil || !strings.Contains(out, "chain intact") {
		r.t.Errorf("round %d: audit verify: %v\n%s", round, err, out)
	}
}

// checkAPI reads the acknowledged writes back through the restarted server.
func (r *crashRun) checkAPI(round int) {
	t := r.t
	ctx := t.Context()
	for _, w := range r.workers {
		for _, c := range w.apps {
			base := fmt.Sprintf("/api/v1/applications/%d", c.id)
			get := func(path string, out any) bool {
				st, b, err := w.call(ctx, w.token, "GET", path, nil, "")
				if err != nil || st != http.StatusOK {
					t.Errorf("round %d: GET %s after the restart = %d %v %.300s", round, path, st, err, b)
					return false
				}
				if out != nil {
					if err := json.Unmarshal(b, out); err != nil {
						t.Errorf("round %d: GET %s: %v", round, path, err)
						return false
					}
				}
				return true
			}
			var a appJSON
			if !get(base, &a) {
				continue
			}
			if c.formA > 0 && markerOf(a.FormA.Service.Overview) < c.formA {
				r.lose("round %d: application %d's Form A has %q, marker %d was acknowledged", round, c.id, a.FormA.Service.Overview, c.formA)
			}
			if c.formB > 0 {
				var fb struct{ Entries []formb.Entry }
				if get(base+"/form-b", &fb) && (len(fb.Entries) != len(r.ed.Items) || markerOf(fb.Entries[0].EvidenceLoc) < c.formB) {
					r.lose("round %d: application %d's Form B has %d entries and first location %q, marker %d was acknowledged",
						round, c.id, len(fb.Entries), first(fb.Entries).EvidenceLoc, c.formB)
				}
			}
			for id, ack := range c.atts {
				if ack.downloaded {
					continue
				}
				st, b, err := w.call(ctx, w.token, "GET", fmt.Sprintf("%s/attachments/%d", base, id), nil, "")
				sum := sha256.Sum256(b)
				if err != nil || st != http.StatusOK || hex.EncodeToString(sum[:]) != ack.sha256 {
					r.lose("round %d: download of attachment %d = %d %v, SHA-256 %x, %s was acknowledged", round, id, st, err, sum, ack.sha256)
					continue
				}
				ack.downloaded = true
				c.atts[id] = ack
			}
			if c.number != "" {
				var cs struct{ Number, Status string }
				if get(base+"/certification", &cs) && (cs.Number != c.number || cs.Status != "valid") {
					r.lose("round %d: application %d's certification = %+v, %s was acknowledged", round, c.id, cs, c.number)
				}
			}
		}
	}
}

func markerOf(s string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(s, "crash-marker-"))
	return n
}

func first(es []formb.Entry) formb.Entry {
	if len(es) == 0 {
		return formb.Entry{}
	}
	return es[0]
}

// runDueJobsLater runs, on the stopped server's data, every background job
// due two hours from now, as the server would then: the discard jobs of
// uploads killed before their row committed, and the hourly blob sweep of
// temporary files. It returns how many files each removed.
func (r *crashRun) runDueJobsLater() (discarded, swept int) {
	t := r.t
	ctx := t.Context()
	clock := &nintei.FixedClock{T: time.Now().Add(2 * time.Hour)}
	st, err := sqlstore.Open(ctx, sqlstore.Options{URL: r.databaseURL(), DataDir: r.dataDir, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	blobs, err := blob.NewDir(filepath.Join(r.dataDir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	defer blobs.Close()
	count := func() (objects, leftovers int) {
		_ = filepath.WalkDir(filepath.Join(r.dataDir, "files"), func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			key, isSum := strings.CutSuffix(e.Name(), ".sha256")
			switch {
			case strings.HasPrefix(e.Name(), ".put-"):
				leftovers++
			case isSum && blob.ValidKey(key):
				if _, err := os.Stat(filepath.Join(filepath.Dir(path), key)); err != nil {
					leftovers++
				}
			case blob.ValidKey(e.Name()):
				objects++
			}
			return nil
		})
		return
	}
	o0, t0 := count()
	svc := service.New(sqlstore.Port(st), blobs, clock, &mail.Recorder{}, i18n.MustLoad(), slog.New(slog.DiscardHandler), service.DefaultSettings())
	runner := jobs.New(st, clock, jobs.Options{})
	svc.RegisterJobs(runner)
	if _, err := runner.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	var dead int
	if err := st.DB().QueryRowContext(ctx, `SELECT count(*) FROM jobs WHERE state = 'dead'`).Scan(&dead); err != nil || dead > 0 {
		t.Errorf("dead jobs after running the due ones: %d %v", dead, err)
	}
	o1, t1 := count()
	return o0 - o1, t0 - t1
}
