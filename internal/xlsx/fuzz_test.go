package xlsx

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"nintei/catalog"
)

// TestMain limits fuzz minimisation unless -fuzzminimizetime is given. Go minimises every
// input that finds new coverage for up to 60 s, and for a zip of kilobytes that always
// takes the whole budget: a 30 s run would spend it minimising one input. Inputs found are
// kept unminimised instead.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.fuzzminimizetime" })
	if !set {
		if err := flag.Set("test.fuzzminimizetime", "1x"); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}

// FuzzImport: whatever the bytes, Import returns either a form or an *ImportError whose
// problems all have a code and messages, and never panics. Every imported answer has only
// completeness problems left (the rest would have been errors).
func FuzzImport(f *testing.F) {
	ed := allTypesEdition(f)
	good, err := os.ReadFile(goodWorkbook)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(edit(f, good, func(x *excelize.File) { must(f, x.SetCellStr(SheetForm, "H10", "昨日")) }))
	f.Add(edit(f, good, func(x *excelize.File) { must(f, x.RemoveRow(SheetForm, 12)) }))
	f.Add(zipOf(f, xlsxSkeleton...))
	f.Add([]byte("%PDF-1.4\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Import(bytes.NewReader(data), int64(len(data)), ed)
		if err != nil {
			checkImportError(t, res, err)
			return
		}
		for id, e := range res.Form {
			it, ok := ed.Item(id)
			if !ok {
				t.Fatalf("entry for unknown item %s", id)
			}
			for _, p := range it.ValidateAnswer(e.Answer) {
				if !completenessCodes[p.Code] {
					t.Fatalf("%s: imported an answer with problem %v", id, p)
				}
			}
		}
	})
}

func checkImportError(t *testing.T, res Result, err error) {
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) == 0 {
		t.Fatalf("got %T %v, want *ImportError with problems", err, err)
	}
	for _, p := range ie.Problems {
		if p.Code == "" || !testMsgs.Has(p.MessageKey()) || messageJA(p) == "" {
			t.Fatalf("incomplete problem %+v", p)
		}
	}
	if res.Form != nil {
		t.Fatalf("got a form with an error")
	}
}

// FuzzCellRoundTrip: reading cell text is stable. Whatever the applicant types into an
// item's cells, if Import accepts the answer, writing it out again and re-reading it gives
// the same answer, so an export after an import never changes what the applicant wrote.
func FuzzCellRoundTrip(f *testing.F) {
	ed := allTypesEdition(f)
	for k, it := range ed.Items {
		c := toCells(it, validAnswer(it))
		f.Add(uint8(k), c.main, c.extra, c.period)
	}
	f.Add(uint8(17), "A｜B｜C\n｜\n ｜x", "", "")
	f.Add(uint8(18), "携帯｜090\nTEL｜\n｜x｜y｜z", "", "")
	f.Fuzz(func(t *testing.T, k uint8, main, extra, period string) {
		if !utf8.ValidString(main + extra + period) {
			t.Skip("cells hold valid UTF-8: the XML decoder rejects anything else")
		}
		it := ed.Items[int(k)%len(ed.Items)]
		ignore := func(string, string, string, ...string) {}
		first := fromCells(it, answerCells{clean(main), clean(extra), clean(period)}, false, ignore)
		if !importable(it, first) {
			t.Skip("Import refuses this answer, so it is never exported again")
		}
		c := toCells(it, first)
		second := fromCells(it, answerCells{clean(c.main), clean(c.extra), clean(c.period)}, false, ignore)
		if !reflect.DeepEqual(first, second) {
			t.Fatalf("%s: read %+v, re-read %+v", it.ID, first, second)
		}
	})
}

// importable reports whether Import would accept the answer: it may only have
// completeness problems.
func importable(it catalog.Item, a catalog.Answer) bool {
	for _, p := range it.ValidateAnswer(a) {
		if !completenessCodes[p.Code] {
			return false
		}
	}
	return true
}

// clean prepares cell text the way importer.text does.
func clean(s string) string { return cellText(s) }

// FuzzSheetXML mutates the XML of the 申請書B sheet inside a good workbook, which reaches
// excelize's sheet parsing and the structure and cell checks far more often than byte
// mutations of the zip do. Same invariants as FuzzImport.
func FuzzSheetXML(f *testing.F) {
	ed := allTypesEdition(f)
	good, err := os.ReadFile(goodWorkbook)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(`<c r="H10" s="8"><f>DATE(2024,4,1)</f></c>`)
	f.Add(`<c r="H10" t="e"><v>#N/A</v></c><c r="A12" t="inlineStr"><is><t>IPIOT-1</t></is></c>`)
	f.Add(`<c r="H10" t="b"><v>1</v></c><c r="XFD1048576"><v>1</v></c>`)
	f.Fuzz(func(t *testing.T, cells string) {
		data := patchMember(t, good, formSheetPart, func(s string) string {
			// The fuzzed cells replace row 10 (T-date), keeping the rest of the sheet.
			start, end := strings.Index(s, `<row r="10"`), strings.Index(s, `<row r="11"`)
			if start < 0 || end < start {
				t.Fatal("row 10 not found")
			}
			return s[:start] + `<row r="10">` + cells + `</row>` + s[end:]
		})
		res, err := Import(bytes.NewReader(data), int64(len(data)), ed)
		if err != nil {
			checkImportError(t, res, err)
		}
	})
}
