// Package smtptest runs a real SMTP server on the loopback interface that
// keeps every message it receives, so tests can check what nintei sends
// over the actual protocol (no STARTTLS; AUTH PLAIN accepted).
package smtptest

import (
	"bufio"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"
)

// Message is one received e-mail.
type Message struct {
	From    string
	To      []string
	Raw     string
	Parsed  *mail.Message
	Subject string // decoded
}

// Sink is a running SMTP server.
type Sink struct {
	Addr string
	ln   net.Listener
	mu   sync.Mutex
	msgs []Message
	wg   sync.WaitGroup
}

// Start runs a sink until the test ends.
func Start(t testing.TB) *Sink { return StartAt(t, "127.0.0.1:0") }

// StartAt runs a sink on addr until the test ends: a test that took a mail
// server down brings it back at the address the sender knows.
func StartAt(t testing.TB, addr string) *Sink {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	s := &Sink{Addr: ln.Addr().String(), ln: ln}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(func() { _ = ln.Close(); s.wg.Wait() })
	return s
}

// Host and Port split the sink's address.
func (s *Sink) Host() string { h, _, _ := net.SplitHostPort(s.Addr); return h }

// Port is the sink's port number.
func (s *Sink) Port() int {
	_, p, _ := net.SplitHostPort(s.Addr)
	n := 0
	for _, r := range p {
		n = n*10 + int(r-'0')
	}
	return n
}

// Messages returns what was received so far.
func (s *Sink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Await returns the messages received so far as soon as done says they are
// enough, or after timeout whatever they are: a server sends its notices
// from its job queue, a moment after the action that queued them.
func (s *Sink) Await(timeout time.Duration, done func([]Message) bool) []Message {
	deadline := time.Now().Add(timeout)
	for {
		msgs := s.Messages()
		if done(msgs) || time.Now().After(deadline) {
			return msgs
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *Sink) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() { defer s.wg.Done(); s.serve(c) }()
	}
}

func (s *Sink) serve(c net.Conn) {
	defer c.Close()
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	reply := func(line string) { _, _ = w.WriteString(line + "\r\n"); _ = w.Flush() }
	reply("220 smtptest ready")
	var cur Message
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"):
			reply("250-smtptest\r\n250-AUTH PLAIN\r\n250 8BITMIME")
		case strings.HasPrefix(cmd, "HELO"), strings.HasPrefix(cmd, "NOOP"), strings.HasPrefix(cmd, "RSET"):
			reply("250 OK")
		case strings.HasPrefix(cmd, "AUTH"):
			reply("235 OK")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			cur = Message{From: addr(line)}
			reply("250 OK")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			cur.To = append(cur.To, addr(line))
			reply("250 OK")
		case cmd == "DATA":
			reply("354 go ahead")
			cur.Raw = readData(r)
			s.store(cur)
			reply("250 queued")
		case cmd == "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

// addr takes the address out of "MAIL FROM:<a@b> BODY=8BITMIME".
func addr(line string) string {
	_, v, _ := strings.Cut(line, ":")
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, '>'); i >= 0 {
		v = v[:i]
	}
	return strings.TrimPrefix(v, "<")
}

func readData(r *bufio.Reader) string {
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil || line == ".\r\n" || line == ".\n" {
			return b.String()
		}
		b.WriteString(strings.TrimPrefix(line, "."))
	}
}

func (s *Sink) store(m Message) {
	if p, err := mail.ReadMessage(strings.NewReader(m.Raw)); err == nil {
		m.Parsed = p
		dec := new(mimeDecoder)
		m.Subject = dec.decode(p.Header.Get("Subject"))
	}
	s.mu.Lock()
	s.msgs = append(s.msgs, m)
	s.mu.Unlock()
}
