package nintei

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Organization is a provider (事業者) or the certification body.
type Organization struct {
	ID              int64
	Kind            OrgKind
	Name            string
	CorporateNumber string // 法人番号, empty for a sole proprietor
	CreatedAt       time.Time
}

// User is a person who logs in. Email is stored lower-cased and unique.
type User struct {
	ID           int64
	OrgID        int64
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	DisabledAt   *time.Time
	CreatedAt    time.Time
	LastLoginAt  *time.Time // nil until the first login
}

// Active reports whether the user may log in.
func (u *User) Active() bool { return u.DisabledAt == nil }

// NormalizeEmail trims and lower-cases an address and checks its syntax, so
// that one person cannot hold two accounts by changing case.
func NormalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		return "", Invalid("error.email.invalid", "email")
	}
	return s, nil
}

// Password length limits. Counted in characters, not bytes: a passphrase of
// 25 kanji is 75 bytes and must be accepted whole (argon2id has no 72-byte cut).
const (
	MinPasswordChars = 10
	MaxPasswordChars = 256
)

// CheckPasswordPolicy enforces the length rule on a new password.
func CheckPasswordPolicy(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordChars {
		return Invalid("error.password.too_short", "password").With("Min", MinPasswordChars)
	}
	if n > MaxPasswordChars {
		return Invalid("error.password.too_long", "password").With("Max", MaxPasswordChars)
	}
	return nil
}

// CheckName validates a person's or organisation's display name.
func CheckName(s, field string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Invalid("error.required", field)
	}
	if utf8.RuneCountInString(s) > 200 {
		return "", Invalid("error.too_long", field).With("Max", 200)
	}
	return s, nil
}
