package upload

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzSniffFile feeds arbitrary content and names, seeded with every test
// file. SniffFile must never panic, must refuse with an *Error that has a
// message, and must accept only content that starts like the kind it names.
func FuzzSniffFile(f *testing.F) {
	for _, tt := range append(sniffCases(f), zipCases(f)...) {
		f.Add(tt.data, tt.fileName)
	}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		kind, err := SniffFile(bytes.NewReader(data), int64(len(data)), name)
		if err != nil {
			var ue *Error
			if !errors.As(err, &ue) || !slices.Contains(Codes(), ue.MessageKey()) || kind != "" {
				t.Fatalf("got %q, %v; want a refusal with a message", kind, err)
			}
			return
		}
		if kind.MIME() == "" || !startsLike(data, kind) {
			t.Fatalf("accepted %q for content starting %q", kind, data[:min(len(data), 8)])
		}
		if fn := kind.FileName(name); extensionKinds[extension(fn)] != kind {
			t.Fatalf("FileName(%q) = %q, not a %s name", name, fn, kind)
		}
	})
}

func startsLike(data []byte, kind Kind) bool {
	magic := map[Kind][]byte{PDF: pdfMagic, PNG: pngMagic, JPEG: jpegMagic, XLSX: zipMagic, DOCX: zipMagic}[kind]
	return bytes.HasPrefix(data, magic)
}

// FuzzSanitizeName checks what every caller relies on: a short, valid,
// NFC, non-empty name with no separator, control or format character, that
// sanitising again leaves unchanged.
func FuzzSanitizeName(f *testing.F) {
	for _, s := range []string{"情報セキュリティ基本方針 第3版.pdf", "../../etc/passwd", `C:\a\b.pdf`,
		"CON.txt", "a\x00b", "\u202Efdp.exe", strings.Repeat("あ", 100) + ".pdf", "..", "", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := SanitizeName(in)
		switch {
		case got == "" || len(got) > MaxNameBytes:
			t.Fatalf("SanitizeName(%q) = %q: %d bytes", in, got, len(got))
		case !utf8.ValidString(got) || !norm.NFC.IsNormalString(got):
			t.Fatalf("SanitizeName(%q) = %q: not valid NFC UTF-8", in, got)
		case strings.ContainsAny(got, `/\`):
			t.Fatalf("SanitizeName(%q) = %q: has a separator", in, got)
		case strings.ContainsFunc(got, func(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }):
			t.Fatalf("SanitizeName(%q) = %q: has a control or format character", in, got)
		}
		if again := SanitizeName(got); again != got {
			t.Fatalf("SanitizeName(%q) = %q, but SanitizeName of that = %q", in, got, again)
		}
	})
}
