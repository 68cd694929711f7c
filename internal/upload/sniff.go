package upload

import (
	"bytes"
	"errors"
	"fmt"
	"image/jpeg"
	"image/png"
	"io"
)

// HeadSize is how much of the start of a file Sniff needs.
const HeadSize = 512

// Signatures at offset 0. Each must be at the very start: a PDF reader
// tolerates junk before "%PDF-", but accepting it would let an HTML page
// with a PDF further down pass as a PDF.
var (
	pdfMagic  = []byte("%PDF-")
	pngMagic  = []byte("\x89PNG\r\n\x1a\n")
	jpegMagic = []byte{0xFF, 0xD8, 0xFF}
	zipMagic  = []byte("PK\x03\x04")
	// oleMagic starts Compound File Binary documents: .doc, .xls, .ppt, and
	// also xlsx/docx once Office encrypts them with a password.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// zipContainer is what sniffHead says of a zip: not yet a Kind.
const zipContainer Kind = "zip"

// Sniff decides the kind of a file from its first bytes (HeadSize is enough)
// and checks that name does not claim another type. It is the cheap check
// to refuse most bad uploads before storing them. For a zip it returns
// ErrZipNeedsFile: SniffFile, on the whole file, must decide.
func Sniff(head []byte, name string) (Kind, error) {
	kind, err := sniffHead(head)
	if err != nil {
		return "", err
	}
	if kind == zipContainer {
		return "", ErrZipNeedsFile
	}
	return accept(kind, name)
}

// SniffFile decides the kind of the file of size bytes in r and checks that
// name does not claim another type. It is the check that counts: for a zip
// it reads the zip directory to tell xlsx from docx (and refuses other zips),
// and for an image it reads the header to refuse a damaged one. Errors are
// *Error refusals, or an internal error if r cannot be read.
func SniffFile(r io.ReaderAt, size int64, name string) (Kind, error) {
	if size <= 0 {
		return "", refuse(ErrEmpty, nil)
	}
	head := make([]byte, min(size, HeadSize))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("upload: reading the file: %w", err)
	}
	kind, err := sniffHead(head)
	switch {
	case err != nil:
	case kind == zipContainer:
		kind, err = sniffOOXML(r, size)
	case kind == PNG || kind == JPEG:
		err = checkImage(io.NewSectionReader(r, 0, size), kind)
	}
	if err != nil {
		return "", err
	}
	return accept(kind, name)
}

// accept returns kind unless name claims another type.
func accept(kind Kind, name string) (Kind, error) {
	if err := checkExtension(kind, name); err != nil {
		return "", err
	}
	return kind, nil
}

// sniffHead decides by signature. Everything without an accepted signature
// is refused, which covers HTML, SVG, scripts and executables without a list
// of them.
func sniffHead(head []byte) (Kind, error) {
	switch {
	case len(head) == 0:
		return "", refuse(ErrEmpty, nil)
	case bytes.HasPrefix(head, pdfMagic):
		return PDF, nil
	case bytes.HasPrefix(head, pngMagic):
		return PNG, nil
	case bytes.HasPrefix(head, jpegMagic):
		return JPEG, nil
	case bytes.HasPrefix(head, zipMagic):
		return zipContainer, nil
	case bytes.HasPrefix(head, oleMagic):
		return "", refuse(ErrLegacyOffice, nil)
	}
	return "", refuse(ErrTypeNotAllowed, nil)
}

// checkImage reads the image header: a file that starts like a PNG or JPEG
// but cannot be decoded is damaged, and would fail the reviewer later.
func checkImage(r io.Reader, kind Kind) error {
	var err error
	if kind == PNG {
		_, err = png.DecodeConfig(r)
	} else {
		_, err = jpeg.DecodeConfig(r)
	}
	if err != nil {
		return refuse(ErrCorrupt, err)
	}
	return nil
}
