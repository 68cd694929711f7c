package upload

import (
	"errors"

	"nintei"
)

// Error is a refused upload. Code is stable: logs and tests match on it,
// and it is never renamed, only added to; "error." + Code is the key of
// its message (see MessageKey), which the edges render. Ext and Kind fill
// in the extension-mismatch message; Err keeps an internal cause (a zip
// error) for the log only.
type Error struct {
	Code string
	Ext  string // the extension the name claimed, e.g. ".png"
	Kind Kind   // the type the content turned out to be
	Err  error
}

// The refusals. Match them with errors.Is: an *Error matches any of these
// with the same Code, whatever its other fields.
var (
	ErrEmpty             = &Error{Code: "upload.empty"}
	ErrTypeNotAllowed    = &Error{Code: "upload.type_not_allowed"}
	ErrExtensionMismatch = &Error{Code: "upload.extension_mismatch"}
	ErrCorrupt           = &Error{Code: "upload.corrupt"}
	ErrCorruptZip        = &Error{Code: "upload.corrupt_zip"}
	ErrEncrypted         = &Error{Code: "upload.encrypted"}
	ErrLegacyOffice      = &Error{Code: "upload.legacy_office"}
	ErrMacro             = &Error{Code: "upload.macro"}
)

// ErrZipNeedsFile is what Sniff returns for a zip: whether it is an xlsx, a
// docx or neither is written in its directory at the end of the file, so only
// SniffFile can tell. It is a signal to the caller, not a refusal.
var ErrZipNeedsFile = errors.New("upload: a zip container: SniffFile must decide")

// sentinels are the refusals, for Codes.
var sentinels = []*Error{ErrEmpty, ErrTypeNotAllowed, ErrExtensionMismatch, ErrCorrupt, ErrCorruptZip,
	ErrEncrypted, ErrLegacyOffice, ErrMacro}

// Codes returns the message key of every refusal (see MessageKey), so that the message
// catalog can be checked to hold them all.
func Codes() []string {
	keys := make([]string, len(sentinels))
	for i, e := range sentinels {
		keys[i] = e.MessageKey()
	}
	return keys
}

// Error gives the code and details, in English, for the log.
func (e *Error) Error() string {
	msg := "upload: " + e.Code
	if e.Ext != "" || e.Kind != "" {
		msg += " (extension " + e.Ext + ", content " + e.Kind.Label() + ")"
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Is matches another *Error by Code, so that errors.Is(err, ErrEmpty) works
// for every refusal of that kind.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Unwrap exposes the cause and a nintei.Error of kind invalid with the key
// "error." + Code, so that a handler may return a refusal as it is: the web
// layer answers 400 with the translated message.
func (e *Error) Unwrap() []error {
	ne := &nintei.Error{Kind: nintei.KindInvalid, Key: e.MessageKey(), Args: e.MessageArgs()}
	if e.Err == nil {
		return []error{ne}
	}
	return []error{ne, e.Err}
}

// MessageKey is the key of the refusal's message in the message catalog
// (internal/i18n): "error." + Code. This package carries no sentence.
func (e *Error) MessageKey() string { return "error." + e.Code }

// MessageArgs are the values for the message: {Ext} and {Kind}.
func (e *Error) MessageArgs() map[string]any {
	return map[string]any{"Ext": e.Ext, "Kind": e.Kind.Label()}
}

// refuse returns a refusal of the given sentinel's code with an internal cause.
func refuse(sentinel *Error, cause error) *Error {
	return &Error{Code: sentinel.Code, Err: cause}
}
