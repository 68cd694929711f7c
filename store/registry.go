package store

import (
	"time"
)

// RegistryEntry is a published snapshot: what the public may see of one
// certified service, and nothing else.
type RegistryEntry struct {
	Bases        string // comma-separated base services
	Number       string
	ServiceName  string
	ProviderName string
	CertifiedOn  string
	ValidUntil   string
	Status       string
	Snapshot     string // JSON, see service.PublicService
	PublishedAt  time.Time
}

// RegistryQuery selects published entries.
type RegistryQuery struct {
	Text    string            // NFKC-folded, lower-cased search words (all must match)
	Base    string            // a base service the entry provides
	Status  string            // a public status on Today: valid, renewal_pending, expired, terminated, revoked, lapsed
	Today   string            // YYYY-MM-DD, for Status
	Answers map[string]string // item ID → exact published answer
	Sort    string            // "number", "service", "provider", "certified" (default: newest certification)
	Offset  int
	Limit   int
}
