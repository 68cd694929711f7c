// Package mail sends the program's e-mail notices: over SMTP in production,
// or into a directory of .eml files when no SMTP server is configured (the
// demo and development), so that every notice can still be read.
package mail

import (
	"context"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Message is one plain-text e-mail.
type Message struct {
	To      string
	Subject string
	Text    string
}

// Sender delivers messages. Send returns an error if the message could not
// be handed over; the caller decides whether that fails the user's action.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP sends through an SMTP server with STARTTLS when offered and PLAIN
// auth when a user is set.
type SMTP struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string
}

// Send delivers m.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	var auth smtp.Auth
	if s.Username != "" {
		auth = smtp.PlainAuth("", s.Username, s.Password, s.Host)
	}
	done := make(chan error, 1)
	go func() { done <- smtp.SendMail(addr, auth, s.From, []string{m.To}, compose(s.From, m, time.Now())) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// compose renders an RFC 5322 message with a UTF-8 subject and body.
func compose(from string, m Message, now time.Time) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\n", from, m.To)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.BEncoding.Encode("UTF-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", now.Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(m.Text, "\n", "\r\n"))
	return []byte(b.String())
}

// Dir writes each message as an .eml file into a directory.
type Dir struct {
	Path string
	From string
	mu   sync.Mutex
	n    int
}

// Send writes m to a new file.
func (d *Dir) Send(_ context.Context, m Message) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := os.MkdirAll(d.Path, 0o750); err != nil {
		return err
	}
	d.n++
	now := time.Now().UTC()
	name := fmt.Sprintf("%s-%04d.eml", now.Format("20060102T150405.000000"), d.n)
	return os.WriteFile(filepath.Join(d.Path, name), compose(d.From, m, now), 0o600)
}

// Recorder keeps messages in memory; tests read them to follow e-mailed links.
type Recorder struct {
	mu   sync.Mutex
	msgs []Message
}

// Send records m.
func (r *Recorder) Send(_ context.Context, m Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return nil
}

// Messages returns a copy of what was sent.
func (r *Recorder) Messages() []Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Message(nil), r.msgs...)
}
