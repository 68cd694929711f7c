// Package upload decides whether a file an applicant uploads (evidence
// documents, proofs of existence, R-4.4) may be kept, and under which name.
// The type is decided by the content alone, never by the extension or the
// Content-Type the browser sent, since both are the client's to choose; only
// PDF, PNG, JPEG, xlsx and docx are accepted, and a name claiming another type
// than the content is refused. Refusals are *Error values whose Code is a
// message key for the Japanese UI.
package upload

import "strings"

// Kind is an accepted file type. Kinds are constants so that they can be
// compared and stored as they are ("pdf", "xlsx", …); the zero Kind is no
// type at all.
type Kind string

// The accepted kinds.
const (
	PDF  Kind = "pdf"
	PNG  Kind = "png"
	JPEG Kind = "jpeg"
	XLSX Kind = "xlsx"
	DOCX Kind = "docx"
)

// kindInfo is what each kind carries.
var kindInfo = map[Kind]struct{ mime, ext string }{
	PDF:  {"application/pdf", ".pdf"},
	PNG:  {"image/png", ".png"},
	JPEG: {"image/jpeg", ".jpg"},
	XLSX: {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
	DOCX: {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
}

// MIME is the canonical media type, the one to send when the file is
// downloaded (never the type the uploader's browser claimed).
func (k Kind) MIME() string { return kindInfo[k].mime }

// Ext is the canonical extension with its dot (".jpg" for JPEG), the one
// FileName adds to a name that has none.
func (k Kind) Ext() string { return kindInfo[k].ext }

// Label names the kind for people, in any language: "PDF", "XLSX".
func (k Kind) Label() string { return strings.ToUpper(string(k)) }

// FileName is the name to keep for a file of kind k uploaded as name: the
// sanitised name, with the canonical extension added when the name has no
// extension of kind k (an applicant may upload "基本方針" from a system that
// hides extensions). Call it after Sniff or SniffFile accepted the file, which
// refuse names that claim another type.
func (k Kind) FileName(name string) string {
	clean := SanitizeName(name)
	if extensionKinds[extension(clean)] == k {
		return clean
	}
	return SanitizeName(clean + k.Ext())
}
