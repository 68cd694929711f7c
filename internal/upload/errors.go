package upload

import (
	"errors"
	"strings"

	"nintei"
)

// Error is a refused upload. Code is a stable message key: UIs show
// MessageJA or MessageEN, logs and tests match on it, and it is never
// renamed, only added to. Ext and Kind fill in the extension-mismatch
// message; Err keeps an internal cause (a zip error) for the log only.
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

// messages holds the Japanese and English text of every code. {Ext} and
// {Kind} are filled in from the Error, as the i18n catalog does.
var messages = map[string]struct{ ja, en string }{
	ErrEmpty.Code: {
		"ファイルが空です。内容のあるファイルを選んでください。",
		"The file is empty. Please choose a file with content."},
	ErrTypeNotAllowed.Code: {
		"この形式のファイルは受け付けていません。PDF、PNG、JPEG、Excel（.xlsx）、Word（.docx）のいずれかで提出してください。",
		"This type of file is not accepted. Please submit a PDF, PNG, JPEG, Excel (.xlsx) or Word (.docx) file."},
	ErrExtensionMismatch.Code: {
		"ファイル名の拡張子（{Ext}）と内容（{Kind}）が一致しません。正しいファイルを選んだか確認してください。",
		"The file name's extension ({Ext}) does not match its content ({Kind}). Please check that you chose the right file."},
	ErrCorrupt.Code: {
		"ファイルが壊れているため読み取れません。保存し直して提出してください。",
		"The file is damaged and cannot be read. Please save it again and resubmit."},
	ErrCorruptZip.Code: {
		"Excel・Word ファイルが壊れているため読み取れません。保存し直して提出してください。",
		"The Excel or Word file is damaged and cannot be read. Please save it again and resubmit."},
	ErrEncrypted.Code: {
		"パスワードで保護されたファイルは受け付けていません。保護を解除して提出してください。",
		"Password-protected files are not accepted. Please remove the protection and resubmit."},
	ErrLegacyOffice.Code: {
		"旧形式の Office ファイル（.doc・.xls）とパスワード付きの Office ファイルは受け付けていません。パスワードを解除し、.docx・.xlsx 形式で保存して提出してください。",
		"Old Office files (.doc, .xls) and password-protected Office files are not accepted. Please remove the password and save as .docx or .xlsx."},
	ErrMacro.Code: {
		"マクロを含むファイル（.xlsm・.docm など）は受け付けていません。マクロを含まない .xlsx・.docx 形式で保存して提出してください。",
		"Files with macros (.xlsm, .docm, …) are not accepted. Please save without macros as .xlsx or .docx."},
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
	ne := nintei.Errorf(nintei.KindInvalid, "error."+e.Code).With("Ext", e.Ext).With("Kind", e.Kind.Label())
	if e.Err == nil {
		return []error{ne}
	}
	return []error{ne, e.Err}
}

// MessageJA is the Japanese text for the applicant.
func (e *Error) MessageJA() string {
	m, ok := messages[e.Code]
	if !ok {
		return "ファイルを受け付けられません（" + e.Code + "）。"
	}
	return e.fill(m.ja)
}

// MessageEN is the English text for the applicant.
func (e *Error) MessageEN() string {
	m, ok := messages[e.Code]
	if !ok {
		return "The file cannot be accepted (" + e.Code + ")."
	}
	return e.fill(m.en)
}

func (e *Error) fill(msg string) string {
	return strings.NewReplacer("{Ext}", e.Ext, "{Kind}", e.Kind.Label()).Replace(msg)
}

// refuse returns a refusal of the given sentinel's code with an internal cause.
func refuse(sentinel *Error, cause error) *Error {
	return &Error{Code: sentinel.Code, Err: cause}
}
