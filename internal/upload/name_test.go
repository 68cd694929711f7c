package upload

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestSanitizeName(t *testing.T) {
	nfd := norm.NFD.String("ファイル・ガイドライン.pdf")
	tests := []struct {
		name, in, want string
	}{
		{"Japanese name intact", "情報セキュリティ基本方針 第3版.pdf", "情報セキュリティ基本方針 第3版.pdf"},
		{"ideographic space kept", "申請書B　記入例.xlsx", "申請書B　記入例.xlsx"},
		{"macOS NFD to NFC", nfd, "ファイル・ガイドライン.pdf"},
		{"Unix traversal", "../../etc/passwd", "passwd"},
		{"Windows path", `C:\Users\山田\Desktop\申請書.docx`, "申請書.docx"},
		{"mixed separators", `a/b\c.pdf`, "c.pdf"},
		{"UNC path", `\\server\share\証明書.pdf`, "証明書.pdf"},
		{"trailing separator", "dir/", "file"},
		{"NUL", "report\x00.png.pdf", "report.png.pdf"},
		{"control characters", "a\x01b\x1bc\x7fd\u0085e.pdf", "abcd e.pdf"},
		{"right-to-left override", "invoice\u202Efdp.exe", "invoicefdp.exe"},
		{"zero-width and BOM", "\uFEFFpo\u200Blicy.pdf", "policy.pdf"},
		{"Windows-forbidden", `a<b>c:d"e|f?g*h.pdf`, "a_b_c_d_e_f_g_h.pdf"},
		{"whitespace collapsed", "  spaced   out\t\tname \n.pdf ", "spaced out name .pdf"},
		{"ideographic spaces trimmed", "\u3000全角\u3000\u3000名前\u3000", "全角\u3000名前"},
		{"leading dots", "...hidden.pdf", "hidden.pdf"},
		{"trailing dots and spaces", "trailing. . .", "trailing"},
		{"dot dot", "..", "file"},
		{"empty", "", "file"},
		{"only junk", "\x00\x01 . \u200B", "file"},
		{"invalid UTF-8", "a\xffb.pdf", "a\uFFFDb.pdf"},
		{"CON", "CON", "_CON"},
		{"con.pdf", "con.pdf", "_con.pdf"},
		{"COM1.tar.gz", "COM1.tar.gz", "_COM1.tar.gz"},
		{"LPT superscript", "LPT¹.pdf", "_LPT¹.pdf"},
		{"reserved with space", "NUL .pdf", "_NUL .pdf"},
		{"not reserved", "CONSOLE.pdf", "CONSOLE.pdf"},
		{"long Japanese keeps extension", strings.Repeat("あ", 100) + ".pdf", strings.Repeat("あ", 65) + ".pdf"},
		{"long ASCII keeps extension", strings.Repeat("a", 300) + ".xlsx", strings.Repeat("a", 195) + ".xlsx"},
		{"long ending is not an extension", strings.Repeat("a", 100) + "." + strings.Repeat("b", 150), strings.Repeat("a", 100) + "." + strings.Repeat("b", 99)},
		{"cut leaves no trailing space", strings.Repeat("a", 195) + " bbbbbbbbbbbb.pdf", strings.Repeat("a", 195) + ".pdf"},
		{"long reserved", "CON." + strings.Repeat("x", 300), "_CON." + strings.Repeat("x", 195)},
		{"emoji cut whole", strings.Repeat("😀", 60) + ".docx", strings.Repeat("😀", 48) + ".docx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SanitizeName(tt.in); got != tt.want {
				t.Errorf("SanitizeName(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFileName(t *testing.T) {
	tests := []struct {
		kind     Kind
		in, want string
	}{
		{PDF, "基本方針.pdf", "基本方針.pdf"},
		{PDF, "基本方針", "基本方針.pdf"},
		{PDF, "規程 Ver.1.2", "規程 Ver.1.2.pdf"},
		{JPEG, "scan.JPEG", "scan.JPEG"},
		{JPEG, "scan", "scan.jpg"},
		{XLSX, "", "file.xlsx"},
		{DOCX, strings.Repeat("文", 100), strings.Repeat("文", 65) + ".docx"},
	}
	for _, tt := range tests {
		if got := tt.kind.FileName(tt.in); got != tt.want {
			t.Errorf("%s.FileName(%q) = %q, want %q", tt.kind, tt.in, got, tt.want)
		}
	}
}
