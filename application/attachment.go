package application

import "time"

// Purpose says what an attachment is for.
type Purpose string

// Attachment purposes.
const (
	PurposeExistence      Purpose = "existence"      // 登記事項証明書, or photo ID for a sole proprietor
	PurposeTranslation    Purpose = "translation"    // translation of a foreign-language document
	PurposeResponsibility Purpose = "responsibility" // proof the named representative is responsible (no power of representation)
	PurposeEvidence       Purpose = "evidence"       // evidence for Form B answers
	PurposeWebEvidence    Purpose = "web_evidence"   // a copy of a web page, with its URL and capture date
	PurposeOutsourcee     Purpose = "outsourcee"     // the outsourcee's material or signed document
)

// PurposeInvestigation is a file of the body's on-site investigation
// uploaded by staff and never shown to the applicant.
const PurposeInvestigation Purpose = "investigation"

// StaffOnly reports whether only the certification body's staff may see
// attachments of this purpose.
func (p Purpose) StaffOnly() bool { return p == PurposeInvestigation }

// Purposes lists every purpose in the order the upload form offers them.
var Purposes = []Purpose{PurposeEvidence, PurposeWebEvidence, PurposeExistence, PurposeTranslation,
	PurposeResponsibility, PurposeOutsourcee}

// Valid reports whether p is one of Purposes.
func (p Purpose) Valid() bool {
	for _, x := range Purposes {
		if x == p {
			return true
		}
	}
	return false
}

// SupportsItems reports whether attachments of this purpose back Form B answers.
func (p Purpose) SupportsItems() bool {
	return p == PurposeEvidence || p == PurposeWebEvidence || p == PurposeOutsourcee
}

// Attachment is an uploaded file of an application. The file itself lives
// in the blob store under BlobKey; it is served only to the provider's own
// users and the certification body's staff, and never published.
type Attachment struct {
	ID            int64     `json:"id"`
	ApplicationID int64     `json:"application_id"`
	Purpose       Purpose   `json:"purpose"`
	BlobKey       string    `json:"-"`
	FileName      string    `json:"file_name"`
	MediaType     string    `json:"media_type"`
	Size          int64     `json:"size"`
	SHA256        string    `json:"sha256"`
	SourceURL     string    `json:"source_url,omitempty"`  // web evidence
	CapturedOn    string    `json:"captured_on,omitempty"` // web evidence, YYYY-MM-DD
	Original      bool      `json:"original"`              // proof of existence: original (first service) or copy
	ItemIDs       []string  `json:"item_ids"`
	UploadedBy    int64     `json:"uploaded_by"`
	UploadedAt    time.Time `json:"uploaded_at"`
	// DisposedAt is when the file was returned or destroyed; its
	// content is gone from the evidence store, the record stays.
	DisposedAt *time.Time `json:"disposed_at,omitempty"`
}
