package mail_test

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nintei/internal/mail"
	"nintei/internal/mail/smtptest"
)

// The SMTP sender speaks real SMTP: a Japanese subject arrives decoded and
// the body intact.
func TestSMTPDeliversJapanese(t *testing.T) {
	sink := smtptest.Start(t)
	s := &mail.SMTP{Host: sink.Host(), Port: sink.Port(), Username: "nintei", Password: "secret", From: "nintei@body.example.jp",
		TLS: mail.NoTLS}
	msg := mail.Message{To: "owner@a.example.jp", Subject: "【nintei】申請を受け付けました", Text: "申請 #1 を受け付けました。\n認定機関事務局"}
	if err := s.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	got := sink.Messages()
	if len(got) != 1 {
		t.Fatalf("received %d messages", len(got))
	}
	if got[0].Subject != msg.Subject || got[0].To[0] != msg.To || got[0].From != s.From {
		t.Errorf("received %+v", got[0])
	}
	body, _ := io.ReadAll(got[0].Parsed.Body)
	if !strings.Contains(string(body), "申請 #1 を受け付けました。\r\n認定機関事務局") {
		t.Errorf("body = %q", body)
	}
	h := got[0].Parsed.Header
	if id := h.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, ">") {
		t.Errorf("Message-ID = %q", id)
	}
	if _, err := h.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
}

// The default refuses to send in clear: a server that offers no STARTTLS
// gets nothing.
func TestSMTPRequiresSTARTTLSByDefault(t *testing.T) {
	sink := smtptest.Start(t)
	s := &mail.SMTP{Host: sink.Host(), Port: sink.Port(), From: "nintei@body.example.jp"}
	if err := s.Send(context.Background(), mail.Message{To: "a@example.jp", Subject: "s", Text: "t"}); err == nil {
		t.Fatal("sent without STARTTLS")
	}
	if n := len(sink.Messages()); n != 0 {
		t.Fatalf("the server received %d messages", n)
	}
}

// A server that accepts the connection and never answers fails the send
// within the timeout instead of hanging it.
func TestSMTPSilentServerTimesOut(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, silent
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	s := &mail.SMTP{Host: "127.0.0.1", Port: port, From: "x@example.jp", TLS: mail.NoTLS, Timeout: 300 * time.Millisecond}
	start := time.Now()
	err = s.Send(context.Background(), mail.Message{To: "a@example.jp", Subject: "s", Text: "t"})
	if err == nil {
		t.Fatal("sending to a silent server succeeded")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("the send took %v with a 300 ms timeout", d)
	}
}

func TestParseTLSMode(t *testing.T) {
	for _, ok := range []string{"starttls", "opportunistic", "tls", "none"} {
		if _, err := mail.ParseTLSMode(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	if _, err := mail.ParseTLSMode("ssl"); err == nil {
		t.Error("ssl accepted")
	}
}

func TestSMTPUnreachableFails(t *testing.T) {
	s := &mail.SMTP{Host: "127.0.0.1", Port: 1, From: "x@example.jp"}
	if err := s.Send(context.Background(), mail.Message{To: "a@example.jp", Subject: "s", Text: "t"}); err == nil {
		t.Fatal("sending to a closed port succeeded")
	}
}

func TestDirWritesEML(t *testing.T) {
	dir := t.TempDir()
	d := &mail.Dir{Path: dir, From: "nintei@localhost"}
	if err := d.Send(context.Background(), mail.Message{To: "a@example.jp", Subject: "件名", Text: "本文"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("files = %v", files)
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(string(b), "To: <a@example.jp>") || !strings.Contains(string(b), "Message-ID: <") || !strings.Contains(string(b), "本文") {
		t.Errorf("eml = %q", b)
	}
}
