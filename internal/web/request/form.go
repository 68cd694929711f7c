package request

import (
	"crypto/subtle"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"nintei/application"
	"nintei/service"
	"nintei/service/apply"
)

// RefuseUnstorable refuses a form with a NUL character or invalid UTF-8 in
// a name or value (see web.unstorableURL): nothing is saved from it.
func RefuseUnstorable(form url.Values) error {
	for k, vs := range form {
		if Unstorable(k) {
			return ErrBadForm
		}
		for _, v := range vs {
			if Unstorable(v) {
				return ErrBadForm
			}
		}
	}
	return nil
}

// Unstorable reports a NUL character or invalid UTF-8 in s.
func Unstorable(s string) bool { return strings.ContainsRune(s, 0) || !utf8.ValidString(s) }

// ParseForm reads a url-encoded or multipart form, mapping an oversized
// body to KindTooLarge and anything unreadable to a clear "malformed" error.
func ParseForm(r *http.Request) error {
	var err error
	if ct := r.Header.Get("Content-Type"); len(ct) >= 19 && ct[:19] == "multipart/form-data" {
		err = r.ParseMultipartForm(4 << 20) // #nosec G120 -- the body is already bounded by http.MaxBytesReader in Server.route (MaxBodyBytes/MaxUploadBytes)
	} else {
		err = r.ParseForm()
	}
	if err == nil {
		NormalizeWrittenDates(r.Form)
		NormalizeWrittenDates(r.PostForm)
		if r.MultipartForm != nil {
			NormalizeWrittenDates(r.MultipartForm.Value)
		}
		return RefuseUnstorable(r.Form)
	}
	var mbe *http.MaxBytesError
	if AsMaxBytes(err, &mbe) {
		return err
	}
	return ErrBadForm
}

// ValidCSRF compares a submitted token with the session's in constant time.
func ValidCSRF(got string, p *service.Principal) bool {
	if p == nil || p.SessionHash == "" {
		return p != nil
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(p.CSRFToken)) == 1
}

// IsMultipart reports a multipart/form-data body.
func IsMultipart(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
}

// IsAPI reports a request to the JSON API (its errors are JSON, not pages).
func IsAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// XLSXType is the media type of an Excel workbook (Form B).
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// NewAttachmentFrom is the attachment described by an upload form's
// fields, with the file's name and body.
func NewAttachmentFrom(f url.Values, name string, body io.Reader) apply.NewAttachment {
	return apply.NewAttachment{Purpose: application.Purpose(f.Get("purpose")), FileName: name, Body: body,
		SourceURL: strings.TrimSpace(f.Get("source_url")), CapturedOn: WrittenDate(strings.TrimSpace(f.Get("captured_on"))),
		Original: f.Get("original") == "1"}
}
