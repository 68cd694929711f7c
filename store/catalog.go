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

// CatalogMapping is a stored edition mapping file (catalog.Mapping): how the
// items of FromEdition became those of ToEdition.
type CatalogMapping struct {
	ToEdition   string
	FromEdition string
	Source      string
	Digest      string
	ImportedAt  time.Time
}

// FormBMark is an item of a Form B moved to a new edition that the
// applicant must answer or look at again (formb.Mark).
type FormBMark struct {
	ItemID string
	Kind   string
	Map    string
	From   []string
}
