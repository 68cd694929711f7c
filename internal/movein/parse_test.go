package movein

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"nintei/certification"
	"nintei/civil"
	"nintei/internal/i18n"
)

var opts = Options{Prefixes: []string{"IP-IoT"}, Today: civil.MustParse("2026-11-27")}

const head = "number,service_name,provider_name,corporate_number,certified_on,valid_until,renewals,status,revoked_on,revocation_grounds,revocation_reason,form_b\n"

// places lists the problems as "row column key", for comparing.
func places(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, strings.Join(slices.DeleteFunc([]string{itoa(p.Row), p.Column, p.Key}, func(s string) bool { return s == "" }), " "))
	}
	return out
}

func itoa(n int) string { return fmt.Sprintf("%02d", n) }

// A well-written file reads as issued: BOM, full-width number, days written
// the Japanese way, grounds sorted, quoted cells with commas and line breaks.
func TestParseReadsRowsAsIssued_R8_4(t *testing.T) {
	csv := "\uFEFF" + head +
		"ＩＰ－ＩｏＴ　００４２－２３１１,\"サービス, A\",株式会社移行,7000012050002,2023年11月1日,2027/10/31,1,valid,,,,formb/a.xlsx\n" +
		"\n" +
		"IP-IoT 0043-2502,B,株式会社移行,7000012050002,2025-02-01,2027-01-31,0,REVOKED,2026-03-01,\"f, a\",\"理由\n二行目\",b.xlsx\n"
	rows, ps := Parse("certifications.csv", strings.NewReader(csv), opts)
	if len(ps) != 0 || len(rows) != 2 {
		t.Fatalf("rows %d, problems %v", len(rows), places(ps))
	}
	r := rows[0]
	if r.Line != 2 || r.Number != "IP-IoT 0042-2311" || r.Prefix != "IP-IoT" || r.Serial != 42 || r.ServiceName != "サービス, A" ||
		r.CertifiedOn.String() != "2023-11-01" || r.ValidUntil.String() != "2027-10-31" || r.Renewals != 1 || r.Status != certification.Valid {
		t.Errorf("row 2 = %+v", r)
	}
	r = rows[1]
	if r.Line != 4 || r.Status != certification.Revoked || !slices.Equal(r.Grounds, []string{"a", "f"}) || r.Reason != "理由\n二行目" {
		t.Errorf("row 4 = %+v", r)
	}
}

// Every problem is named by row and column, all at once.
func TestParseNamesEveryProblem(t *testing.T) {
	csv := head +
		"IP-IoT 0042-2312,A,株式会社移行,7000012050003,2023-11-01,2025-10-31,0,valid,,,,a.xlsx\n" + // month, check digit, no longer valid
		"IP-IoT 0042-2311,B,株式会社移行,7000012050002,2023-11-01,2027-10-31,x,expired,2026-01-01,,,../b.xlsx\n" +
		"XX 0001-2311,C,,7000012050002,2027-01-01,2026-01-01,0,revoked,,z,,c.xlsx\n" +
		"IP-IoT 0042-2311,D,別の名前,7000012050002,2023-11-01,2027-10-31,0,valid,,,,d.xlsx\n" +
		"only,three,cells\n"
	_, ps := Parse("certifications.csv", strings.NewReader(csv), opts)
	want := []string{
		"02 number movein.cell.number_month", "02 corporate_number movein.cell.corporate_number", "02 status movein.cell.no_longer_valid",
		"03 number movein.cell.serial_twice", "03 renewals movein.cell.renewals", "03 status movein.cell.still_valid", "03 revoked_on movein.cell.not_revoked", "03 form_b movein.cell.path",
		"04 provider_name movein.cell.required", "04 certified_on movein.cell.date_future", "04 number movein.cell.number",
		"04 valid_until movein.cell.date_order", "04 revoked_on movein.cell.required", "04 revocation_grounds movein.cell.grounds",
		"04 revocation_reason movein.cell.required",
		"05 number movein.cell.number_twice", "05 provider_name movein.cell.provider_name",
		"06 movein.row.shape",
	}
	got := places(ps)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("problems\n got %v\nwant %v", got, want)
	}
}

func TestParseRefusesTheHeader(t *testing.T) {
	_, ps := Parse("c.csv", strings.NewReader("number,service_name,colour,number\n"), opts)
	got := places(ps)
	for _, w := range []string{"01 colour movein.column.unknown", "01 number movein.column.twice", "01 status movein.column.missing"} {
		if !slices.Contains(got, w) {
			t.Errorf("missing %q in %v", w, got)
		}
	}
	if _, ps := Parse("c.csv", strings.NewReader("\xff\xfe"), opts); len(ps) != 1 || ps[0].Key != CodeNotUTF8 {
		t.Errorf("not UTF-8: %v", places(ps))
	}
	if _, ps := Parse("c.csv", strings.NewReader(head), opts); len(ps) != 1 || ps[0].Key != CodeNoRows {
		t.Errorf("no rows: %v", places(ps))
	}
}

// Every code has its message in both languages.
func TestEveryCodeHasAMessage(t *testing.T) {
	c := i18n.MustLoad()
	for _, k := range Codes() {
		if !c.Has(k) {
			t.Errorf("%s has no message", k)
		}
	}
}
