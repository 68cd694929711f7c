package store

// PublicEntry is what public pages read of one published entry: its
// columns and the compact form of its snapshot.
type PublicEntry struct {
	Number, ServiceName, ProviderName, CertifiedOn, ValidUntil, Status string
	Compact                                                            string // registry.EncodeCompact
}
