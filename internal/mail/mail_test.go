package mail_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nintei/internal/mail"
	"nintei/internal/mail/smtptest"
)

// The SMTP sender speaks real SMTP: a Japanese subject arrives decoded and
// the body intact.
func TestSMTPDeliversJapanese(t *testing.T) {
	sink := smtptest.Start(t)
	s := &mail.SMTP{Host: sink.Host(), Port: sink.Port(), Username: "nintei", Password: "secret", From: "nintei@body.example.jp"}
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
	if !strings.Contains(string(b), "To: a@example.jp") || !strings.Contains(string(b), "本文") {
		t.Errorf("eml = %q", b)
	}
}
