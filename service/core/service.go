// Package core holds what every area of the service shares: the Core (the
// store, evidence files, clock, mail, messages, log, settings and the edition
// caches), the principal and its access policy, the application and edition
// reads, the workflow's transitions and notices, the audit details and the
// mail frame. The areas (accounts, apply, examination, aftercare, views, ops)
// build on it; it imports none of them.
package core

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"log/slog"
	"sync"
	"time"

	"nintei"
	"nintei/bizday"
	"nintei/internal/blob"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/internal/password"
	"nintei/registry"
	"nintei/review"
	"nintei/store"
)

// Core is what every use case works with; each area embeds it.
type Core struct {
	Store    store.Store
	Blobs    blob.Store
	Clock    nintei.Clock
	Mail     mail.Sender
	Msgs     *i18n.Catalog
	Log      *slog.Logger
	Config   Settings
	editions sync.Map // edition ID → cachedEdition (editions are immutable)
	mappings sync.Map // edition ID → *catalog.Mapping into it (immutable too)
	Wording  sync.Map // edition ID → map[item ID]registry.Answer, see PublicWording
}

// Settings are the tunable rules of accounts and sessions.
type Settings struct {
	BaseURL       string        // absolute URL used in e-mailed links
	SessionIdle   time.Duration // a session unused this long expires
	InvitationTTL time.Duration
	// ResetAnswerTime is the least time a forgotten-password request takes,
	// whether the address has an account or not (no account enumeration by
	// timing).
	ResetAnswerTime time.Duration
	// SessionLifetime ends a session this long after its login, used or
	// not, besides the idle expiry (0: no absolute limit).
	SessionLifetime time.Duration
	LoginFailures   int           // failures per account …
	LoginWindow     time.Duration // … within this window lock the account temporarily
	PasswordParams  password.Params
	MaxUploadBytes  int64       // largest attachment
	Fees            review.Fees // the fee schedule
	// Calendar is the body's business calendar: an invoice falls due on a
	// business day.
	Calendar *bizday.Calendar
	Issuer   Issuer // the body as its documents and mails name it
	// InquiryAnswerDays: an inquiry's answer is due this many calendar
	// days after it is sent; StalledCloseDays: how long an invoice or an
	// answer must be overdue before the application may be closed.
	InquiryAnswerDays int
	StalledCloseDays  int
	// JobRetention is how long a done job is kept before the daily prune
	// deletes it (a mail job keeps its mail's text until then).
	JobRetention time.Duration
	// HooksAllowLoopback lets webhooks be delivered to http:// and https://
	// URLs on 127.0.0.1, ::1 and localhost: the tests' receivers. Off in
	// production, where only public https:// addresses are accepted.
	HooksAllowLoopback bool
	// RegistryKey signs the daily snapshot of the registry; nil: no
	// snapshots. Only its public keys ever leave the process.
	RegistryKey *registry.KeyRing
}

// DefaultSettings are the values used when configuration says nothing.
func DefaultSettings() Settings {
	return Settings{
		BaseURL:           "http://localhost:8080",
		SessionIdle:       12 * time.Hour,
		InvitationTTL:     7 * 24 * time.Hour,
		LoginFailures:     10,
		LoginWindow:       15 * time.Minute,
		PasswordParams:    password.Default,
		MaxUploadBytes:    20 << 20,
		Fees:              review.DefaultFees(),
		Calendar:          bizday.Default(),
		InquiryAnswerDays: 14,
		StalledCloseDays:  30,
		ResetAnswerTime:   400 * time.Millisecond,
		SessionLifetime:   7 * 24 * time.Hour,
		JobRetention:      30 * 24 * time.Hour,
	}
}

// New wires a Service.
func New(st store.Store, blobs blob.Store, clock nintei.Clock, sender mail.Sender, msgs *i18n.Catalog, log *slog.Logger, s Settings) *Core {
	return &Core{Store: st, Blobs: blobs, Clock: clock, Mail: sender, Msgs: msgs, Log: log, Config: s}
}

// Settings returns the service's settings.
func (s *Core) Settings() Settings { return s.Config }

// Now is the service's clock reading.
func (s *Core) Now() time.Time { return s.Clock.Now().UTC() }

// NewToken returns a random URL-safe secret and the SHA-256 hex stored for it.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // the platform is broken; nothing sensible to do
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the stored form of a session, API or invitation token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// actorLabel names who did something in the audit trail.
func actorLabel(u *nintei.User) (int64, string) {
	if u == nil {
		return 0, "system"
	}
	return u.ID, u.Email
}

// Event builds an audit event for an actor.
func Event(actor *nintei.User, action, objectType, objectID string) nintei.AuditEvent {
	id, label := actorLabel(actor)
	return nintei.AuditEvent{ActorID: id, ActorLabel: label, Action: action, ObjectType: objectType, ObjectID: objectID}
}
