package store

import (
	"time"
)

// CatalogScheme is a certification scheme (制度) as stored.
type CatalogScheme struct {
	ID           string
	NameJA       string
	NameEN       string
	NumberPrefix string
}

// CatalogEdition is a stored catalog edition: its metadata, the digest of
// its parsed content and the file it came from.
type CatalogEdition struct {
	ID         string
	SchemeID   string
	Version    string
	TitleJA    string
	TitleEN    string
	Status     string
	ItemCount  int
	Digest     string
	Source     string
	ImportedAt time.Time
	ImportedBy int64
}
