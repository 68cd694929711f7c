package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"nintei/internal/testenv"
)

// drainServer is one `nintei serve` process of the drain tests, with an
// owner's application to upload to.
type drainServer struct {
	cmd     *exec.Cmd
	url     string
	dataDir string
	tmpDir  string // the process's TMPDIR
	logPath string
	visitor *visitor
	appID   int64
}

func startDrainServer(t *testing.T, bin, drain string) *drainServer {
	t.Helper()
	root := t.TempDir()
	s := &drainServer{dataDir: filepath.Join(root, "data"), tmpDir: filepath.Join(root, "tmp"), logPath: filepath.Join(root, "serve.log")}
	if err := os.Mkdir(s.tmpDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := runBinary(bin, nil, testenv.TestPassword+"\n", "user", "add", "--email", "owner@drain.example.jp",
		"--name", "停止 試験", "--role", "owner", "--org", "株式会社ドレイン", "--data-dir", s.dataDir); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	logf, err := os.Create(s.logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logf.Close() })
	s.cmd = exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data-dir", s.dataDir)
	s.cmd.Env = append(os.Environ(), "TMPDIR="+s.tmpDir, "NINTEI_SHUTDOWN_DELAY=1s", "NINTEI_SHUTDOWN_DRAIN="+drain)
	s.cmd.Stderr = logf
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			_ = s.cmd.Process.Kill()
			_ = s.cmd.Wait()
		}
		if t.Failed() {
			b, _ := os.ReadFile(s.logPath)
			t.Logf("server log (last 3000 bytes):\n%s", tail(b, 3000))
		}
	})
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if addr, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			s.url = addr
			break
		}
	}
	go io.Copy(io.Discard, stdout)
	if s.url == "" {
		t.Fatal("nintei serve did not start")
	}
	waitUntil(t, 30*time.Second, func() bool { return readyz(s.url) == http.StatusOK })
	s.visitor = newVisitor(t, []*instance{{name: "drain", url: s.url}}, 0)
	s.visitor.login("owner@drain.example.jp")
	var app struct{ ID int64 }
	if st, body := s.visitor.json("POST", "/api/v1/applications", map[string]any{}, &app); st != http.StatusCreated {
		t.Fatalf("open application = %d %s", st, body)
	}
	s.appID = app.ID
	return s
}

// readyz answers /readyz's status on a new connection, 0 when refused.
func readyz(base string) int {
	c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := c.Get(base + "/readyz")
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// slowUpload sends a PDF of size bytes as an attachment at about rate
// bytes a second, calling sent after the first second's share. It returns
// the status, or the error of a request cut off.
func (s *drainServer) slowUpload(t *testing.T, size, rate int, sent func()) (int, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		_ = mw.WriteField("purpose", "existence")
		_ = mw.WriteField("original", "1")
		fw, err := mw.CreateFormFile("file", "大きな資料.pdf")
		if err != nil {
			pw.CloseWithError(err)
			return
		}
		chunk := []byte("%PDF-1.4\n" + strings.Repeat("% padding line of a large scanned document ..\n", rate/48))
		for n := 0; n < size; n += len(chunk) {
			if _, err := fw.Write(chunk); err != nil {
				pw.CloseWithError(err)
				return
			}
			if n == 0 {
				sent()
			}
			chunk[0] = '%' // later chunks continue the comment lines
			chunk = []byte(strings.Repeat("% padding line of a large scanned document ..\n", rate/48))
			time.Sleep(time.Second)
		}
		_, _ = fw.Write([]byte(testenv.TinyPDF))
		pw.CloseWithError(mw.Close())
	}()
	req, err := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/applications/%d/attachments", s.url, s.appID), pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", s.url)
	req.Header.Set("X-CSRF-Token", s.visitor.csrf)
	resp, err := s.visitor.hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		t.Logf("upload answered %d: %.300s", resp.StatusCode, b)
	}
	return resp.StatusCode, nil
}

// wait reaps the process and returns its exit status.
func (s *drainServer) wait(t *testing.T) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(60 * time.Second):
		t.Fatal("the server did not stop within a minute of SIGTERM")
		return -1
	}
}

// leftovers lists the temporary files of uploads left in the evidence
// directory and in TMPDIR.
func (s *drainServer) leftovers(t *testing.T) []string {
	var out []string
	for _, root := range []string{filepath.Join(s.dataDir, "files"), s.tmpDir} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (root == s.tmpDir || strings.HasPrefix(d.Name(), ".put-")) {
				out = append(out, p)
			}
			return nil
		})
	}
	return out
}

// Issue 18, item 6: a SIGTERM during a 6 MB upload at 1 MB/s turns /readyz
// to 503 at once, lets the upload finish (201) and the process exits 0.
func TestSIGTERMLetsASlowUploadFinish(t *testing.T) {
	bin := buildBinary(t)
	s := startDrainServer(t, bin, "25s")
	var signalled time.Time
	var ready int
	status, err := s.slowUpload(t, 6<<20, 1<<20, func() {
		if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Error(err)
		}
		signalled = time.Now()
		time.Sleep(100 * time.Millisecond)
		ready = readyz(s.url) // within the shutdown delay: the listener is open
	})
	if err != nil || status != http.StatusCreated {
		t.Fatalf("upload during the drain = %d, %v; want 201", status, err)
	}
	if ready != http.StatusServiceUnavailable {
		t.Errorf("/readyz right after SIGTERM = %d, want 503", ready)
	}
	if code := s.wait(t); code != 0 {
		t.Errorf("exit status after a completed drain = %d, want 0", code)
	}
	if took := time.Since(signalled); took > 20*time.Second {
		t.Errorf("stopped %v after SIGTERM", took)
	}
	if left := s.leftovers(t); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// An upload still running when the drain period ends is cut off: its
// temporary file is removed and the exit status says the drain did not
// complete.
func TestDrainPeriodCutsOffAndCleansUp(t *testing.T) {
	bin := buildBinary(t)
	s := startDrainServer(t, bin, "3s")
	status, err := s.slowUpload(t, 12<<20, 1<<20, func() {
		if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Error(err)
		}
	})
	if err == nil && status == http.StatusCreated {
		t.Fatalf("a 12-second upload finished within a 3-second drain")
	}
	if code := s.wait(t); code == 0 {
		t.Errorf("exit status after a cut-off drain = 0, want non-zero")
	}
	if left := s.leftovers(t); len(left) > 0 {
		t.Errorf("temporary files left after the cut-off upload: %v", left)
	}
	if b, _ := os.ReadFile(s.logPath); !strings.Contains(string(b), "cut off") {
		t.Errorf("the log does not say requests were cut off:\n%s", tail(b, 2000))
	}
}
