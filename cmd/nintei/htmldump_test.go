package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// NINTEI_HTML_DIR names a directory where the crawl and the browser
// journeys write every distinct page they receive, as the server sent it
// (not the DOM after scripts), for scripts/html-validate.sh to check with
// html-validate. Off by default. htmlDump holds the bodies written so far.
var htmlDump struct {
	sync.Mutex
	seen map[[32]byte]bool
}

var (
	unsafeNameRE = regexp.MustCompile(`[^A-Za-z0-9._-]+`)
	csrfValueRE  = regexp.MustCompile(`name="csrf_token" value="[^"]*"`)
)

// savePage writes body to NINTEI_HTML_DIR as ROLE__PATH.html. A body
// already written (the same page reached by two links, or in two sessions:
// the CSRF token does not count) is skipped; two different bodies for one
// name get a hash suffix so that neither is lost.
func savePage(t testing.TB, role, page, body string) {
	dir := os.Getenv("NINTEI_HTML_DIR")
	if dir == "" {
		return
	}
	sum := sha256.Sum256([]byte(csrfValueRE.ReplaceAllString(body, "")))
	htmlDump.Lock()
	defer htmlDump.Unlock()
	if htmlDump.seen == nil {
		htmlDump.seen = map[[32]byte]bool{}
	}
	if htmlDump.seen[sum] {
		return
	}
	htmlDump.seen[sum] = true
	name := role + "__" + strings.Trim(unsafeNameRE.ReplaceAllString(page, "_"), "_")
	if len(name) > 150 {
		name = name[:150]
	}
	file := filepath.Join(dir, name+".html")
	if _, err := os.Stat(file); err == nil {
		file = filepath.Join(dir, name+"-"+hex.EncodeToString(sum[:4])+".html")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Error(err) // Error, not Fatal: the browser journeys save from another goroutine
		return
	}
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Error(err)
	}
}

// docCapture saves, for NINTEI_HTML_DIR, the HTML documents Chromium
// receives during a browser journey: the bodies the server sent for each
// navigation and form post (before any script runs), as the crawl's pages
// are saved. The listener only notes finished documents; a goroutine asks
// Chromium for their bodies.
type docCapture struct {
	t       *testing.T
	mu      sync.Mutex
	pending map[network.RequestID]string // document requests answered, by path
	closed  bool
	ready   chan network.RequestID
	paths   map[network.RequestID]string
	done    chan struct{}
	// origin is the server of the journey's first page: pages of other
	// servers (the test's OpenID provider) are not nintei's to check.
	origin string
}

// newDocCapture is nil unless NINTEI_HTML_DIR is set.
func newDocCapture(t *testing.T) *docCapture {
	if os.Getenv("NINTEI_HTML_DIR") == "" {
		return nil
	}
	return &docCapture{t: t, pending: map[network.RequestID]string{}, paths: map[network.RequestID]string{},
		ready: make(chan network.RequestID, 4096), done: make(chan struct{})}
}

// listen runs on chromedp's reading goroutine: it must not block or call
// the browser.
func (c *docCapture) listen(ev any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	switch e := ev.(type) {
	case *network.EventResponseReceived:
		if e.Type != network.ResourceTypeDocument || !strings.HasPrefix(e.Response.MimeType, "text/html") {
			return
		}
		if u, err := url.Parse(e.Response.URL); err == nil {
			if c.origin == "" {
				c.origin = u.Host
			}
			if u.Host == c.origin {
				c.pending[e.RequestID] = u.RequestURI()
			}
		}
	case *network.EventLoadingFinished:
		p, ok := c.pending[e.RequestID]
		if !ok {
			return
		}
		delete(c.pending, e.RequestID)
		c.paths[e.RequestID] = p
		select {
		case c.ready <- e.RequestID:
		default: // more than the buffer holds: not saved, never blocking the browser
		}
	}
}

// start fetches the bodies until the test ends, then waits for the last.
func (c *docCapture) start(ctx context.Context) {
	if c == nil {
		return
	}
	// A subtest's name holds a slash: one file name, not a directory.
	role := "browser-" + unsafeNameRE.ReplaceAllString(strings.TrimPrefix(c.t.Name(), "TestBrowser"), "_")
	go func() {
		defer close(c.done)
		for id := range c.ready {
			c.mu.Lock()
			p := c.paths[id]
			c.mu.Unlock()
			res, err := chromedp.Call(ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: id})
			if err != nil {
				c.t.Logf("html dump: %s: %v", p, err) // the page was gone before its body was read
				continue
			}
			savePage(c.t, role, p, string(res.Body))
		}
	}()
	c.t.Cleanup(func() {
		c.mu.Lock()
		c.closed = true
		close(c.ready)
		c.mu.Unlock()
		<-c.done
	})
}
