package blob_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"nintei/internal/blob"
	"nintei/internal/blob/blobtest"
)

// s3Proxy stands between a store and the service. It records the headers of
// every request, and goes down for good once it has forwarded cutAfter bytes
// of request bodies (if cutAfter > 0), or when told to: every request after
// that has its connection closed, like a service that becomes unreachable
// mid-upload.
type s3Proxy struct {
	srv       *httptest.Server
	cutAfter  int64
	forwarded atomic.Int64
	down      atomic.Bool
	mu        sync.Mutex
	requests  []*http.Request // method, URL and headers only
}

func newS3Proxy(t *testing.T, endpoint string, cutAfter int64) *s3Proxy {
	p := &s3Proxy{cutAfter: cutAfter}
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: endpoint})
	// Leave the Host header alone: the client signed the proxy's.
	rp.ErrorHandler = func(http.ResponseWriter, *http.Request, error) { panic(http.ErrAbortHandler) }
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.requests = append(p.requests, &http.Request{Method: r.Method, URL: r.URL, Header: r.Header.Clone()})
		p.mu.Unlock()
		if p.down.Load() {
			panic(http.ErrAbortHandler) // closes the connection without an answer
		}
		r.Body = &cuttingBody{ReadCloser: r.Body, p: p}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *s3Proxy) endpoint() string { return strings.TrimPrefix(p.srv.URL, "http://") }

// sent returns the requests seen so far.
func (p *s3Proxy) sent() []*http.Request {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]*http.Request(nil), p.requests...)
}

// cuttingBody counts what the proxy forwards and brings the proxy down once
// the count passes cutAfter.
type cuttingBody struct {
	io.ReadCloser
	p *s3Proxy
}

func (b *cuttingBody) Read(buf []byte) (int, error) {
	if b.p.down.Load() {
		return 0, errors.New("proxy down")
	}
	n, err := b.ReadCloser.Read(buf)
	if b.p.cutAfter > 0 && b.p.forwarded.Add(int64(n)) > b.p.cutAfter {
		b.p.down.Store(true)
		return 0, errors.New("proxy going down")
	}
	return n, err
}

// TestS3UnreachableAtStart: a service that does not answer makes NewS3 fail
// promptly with an error that names the endpoint, not hang.
func TestS3UnreachableAtStart(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := l.Addr().String()
	l.Close() // nothing listens there any more
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	start := time.Now()
	_, err = blob.NewS3(ctx, blob.S3Options{Endpoint: endpoint, Bucket: "evidence", AccessKey: "a", SecretKey: "s", Region: "us-east-1"})
	if err == nil {
		t.Fatal("NewS3 succeeded with no service")
	}
	if !strings.Contains(err.Error(), endpoint) || !strings.Contains(err.Error(), "cannot write") {
		t.Errorf("err = %v, want it to name %s and say it cannot write", err, endpoint)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("NewS3 took %v to fail", d)
	}
}

// TestS3FailsMidUpload: the service becomes unreachable in the middle of a
// multipart upload. Put fails clearly and promptly, no object appears (there
// is no half-written object to record), and the parts the abort could not
// reach are Sweep's once the service is back.
func TestS3FailsMidUpload(t *testing.T) {
	direct, o, client := newS3(t)
	proxy := newS3Proxy(t, o.Endpoint, 20<<20)
	via := o
	via.Endpoint = proxy.endpoint()
	s, err := blob.NewS3(t.Context(), via)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.Put(t.Context(), blobtest.Pattern(40<<20), 64<<20)
	if err == nil {
		t.Fatal("Put succeeded through a service that went away")
	}
	t.Logf("after %v: %v", time.Since(start).Round(time.Millisecond), err)
	if d := time.Since(start); d > time.Minute {
		t.Errorf("Put took %v to fail", d)
	}
	if !strings.HasPrefix(err.Error(), "blob: put: ") || errors.Is(err, blob.ErrTooLarge) || errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want a storage error of Put", err)
	}
	left := blobtest.S3Leftovers(t, client, o.Bucket)
	t.Logf("before Sweep: %v", left)
	for _, name := range left {
		if !strings.HasPrefix(name, "upload:.put/") {
			t.Errorf("left behind %s, want at most an unfinished upload under .put/", name)
		}
	}
	if _, err := direct.Sweep(t.Context(), time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if got := blobtest.S3Leftovers(t, client, o.Bucket); len(got) != 0 {
		t.Errorf("after Sweep, left behind: %v", got)
	}
}

// TestS3UnreachableAfterStart: Put, Open and Stat against a service that went
// away fail with errors, within a bounded time.
func TestS3UnreachableAfterStart(t *testing.T) {
	_, o, _ := newS3(t)
	proxy := newS3Proxy(t, o.Endpoint, 0)
	via := o
	via.Endpoint = proxy.endpoint()
	s, err := blob.NewS3(t.Context(), via)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := s.Put(t.Context(), strings.NewReader("kept"), 100)
	if err != nil {
		t.Fatal(err)
	}
	proxy.down.Store(true)
	start := time.Now()
	if _, err := s.Put(t.Context(), strings.NewReader("lost"), 100); err == nil {
		t.Error("Put succeeded")
	}
	if _, err := s.Stat(t.Context(), kept.Key); err == nil || errors.Is(err, blob.ErrNotFound) {
		t.Errorf("Stat: err = %v, want a storage error, not not-found", err)
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("failing took %v", d)
	}
}

// TestS3ServerSideEncryption: the SSE setting goes with every write (a
// single PUT, the start of a multipart upload, the copy into place), and a
// service that does not report the encryption asked for is refused at start
// rather than trusted with evidence meant to be encrypted. versitygw with its
// POSIX backend takes the header and ignores it, so there the refusal is what
// is tested; a service that encrypts takes the other branch.
func TestS3ServerSideEncryption(t *testing.T) {
	tests := []struct {
		sse, kmsKeyID string
		header, value string
	}{
		{"s3", "", "X-Amz-Server-Side-Encryption", "AES256"},
		{"kms", "nintei-key", "X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id", "nintei-key"},
	}
	for _, tt := range tests {
		t.Run(tt.sse, func(t *testing.T) {
			o, client := blobtest.S3(t)
			proxy := newS3Proxy(t, o.Endpoint, 0)
			bucket := o.Bucket
			o.Endpoint, o.SSE, o.KMSKeyID = proxy.endpoint(), tt.sse, tt.kmsKeyID
			if s, err := blob.NewS3(t.Context(), o); err != nil {
				t.Logf("refused at start: %v", err)
				if !strings.Contains(err.Error(), "encryption") {
					t.Errorf("NewS3 failed for another reason: %v", err)
				}
			} else {
				obj, err := s.Put(t.Context(), strings.NewReader("encrypted"), 100)
				if err != nil {
					t.Fatal(err)
				}
				info, err := client.StatObject(t.Context(), bucket, obj.Key, minio.StatObjectOptions{})
				if got := info.Metadata.Get("X-Amz-Server-Side-Encryption"); err != nil || got == "" {
					t.Errorf("stored object reports encryption %q, %v", got, err)
				}
			}

			s, err := blob.NewS3Unchecked(o)
			if err != nil {
				t.Fatal(err)
			}
			for _, size := range []int64{10, blob.DefaultPartSize + 1} {
				if _, err := s.Put(t.Context(), blobtest.Pattern(size), size); err != nil {
					t.Fatalf("Put of %d bytes: %v", size, err)
				}
			}
			writes := 0
			for _, r := range proxy.sent() {
				q := r.URL.Query()
				single := r.Method == http.MethodPut && !q.Has("partNumber")
				initiate := r.Method == http.MethodPost && q.Has("uploads")
				if !single && !initiate {
					continue // parts and completion carry no SSE header unless SSE-C
				}
				writes++
				if got := r.Header.Get(tt.header); got != tt.value {
					t.Errorf("%s %s: %s = %q, want %q", r.Method, r.URL, tt.header, got, tt.value)
				}
			}
			// The probe, then per Put an upload and a copy.
			if writes < 5 {
				t.Errorf("%d writes seen, want at least 5", writes)
			}
		})
	}
}
