package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits on uploaded workbooks. A Form B workbook of the shipped edition is about 30 KB with
// some 120 rows; the limits leave ample room for long answers while refusing, before any
// spreadsheet parsing, files that would take excelize seconds or gigabytes to open.
const (
	// MaxFileSize is the largest file accepted, in bytes.
	MaxFileSize = 10 << 20
	// MaxUncompressedSize bounds the total unpacked size of the zip members.
	MaxUncompressedSize = 48 << 20
	// MaxCompressionRatio bounds unpacked/packed size of any member larger than 1 MiB:
	// spreadsheet XML compresses about 10:1, a zip bomb of zeros about 1000:1.
	MaxCompressionRatio = 100
	// MaxZipEntries bounds the number of zip members (a workbook has a dozen or two).
	MaxZipEntries = 500
	// MaxSheets bounds the number of sheets.
	MaxSheets = 20
	// MaxRows bounds the rows of any one sheet: both the number of rows and the highest
	// row number.
	MaxRows = 2000
	// MaxCells bounds the cells of any one sheet, counting in each row every cell up to
	// its last one (excelize fills the gaps when it loads a sheet).
	MaxCells = 100_000
	// MaxSheetElements bounds the XML elements of any one sheet: cells, merged ranges,
	// validations and the like all take time to load.
	MaxSheetElements = 200_000
)

// ratioCheckFrom is the member size from which the compression ratio is checked; small
// members (styles, empty sheets) compress extremely well without being dangerous.
const ratioCheckFrom = 1 << 20

// limits are the limits of one import; tests shrink them to keep their inputs small.
type limits struct {
	fileSize, uncompressed int64
	ratio, entries, sheets int
	rows, cells, elements  int
}

var defaultLimits = limits{
	fileSize: MaxFileSize, uncompressed: MaxUncompressedSize, ratio: MaxCompressionRatio,
	entries: MaxZipEntries, sheets: MaxSheets, rows: MaxRows, cells: MaxCells,
	elements: MaxSheetElements,
}

// readLimited reads the upload into memory, refusing it as soon as it passes the size
// limit: a declared size over the limit is refused without reading at all. size is the
// length the caller was told (e.g. by the HTTP request), or negative when unknown.
func readLimited(r io.Reader, size int64, lim limits) ([]byte, *Problem) {
	if size > lim.fileSize {
		p := fileProblem(CodeFileTooLarge, formatBytes(lim.fileSize))
		return nil, &p
	}
	data, err := io.ReadAll(io.LimitReader(r, lim.fileSize+1))
	switch {
	case int64(len(data)) > lim.fileSize:
		p := fileProblem(CodeFileTooLarge, formatBytes(lim.fileSize))
		return nil, &p
	case err != nil || (size >= 0 && int64(len(data)) != size):
		p := fileProblem(CodeFileTruncated, fmt.Sprintf("%d / %d bytes", len(data), size))
		return nil, &p
	case len(data) == 0:
		p := fileProblem(CodeFileEmpty, "")
		return nil, &p
	}
	return data, nil
}

// File signatures of the usual wrong uploads.
var (
	sigPDF = []byte("%PDF")
	sigOLE = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, .doc, encrypted .xlsx
)

// openZip recognises what the upload is and opens it as a zip. It names PDFs and old Office
// files specifically because those are the likely mistakes.
func openZip(data []byte) (*zip.Reader, *Problem) {
	var p Problem
	switch {
	case bytes.HasPrefix(data, sigPDF):
		p = fileProblem(CodeFilePDF, "")
	case bytes.HasPrefix(data, sigOLE):
		p = fileProblem(CodeFileOLE, "")
	default:
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			return zr, nil
		}
		p = fileProblem(CodeFileNotZip, "")
	}
	return nil, &p
}

// checkZip refuses zip bombs and oversized archives from the sizes in the zip directory,
// before anything is unpacked. The declared sizes can be trusted as upper bounds because
// archive/zip fails a member that inflates past its declared size.
func checkZip(zr *zip.Reader, lim limits) []Problem {
	if len(zr.File) > lim.entries {
		return []Problem{fileProblem(CodeZipTooManyFiles, fmt.Sprintf("%d", len(zr.File)))}
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > uint64(lim.uncompressed) || total > uint64(lim.uncompressed) { // #nosec G115 -- lim.uncompressed is a positive constant of the package
			return []Problem{fileProblem(CodeZipTooLarge, formatBytes(lim.uncompressed))}
		}
		if f.UncompressedSize64 >= ratioCheckFrom &&
			f.UncompressedSize64/max(f.CompressedSize64, 1) > uint64(lim.ratio) { // #nosec G115 -- lim.ratio is a positive constant of the package
			return []Problem{fileProblem(CodeZipBomb, f.Name)}
		}
	}
	return nil
}

// checkKind makes sure the zip is a spreadsheet and says what it is otherwise (a renamed
// Word or PowerPoint file, an OpenDocument file, any other zip).
func checkKind(zr *zip.Reader) *Problem {
	if findMember(zr, "xl/workbook.xml") != nil && findMember(zr, "[Content_Types].xml") != nil {
		return nil
	}
	what := "ZIP ファイル / zip archive"
	switch {
	case findMember(zr, "word/document.xml") != nil:
		what = "Word 文書 / Word document"
	case findMember(zr, "ppt/presentation.xml") != nil:
		what = "PowerPoint / PowerPoint presentation"
	case findMember(zr, "mimetype") != nil:
		what = "OpenDocument"
	}
	p := fileProblem(CodeFileNotXLSX, what)
	return &p
}

// findMember returns the zip member with the given name, compared case-insensitively (as
// Office does) and with backslashes read as slashes.
func findMember(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(path.Clean(strings.ReplaceAll(f.Name, `\`, "/")), name) {
			return f
		}
	}
	return nil
}

func formatBytes(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
