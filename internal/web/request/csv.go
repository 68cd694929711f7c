package request

import (
	"encoding/csv"
	"net/http"
)

// CSV starts a CSV download as RFC 4180 writes it: records end with CRLF
// (also line breaks inside a quoted cell), the first record is the header
// (the media type says so), and the file starts with a UTF-8 byte order
// mark, without which Excel, the tool most readers open it with, takes the
// bytes for Shift_JIS. cacheControl is the download's Cache-Control (see
// docs/architecture.md, "Caching"). The caller writes the records and
// flushes.
func CSV(w http.ResponseWriter, filename, cacheControl string) *csv.Writer {
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8; header=present")
	h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	h.Set("Cache-Control", cacheControl)
	_, _ = w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return cw
}

// The Cache-Control of the kinds of response that choose their own (the
// rest keep the default no-store of every response).
const (
	// CachePublicData is open data (the registry's CSV, the Atom feeds):
	// the same for everyone, and changing only with the registry, so
	// caches may keep it five minutes; the feeds are then revalidated
	// cheaply by their ETag.
	CachePublicData = "public, max-age=300"
	// CachePrivate is a signed-in user's download (the audit log, PDFs,
	// the mark): never stored by anyone.
	CachePrivate = "private, no-store"
)
