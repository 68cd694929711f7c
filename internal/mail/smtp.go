package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// TLSMode is how the SMTP connection is protected.
type TLSMode string

// The TLS modes of the smtp-tls setting.
const (
	// STARTTLS upgrades the connection and refuses to send without it (the
	// default: notices carry names, deadlines and links into the system).
	STARTTLS TLSMode = "starttls"
	// Opportunistic upgrades when the server offers STARTTLS, else sends in
	// clear (a relay on the same host).
	Opportunistic TLSMode = "opportunistic"
	// ImplicitTLS speaks TLS from the first byte (port 465, "SMTPS").
	ImplicitTLS TLSMode = "tls"
	// NoTLS never upgrades (a test server on loopback).
	NoTLS TLSMode = "none"
)

// ParseTLSMode reads the smtp-tls setting.
func ParseTLSMode(s string) (TLSMode, error) {
	switch m := TLSMode(s); m {
	case STARTTLS, Opportunistic, ImplicitTLS, NoTLS:
		return m, nil
	}
	return "", fmt.Errorf("unknown SMTP TLS mode %q (starttls, opportunistic, tls or none)", s)
}

// DefaultTimeout bounds dialling and each exchange with the SMTP server, so
// that a server that accepts the connection and never answers cannot hold a
// job (or anything else) forever.
const DefaultTimeout = 15 * time.Second

// SMTP sends through an SMTP server (github.com/wneessen/go-mail: dial, TLS
// and I/O timeouts, STARTTLS policy, port 465) with PLAIN auth when a user
// is set.
type SMTP struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string
	TLS      TLSMode       // empty means STARTTLS
	Timeout  time.Duration // zero means DefaultTimeout
	// TLSConfig, when set, replaces the default (the system's roots, the
	// host's name): tests trust their throwaway server's certificate.
	TLSConfig *tls.Config
}

// Send delivers m, or fails within the timeout.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := compose(s.From, m)
	if err != nil {
		return err
	}
	c, err := gomail.NewClient(s.Host, s.options()...)
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: sending to %s:%d: %w", s.Host, s.Port, err)
	}
	return nil
}

func (s *SMTP) options() []gomail.Option {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	opts := []gomail.Option{gomail.WithPort(s.Port), gomail.WithTimeout(timeout)}
	if s.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(s.TLSConfig))
	}
	switch s.TLS {
	case ImplicitTLS:
		opts = append(opts, gomail.WithSSL())
	case Opportunistic:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case NoTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain),
			gomail.WithUsername(s.Username), gomail.WithPassword(s.Password))
	}
	return opts
}
