package public

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"nintei"
	"nintei/internal/web/request"
)

// registryLog serves the public, hash-chained registry log as JSON lines
// (docs/registry.md), the lines after ?after=SEQ for an incremental read.
// Its ETag is the head it was read at, so a poller that has the newest
// lines gets 304.
func (s *Server) registryLog(w http.ResponseWriter, r *http.Request) error {
	var after int64
	if v := r.URL.Query().Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nintei.Invalid("error.registry.log_after", "after")
		}
		after = n
	}
	lines, head, hash, err := s.svc.RegistryLog(r.Context(), after)
	if err != nil {
		return err
	}
	body := strings.Join(lines, "\n")
	if body != "" {
		body += "\n"
	}
	h := w.Header()
	h.Set("Content-Type", "application/jsonl; charset=utf-8")
	h.Set("ETag", `"`+strconv.FormatInt(after, 10)+"-"+strconv.FormatInt(head, 10)+"-"+hash[:16]+`"`)
	return writeData(w, r, []byte(body))
}

// registrySnapshot serves the newest signed snapshot, byte for byte as it
// was signed.
func (s *Server) registrySnapshot(w http.ResponseWriter, r *http.Request) error {
	snap, err := s.svc.LatestRegistrySnapshot(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	setSnapshotHeaders(w, snap.Body, snap.CreatedAt)
	return writeData(w, r, snap.Body)
}

// registrySnapshotSig serves the detached Ed25519 signature (base64) of
// the snapshot served now.
func (s *Server) registrySnapshotSig(w http.ResponseWriter, r *http.Request) error {
	snap, err := s.svc.LatestRegistrySnapshot(r.Context())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	setSnapshotHeaders(w, snap.Body, snap.CreatedAt)
	return writeData(w, r, []byte(snap.Signature+"\n"))
}

func setSnapshotHeaders(w http.ResponseWriter, body []byte, at time.Time) {
	sum := sha256.Sum256(body)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	w.Header().Set("Last-Modified", at.UTC().Format(http.TimeFormat))
}

// registryKeys publishes the snapshots' public keys, earlier ones kept
// after a rotation so old snapshots still verify.
func (s *Server) registryKeys(w http.ResponseWriter, r *http.Request) error {
	keys, err := s.svc.RegistryKeys()
	if err != nil {
		return err
	}
	b, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	return writeData(w, r, b)
}

// writeData sends public data with its ETag (set by the caller) and
// answers a conditional GET that still holds it with 304.
func writeData(w http.ResponseWriter, r *http.Request, b []byte) error {
	h := w.Header()
	h.Set("Cache-Control", request.CachePublicData)
	h.Set("Access-Control-Allow-Origin", "*") // anyone may check the registry, from anywhere
	if request.NotModified(r, h) {
		request.WriteNotModified(w, h)
		return nil
	}
	h.Set("Content-Length", strconv.Itoa(len(b)))
	_, err := w.Write(b)
	return err
}
