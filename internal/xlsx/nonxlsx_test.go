package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// zipOf builds a zip archive with the given members, in order.
func zipOf(t testing.TB, members ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m[0])
		must(t, err)
		_, err = io.WriteString(w, m[1])
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// xlsxSkeleton are the members that make a zip look like a workbook to the kind check.
var xlsxSkeleton = [][2]string{
	{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
	{"xl/workbook.xml", `<?xml version="1.0"?><workbook><sheets><sheet name="申請書B" sheetId="1" r:id="rId1"/></sheets></workbook>`},
}

// zeroBomb builds a workbook-looking zip whose sheet member is n zero bytes, written in
// chunks so the test does not hold n bytes in memory.
func zeroBomb(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range xlsxSkeleton {
		w, err := zw.Create(m[0])
		must(t, err)
		_, err = io.WriteString(w, m[1])
		must(t, err)
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	must(t, err)
	chunk := make([]byte, 1<<20)
	for written := 0; written < n; written += len(chunk) {
		_, err := w.Write(chunk[:min(len(chunk), n-written)])
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// lyingSizes builds a zip whose sheet member declares 100 bytes but inflates to 1 MiB of
// valid XML: the declared sizes pass the checks, and reading must still stop.
func lyingSizes(t testing.TB) []byte {
	t.Helper()
	content := []byte("<worksheet>" + strings.Repeat(" ", 1<<20) + "</worksheet>")
	var packed bytes.Buffer
	fw, err := flate.NewWriter(&packed, flate.BestCompression)
	must(t, err)
	_, err = fw.Write(content)
	must(t, err)
	must(t, fw.Close())
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range xlsxSkeleton {
		w, err := zw.Create(m[0])
		must(t, err)
		_, err = io.WriteString(w, m[1])
		must(t, err)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(content),
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: 100,
	})
	must(t, err)
	_, err = w.Write(packed.Bytes())
	must(t, err)
	must(t, zw.Close())
	return buf.Bytes()
}

// workbookWith saves a new excelize workbook after fn has filled it.
func workbookWith(t testing.TB, fn func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fn(f)
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	must(t, err)
	return buf.Bytes()
}

// TestNotAFormBWorkbook: wrong files are refused with one clear file-level problem, before
// any sheet is parsed.
func TestNotAFormBWorkbook(t *testing.T) {
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range random {
		random[k] = byte(rng.Uint32())
	}
	cases := []struct {
		name, code string
		data       []byte
	}{
		{"empty file", CodeFileEmpty, nil},
		{"PDF", CodeFilePDF, []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")},
		{"old xls (OLE)", CodeFileOLE, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)},
		{"random bytes", CodeFileNotZip, random},
		{"text file", CodeFileNotZip, []byte("項目ID,申請内容\nIPIOT-001,2024-04-01\n")},
		{"zip that is not a workbook", CodeFileNotXLSX, zipOf(t, [2]string{"hello.txt", "hello"})},
		{"docx renamed", CodeFileNotXLSX, zipOf(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{"word/document.xml", "<w:document/>"})},
		{"zip bomb (ratio)", CodeZipBomb, zeroBomb(t, 2<<20)},
		{"zip bomb (unpacked size)", CodeZipTooLarge, zeroBomb(t, MaxUncompressedSize+1)},
		{"member larger than declared", CodeFileCorrupt, lyingSizes(t)},
		{"too many sheets", CodeTooManySheets, workbookWith(t, func(f *excelize.File) {
			for k := range MaxSheets {
				_, err := f.NewSheet("S" + strconv.Itoa(k))
				must(t, err)
			}
		})},
	}
	ed := shippedEdition(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importBytes(tc.data, ed)
			ps := problemsOf(t, err)
			if len(ps) != 1 || ps[0].Code != tc.code || !testMsgs.Has(ps[0].Code) {
				t.Errorf("got %v, want one %s problem", ps, tc.code)
			}
		})
	}
}

// TestSizeLimits: a declared size over the limit is refused without reading; an upload
// that turns out larger than the limit, or shorter than declared, is refused too.
func TestSizeLimits(t *testing.T) {
	ed := shippedEdition(t)
	_, err := Import(failingReader{t}, MaxFileSize+1, ed)
	if ps := problemsOf(t, err); ps[0].Code != CodeFileTooLarge {
		t.Errorf("declared too large: got %v", ps)
	}
	small := defaultLimits
	small.fileSize = 1000
	_, err = importWith(bytes.NewReader(make([]byte, 1001)), -1, ed, small)
	if ps := problemsOf(t, err); ps[0].Code != CodeFileTooLarge {
		t.Errorf("actually too large: got %v", ps)
	}
	_, err = Import(bytes.NewReader([]byte("PK")), 100, ed)
	if ps := problemsOf(t, err); ps[0].Code != CodeFileTruncated {
		t.Errorf("truncated: got %v", ps)
	}
}

type failingReader struct{ t *testing.T }

func (r failingReader) Read([]byte) (int, error) {
	r.t.Error("the body was read although its declared size is over the limit")
	return 0, io.EOF
}

// TestHundredThousandRows: a 100,000-row sheet is refused by streaming the sheet XML and
// stopping at MaxRows, not by parsing it. The time is logged; BenchmarkImport measures.
func TestHundredThousandRows(t *testing.T) {
	data := workbookWith(t, func(f *excelize.File) {
		sw, err := f.NewStreamWriter("Sheet1")
		must(t, err)
		for r := 1; r <= 100_000; r++ {
			must(t, sw.SetRow("A"+strconv.Itoa(r), []any{r, "IPIOT-001"}))
		}
		must(t, sw.Flush())
	})
	start := time.Now()
	_, err := importBytes(data, shippedEdition(t))
	t.Logf("refused a %d-byte, 100,000-row workbook in %v", len(data), time.Since(start))
	ps := problemsOf(t, err)
	if len(ps) != 1 || ps[0].Code != CodeTooManyRows || ps[0].Sheet != "Sheet1" {
		t.Errorf("got %v, want one %s problem on Sheet1", ps, CodeTooManyRows)
	}
}

// TestOtherWorkbook: an ordinary workbook is refused by its sheet names alone.
func TestOtherWorkbook(t *testing.T) {
	data := workbookWith(t, func(f *excelize.File) { must(t, f.SetCellStr("Sheet1", "A1", "hello")) })
	_, err := importBytes(data, shippedEdition(t))
	var codes []string
	for _, p := range problemsOf(t, err) {
		codes = append(codes, p.Code)
	}
	want := []string{CodeSheetMissing, CodeSheetMissing, CodeSheetMissing, CodeSheetUnexpected}
	if strings.Join(codes, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", codes, want)
	}
}

// TestFarAwayCells: excelize fills every row up to the highest row number and every row up
// to its last cell when it loads a sheet, so one far-away cell in a small file is measured
// as the grid it would become and refused before loading.
func TestFarAwayCells(t *testing.T) {
	good, err := os.ReadFile(goodWorkbook)
	must(t, err)
	var wide strings.Builder
	for r := 40; r < 47; r++ { // 7 rows reaching column XFD: 114,688 cells
		fmt.Fprintf(&wide, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
	}
	for code, rows := range map[string]string{
		CodeTooManyRows:  `<row r="1048576"><c r="A1048576"><v>1</v></c></row>`,
		CodeTooManyCells: wide.String(),
	} {
		data := patchMember(t, good, formSheetPart, func(s string) string {
			return strings.Replace(s, "</sheetData>", rows+"</sheetData>", 1)
		})
		_, err := importBytes(data, allTypesEdition(t))
		ps := problemsOf(t, err)
		if len(ps) != 1 || ps[0].Code != code || ps[0].Sheet != SheetForm {
			t.Errorf("got %v, want one %s problem on %s", ps, code, SheetForm)
		}
	}
}

// TestSheetTooComplex: the element count bounds what loading a sheet costs beyond its
// cells (merged ranges, validations …); shown here with a lowered limit.
func TestSheetTooComplex(t *testing.T) {
	good, err := os.ReadFile(goodWorkbook)
	must(t, err)
	lim := defaultLimits
	lim.elements = 500
	_, err = importWith(bytes.NewReader(good), int64(len(good)), allTypesEdition(t), lim)
	ps := problemsOf(t, err)
	if len(ps) == 0 || ps[0].Code != CodeSheetTooComplex || ps[0].Sheet != SheetForm {
		t.Errorf("got %v, want %s on %s first", ps, CodeSheetTooComplex, SheetForm)
	}
}
