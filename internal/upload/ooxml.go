package upload

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// The main-part content types that make a zip an xlsx or a docx, and those of
// their macro-enabled siblings, which are refused.
const (
	xlsxMainType      = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
	docxMainType      = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	xlsmMainType      = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
	docmMainType      = "application/vnd.ms-word.document.macroEnabled.main+xml"
	contentTypesPart  = "[content_types].xml"
	vbaProjectPart    = "vbaproject.bin"
	maxContentTypes   = 1 << 20 // a real [Content_Types].xml is a few KB
	zipFlagEncryption = 0x1
)

// contentTypes is the part of [Content_Types].xml that matters here.
type contentTypes struct {
	XMLName   xml.Name `xml:"Types"`
	Overrides []struct {
		PartName    string `xml:"PartName,attr"`
		ContentType string `xml:"ContentType,attr"`
	} `xml:"Override"`
}

// sniffOOXML tells an xlsx from a docx by the zip's [Content_Types].xml: the
// package must declare the workbook (or document) main part, and that part
// must be in the zip. Only the directory and that one small part are read,
// never the whole file.
func sniffOOXML(r io.ReaderAt, size int64) (Kind, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return "", refuse(ErrCorruptZip, err)
	}
	parts := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		if f.Flags&zipFlagEncryption != 0 {
			return "", refuse(ErrEncrypted, nil)
		}
		// Part names in a package are case-insensitive (ECMA-376 Part 2).
		parts[strings.ToLower(f.Name)] = f
	}
	ct, ok := parts[contentTypesPart]
	if !ok {
		return "", refuse(ErrTypeNotAllowed, errors.New("a zip without [Content_Types].xml"))
	}
	types, err := readContentTypes(ct)
	if err != nil {
		return "", err
	}
	return officeKind(types, parts)
}

// readContentTypes reads and parses [Content_Types].xml, at most
// maxContentTypes bytes of it, so a zip bomb in that part costs nothing.
func readContentTypes(f *zip.File) (contentTypes, error) {
	var types contentTypes
	rc, err := f.Open()
	if err != nil {
		return types, refuse(ErrCorruptZip, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxContentTypes+1))
	if err != nil {
		return types, refuse(ErrCorruptZip, err)
	}
	if len(b) > maxContentTypes {
		return types, refuse(ErrCorruptZip, errors.New("[Content_Types].xml too large"))
	}
	if err := xml.Unmarshal(b, &types); err != nil {
		return types, refuse(ErrCorruptZip, err)
	}
	return types, nil
}

// officeKind decides from the declared main parts. A package with macros is
// refused even if it also declares a plain main part; one that declares both
// a workbook and a document, or neither (pptx, odt, a zip of anything), is not
// a type nintei accepts.
func officeKind(types contentTypes, parts map[string]*zip.File) (Kind, error) {
	var isXLSX, isDOCX bool
	for _, o := range types.Overrides {
		_, present := parts[strings.ToLower(strings.TrimPrefix(o.PartName, "/"))]
		switch o.ContentType {
		case xlsmMainType, docmMainType:
			return "", refuse(ErrMacro, nil)
		case xlsxMainType:
			isXLSX = isXLSX || present
		case docxMainType:
			isDOCX = isDOCX || present
		}
	}
	if hasVBAProject(parts) {
		return "", refuse(ErrMacro, nil)
	}
	switch {
	case isXLSX && !isDOCX:
		return XLSX, nil
	case isDOCX && !isXLSX:
		return DOCX, nil
	}
	return "", refuse(ErrTypeNotAllowed, errors.New("a zip that is neither an xlsx nor a docx"))
}

// hasVBAProject finds a macro project wherever it hides (xl/vbaProject.bin,
// word/vbaProject.bin), whatever the content types say.
func hasVBAProject(parts map[string]*zip.File) bool {
	for name := range parts {
		if name == vbaProjectPart || strings.HasSuffix(name, "/"+vbaProjectPart) {
			return true
		}
	}
	return false
}
