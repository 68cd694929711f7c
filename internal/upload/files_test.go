package upload

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// Real, minimal files of every kind, built here so that no binary fixture
// hides what is being tested.

func pdfFile() []byte {
	return []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
		"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
}

func onePixel() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 1, 1))
	img.Set(0, 0, color.RGBA{R: 0xC0, A: 0xFF})
	return img
}

func pngFile(t testing.TB) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, onePixel()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegFile(t testing.TB) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, onePixel(), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// part is one entry of a zip, in order.
type part struct {
	name, body string
	flags      uint16 // raw zip flags; 0x1 marks the entry as encrypted
}

func zipFile(t testing.TB, parts ...part) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, p := range parts {
		if err := addEntry(w, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func addEntry(w *zip.Writer, p part) error {
	if p.flags != 0 {
		return rawEntry(w, p)
	}
	f, err := w.Create(p.name)
	if err == nil {
		_, err = f.Write([]byte(p.body))
	}
	return err
}

// rawEntry writes a stored entry with the given flags, as an encrypting
// archiver would leave it.
func rawEntry(w *zip.Writer, p part) error {
	f, err := w.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Store, Flags: p.flags,
		CompressedSize64: uint64(len(p.body)), UncompressedSize64: uint64(len(p.body))})
	if err == nil {
		_, err = f.Write([]byte(p.body))
	}
	return err
}

// contentTypesXML declares the given part names and content types, in pairs.
func contentTypesXML(pairs ...string) part {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	for i := 0; i+1 < len(pairs); i += 2 {
		fmt.Fprintf(&b, `<Override PartName="%s" ContentType="%s"/>`, pairs[i], pairs[i+1])
	}
	b.WriteString(`</Types>`)
	return part{name: "[Content_Types].xml", body: b.String()}
}

var rels = part{name: "_rels/.rels", body: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`}

func xlsxFile(t testing.TB) []byte {
	return zipFile(t, contentTypesXML("/xl/workbook.xml", xlsxMainType), rels,
		part{name: "xl/workbook.xml", body: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`})
}

func docxFile(t testing.TB) []byte {
	return zipFile(t, contentTypesXML("/word/document.xml", docxMainType), rels,
		part{name: "word/document.xml", body: `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`})
}
