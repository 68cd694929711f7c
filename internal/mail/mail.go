// Package mail sends the program's e-mail notices: over SMTP in production,
// or into a directory of .eml files when no SMTP server is configured (the
// demo and development), so that every notice can still be read.
package mail

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one plain-text e-mail.
type Message struct {
	To      string
	Subject string
	Text    string
	// Headers are extra header fields, such as List-Unsubscribe (RFC 2369,
	// RFC 8058) on the follow notices.
	Headers map[string]string
}

// Sender delivers messages. Send returns an error if the message could not
// be handed over; the caller decides whether that fails the user's action.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// compose renders m as an RFC 5322 message from from: UTF-8 subject
// (MIME-encoded), UTF-8 body sent as 8bit (notices are short lines, every
// relay of today announces 8BITMIME, and the .eml outbox stays readable),
// Date and a Message-ID, through go-mail, so that SMTP and the outbox write
// the same message.
func compose(from string, m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.NoEncoding),
		gomail.WithNoDefaultUserAgent())
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("mail: sender %q: %w", from, err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail: recipient %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	for k, v := range m.Headers {
		msg.SetGenHeader(gomail.Header(k), v)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	return msg, nil
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
	msg, err := compose(d.From, m)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if _, err := msg.WriteTo(&b); err != nil {
		return err
	}
	name := fmt.Sprintf("%s-%04d.eml", time.Now().UTC().Format("20060102T150405.000000"), d.n)
	return os.WriteFile(filepath.Join(d.Path, name), b.Bytes(), 0o600)
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
