package upload

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

// sniffCase is one upload: its content, the name it came with, and the
// verdict (a kind, or the refusal it must match).
type sniffCase struct {
	name     string
	data     []byte
	fileName string
	want     Kind
	wantErr  error
}

func sniffCases(t testing.TB) []sniffCase {
	pdf, png, jpg, xlsx, docx := pdfFile(), pngFile(t), jpegFile(t), xlsxFile(t), docxFile(t)
	return []sniffCase{
		{"PDF", pdf, "情報セキュリティ基本方針 第3版.pdf", PDF, nil},
		{"PNG", png, "構成図.png", PNG, nil},
		{"JPEG as .jpg", jpg, "登記事項証明書.jpg", JPEG, nil},
		{"JPEG as .JPEG", jpg, "scan.JPEG", JPEG, nil},
		{"xlsx", xlsx, "運用実績.xlsx", XLSX, nil},
		{"docx", docx, "規程.docx", DOCX, nil},
		{"upper-case extension", pdf, "POLICY.PDF", PDF, nil},
		{"no extension", pdf, "基本方針", PDF, nil},
		{"unknown ending", pdf, "規程 Ver.1.2", PDF, nil},
		{"path in name", pdf, `C:\Users\yamada\方針.pdf`, PDF, nil},
		{"PNG with HTML appended", append(png, "<html><script>alert(1)</script></html>"...), "図.png", PNG, nil},

		{"PDF named .png", pdf, "x.png", "", ErrExtensionMismatch},
		{"PNG named .jpg", png, "x.jpg", "", ErrExtensionMismatch},
		{"docx named .xlsx", docx, "x.xlsx", "", ErrExtensionMismatch},
		{"xlsx named .zip", xlsx, "x.zip", "", ErrExtensionMismatch},
		{"PDF named .html", pdf, "x.html", "", ErrExtensionMismatch},
		{"PDF named .pdf.exe", pdf, "x.pdf.exe", "", ErrExtensionMismatch},

		{"empty", nil, "x.pdf", "", ErrEmpty},
		{"HTML named .pdf", []byte("<!DOCTYPE html><html><body>%PDF-1.4</body></html>"), "x.pdf", "", ErrTypeNotAllowed},
		{"PDF signature not at start", []byte("<html>\n%PDF-1.4\n"), "x.pdf", "", ErrTypeNotAllowed},
		{"SVG", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "x.png", "", ErrTypeNotAllowed},
		{"shell script", []byte("#!/bin/sh\nrm -rf /\n"), "x.pdf", "", ErrTypeNotAllowed},
		{"Windows executable", append([]byte("MZ\x90\x00\x03"), make([]byte, 100)...), "x.pdf", "", ErrTypeNotAllowed},
		{"ELF executable", []byte("\x7fELF\x02\x01\x01"), "x", "", ErrTypeNotAllowed},
		{"plain text", []byte("これはテキストです"), "x.pdf", "", ErrTypeNotAllowed},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00"), "x.png", "", ErrTypeNotAllowed},
		{"BOM before PDF", []byte("\xEF\xBB\xBF%PDF-1.4"), "x.pdf", "", ErrTypeNotAllowed},
		{"OLE (.doc, .xls, encrypted Office)", append(append([]byte{}, oleMagic...), make([]byte, 504)...), "x.doc", "", ErrLegacyOffice},
		{"damaged PNG", append(append([]byte{}, pngMagic...), "junk"...), "x.png", "", ErrCorrupt},
		{"damaged JPEG", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 1}, "x.jpg", "", ErrCorrupt},
	}
}

func zipCases(t testing.TB) []sniffCase {
	xlsx := xlsxFile(t)
	workbook := part{name: "xl/workbook.xml", body: "<workbook/>"}
	document := part{name: "word/document.xml", body: "<document/>"}
	return []sniffCase{
		{"plain zip", zipFile(t, part{name: "a.txt", body: "a"}), "x.zip", "", ErrTypeNotAllowed},
		{"plain zip named .xlsx", zipFile(t, part{name: "xl/workbook.xml", body: "a"}), "x.xlsx", "", ErrTypeNotAllowed},
		{"workbook declared but missing", zipFile(t, contentTypesXML("/xl/workbook.xml", xlsxMainType)), "x.xlsx", "", ErrTypeNotAllowed},
		{"both workbook and document", zipFile(t, contentTypesXML("/xl/workbook.xml", xlsxMainType, "/word/document.xml", docxMainType), workbook, document), "x.xlsx", "", ErrTypeNotAllowed},
		{"pptx", zipFile(t, contentTypesXML("/ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"), part{name: "ppt/presentation.xml", body: "<p/>"}), "x.pptx", "", ErrTypeNotAllowed},
		{"xlsm", zipFile(t, contentTypesXML("/xl/workbook.xml", xlsmMainType), workbook), "x.xlsx", "", ErrMacro},
		{"docm", zipFile(t, contentTypesXML("/word/document.xml", docmMainType), document), "x.docx", "", ErrMacro},
		{"xlsx with a VBA project", zipFile(t, contentTypesXML("/xl/workbook.xml", xlsxMainType), workbook, part{name: "xl/vbaProject.bin", body: "vba"}), "x.xlsx", "", ErrMacro},
		{"encrypted entry", zipFile(t, contentTypesXML("/xl/workbook.xml", xlsxMainType), part{name: "xl/workbook.xml", body: "secret", flags: 0x1}), "x.xlsx", "", ErrEncrypted},
		{"truncated xlsx", xlsx[:len(xlsx)/2], "x.xlsx", "", ErrCorruptZip},
		{"zip signature and junk", []byte("PK\x03\x04 this is not a zip at all"), "x.xlsx", "", ErrCorruptZip},
		{"content types not XML", zipFile(t, part{name: "[Content_Types].xml", body: "<Types><Override"}, workbook), "x.xlsx", "", ErrCorruptZip},
		{"content types of another root", zipFile(t, part{name: "[Content_Types].xml", body: "<html/>"}, workbook), "x.xlsx", "", ErrCorruptZip},
		{"part names in other case", zipFile(t, contentTypesXML("/XL/Workbook.xml", xlsxMainType), part{name: "xl/workbook.xml", body: "<workbook/>"}), "x.xlsx", XLSX, nil},
	}
}

func TestSniffFile(t *testing.T) {
	for _, tt := range append(sniffCases(t), zipCases(t)...) {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SniffFile(bytes.NewReader(tt.data), int64(len(tt.data)), tt.fileName)
			checkVerdict(t, got, err, tt)
		})
	}
}

// TestSniff: the first bytes give the same verdict as the whole file, except
// that damaged image headers and zip directories are SniffFile's to read.
func TestSniff(t *testing.T) {
	for _, tt := range sniffCases(t) {
		head := tt.data[:min(len(tt.data), HeadSize)]
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff(head, tt.fileName)
			switch {
			case bytes.HasPrefix(head, zipMagic):
				if !errors.Is(err, ErrZipNeedsFile) {
					t.Errorf("got %q, %v; want ErrZipNeedsFile", got, err)
				}
			case errors.Is(tt.wantErr, ErrCorrupt):
				if err != nil {
					t.Errorf("got %v; a damaged header is SniffFile's to find", err)
				}
			default:
				checkVerdict(t, got, err, tt)
			}
		})
	}
}

func checkVerdict(t *testing.T, got Kind, err error, tt sniffCase) {
	t.Helper()
	if tt.wantErr == nil {
		if err != nil || got != tt.want {
			t.Errorf("got %q, %v; want %q", got, err, tt.want)
		}
		return
	}
	if !errors.Is(err, tt.wantErr) {
		t.Errorf("got %q, %v; want %v", got, err, tt.wantErr)
	}
	var ue *Error
	if !errors.As(err, &ue) || !slices.Contains(Codes(), ue.MessageKey()) {
		t.Errorf("error %v has no Japanese message", err)
	}
}

// countingReaderAt counts the bytes read through it.
type countingReaderAt struct {
	r *bytes.Reader
	n int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}

// TestSniffFileReadsOnlyTheDirectory: a 4-MiB workbook is recognised by
// reading its head, its zip directory and [Content_Types].xml only.
func TestSniffFileReadsOnlyTheDirectory(t *testing.T) {
	big := part{name: "xl/media/image1.png", body: strings.Repeat("x", 4<<20)}
	data := zipFile(t, contentTypesXML("/xl/workbook.xml", xlsxMainType), big, part{name: "xl/workbook.xml", body: "<workbook/>"})
	r := &countingReaderAt{r: bytes.NewReader(data)}
	if got, err := SniffFile(r, int64(len(data)), "x.xlsx"); err != nil || got != XLSX {
		t.Fatalf("got %q, %v", got, err)
	}
	if r.n > 64<<10 {
		t.Errorf("read %d bytes of a %d-byte file", r.n, len(data))
	}
}
