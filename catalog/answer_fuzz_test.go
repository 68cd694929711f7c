package catalog

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// allTypesFile is a small edition with one item of every answer type (the xlsx tests'
// fixture, read from there so that it is kept in one place).
const allTypesFile = "../internal/xlsx/testdata/all-types.yaml"

// FuzzAnswer feeds arbitrary answers of every answer type, as the form decoders and the
// workbook import hand them over, to Normalize and ValidateAnswer: neither may panic,
// normalising twice changes nothing (what is stored reads back the same), every problem
// has a code and messages in both languages, and an answer accepted without problems
// has the shape its type promises (a date parses, a corporate number's check digit is
// right, an option is one of the item's options).
func FuzzAnswer(f *testing.F) {
	data, err := os.ReadFile(allTypesFile)
	if err != nil {
		f.Fatal(err)
	}
	ed, err := Parse(data)
	if err != nil {
		f.Fatal(err)
	}
	for k := range ed.Items {
		f.Add(uint8(k), "", "", "", "", int8(-1), "", "", "")
	}
	f.Add(uint8(0), "２０２４－０４－０１", "", "", "", int8(-1), "", "", "")
	f.Add(uint8(0), "2024-02-30", "", "", "", int8(-1), "", "", "")
	f.Add(uint8(1), "2019-13", "", "", "", int8(-1), "", "", "")
	f.Add(uint8(2), " 株式会社<script>alert(1)</script> ", "", "", "", int8(-1), "", "", "")
	f.Add(uint8(4), "javascript:alert(1)", "", "", "", int8(-1), "", "", "")
	f.Add(uint8(5), "７０００－０１２０－５０００２", "", "", "", int8(-1), "", "", "")
	f.Add(uint8(6), "1,200", "名", "", "", int8(-1), "", "", "")
	f.Add(uint8(8), "△16,859,430", "千円", "2022年12月期", "", int8(-1), "", "", "")
	// Regression: Normalize removed one "%" a time, so normalising "99.95 %%" twice
	// changed it again.
	f.Add(uint8(10), "99.95 %%", "", "", "", int8(-1), "", "", "")
	f.Add(uint8(10), "1e308", "", "", "", int8(-1), "", "", "")
	f.Add(uint8(10), "NaN", "", "", "", int8(-1), "", "", "")
	f.Add(uint8(11), "12", "month", "", "", int8(-1), "", "", "")
	f.Add(uint8(13), "", "", "", "方法: 電子メール", int8(1), "", "", "")
	f.Add(uint8(13), "", "", "", "detail without yes", int8(-1), "", "", "")
	f.Add(uint8(16), "", "", "", "", int8(-1), "ISMS\n\nb\nISMS\n\nb\na", "", "")
	f.Add(uint8(17), "", "", "", "", int8(-1), "", "name=A\tratio=10\n\nx=y", "")
	f.Add(uint8(18), "", "", "", "", int8(-1), "", "", "phone\t０３－１２３４－５６７８\t平日\nemail\tnot-an-address\t\nfax\t\t")
	f.Fuzz(func(t *testing.T, k uint8, value, unit, period, detail string, yes int8, choices, rows, contacts string) {
		it := ed.Items[int(k)%len(ed.Items)]
		a := Answer{Value: value, Unit: unit, Period: period, Detail: detail,
			Choices: splitLines(choices), Rows: parseRows(rows), Contacts: parseContacts(contacts)}
		if yes >= 0 {
			b := yes > 0
			a.Yes = &b
		}
		n := it.Normalize(a)
		if again := it.Normalize(n); !reflect.DeepEqual(again, n) {
			t.Fatalf("%s (%s): Normalize not idempotent:\n once  %#v\n twice %#v", it.ID, it.Answer.Type, n, again)
		}
		problems := it.ValidateAnswer(a)
		if got := it.ValidateAnswer(n); !reflect.DeepEqual(got, problems) {
			t.Fatalf("%s: problems of the answer %v differ from those of its normal form %v", it.ID, problems, got)
		}
		for _, p := range problems {
			if !slices.Contains(codes, p.Code) || p.Line != 0 {
				t.Fatalf("%s: incomplete problem %+v", it.ID, p)
			}
		}
		_ = it.IsAnswered(n)
		if len(problems) == 0 && it.IsAnswered(n) {
			checkAccepted(t, it, n)
		}
	})
}

// checkAccepted checks what a problem-free answer promises about its value.
func checkAccepted(t *testing.T, it Item, a Answer) {
	t.Helper()
	switch it.Answer.Type {
	case TypeCorporateNumber:
		if !ValidCorporateNumber(a.Value) || len(a.Value) != corporateNumberLen {
			t.Fatalf("%s: accepted corporate number %q", it.ID, a.Value)
		}
	case TypeChoice:
		if !contains(it.Answer.Options, a.Value) {
			t.Fatalf("%s: accepted option %q", it.ID, a.Value)
		}
	case TypeMultiChoice:
		for _, c := range a.Choices {
			if strings.TrimSpace(c) != "" && !contains(it.Answer.Options, c) {
				t.Fatalf("%s: accepted option %q", it.ID, c)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// parseRows reads list rows, one a line, as tab-separated field=value pairs.
func parseRows(s string) []map[string]string {
	var rows []map[string]string
	for _, line := range splitLines(s) {
		row := map[string]string{}
		for _, pair := range strings.Split(line, "\t") {
			k, v, _ := strings.Cut(pair, "=")
			row[k] = v
		}
		rows = append(rows, row)
	}
	return rows
}

// parseContacts reads contacts, one a line, as kind, value and hours separated by tabs.
func parseContacts(s string) []Contact {
	var cs []Contact
	for _, line := range splitLines(s) {
		parts := append(strings.SplitN(line, "\t", 3), "", "")
		cs = append(cs, Contact{Kind: parts[0], Value: parts[1], Hours: parts[2]})
	}
	return cs
}
