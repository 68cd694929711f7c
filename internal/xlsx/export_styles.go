package xlsx

import "github.com/xuri/excelize/v2"

// styles are the cell styles of one workbook. Input cells are the only unlocked ones and the
// only yellow ones, so what the applicant may fill is also what looks fillable.
type styles struct {
	title, label, value, note   int
	heading, body, id, category int
	input, fixed, unused        int
	guideHeading, guideText     int
}

// Colours: light yellow for input, light blue for category rows, grey for headings and
// cells that do not apply to a row's answer type.
const (
	colorInput    = "FFF9DB"
	colorCategory = "DDEBF7"
	colorHeading  = "D9D9D9"
	colorUnused   = "F2F2F2"
	colorIDText   = "808080"
)

// numFmtText is Excel's built-in "@" (text) format. Input cells use it so that Excel keeps
// what is typed: "99.9%" stays text instead of becoming 0.999, "0312345678" keeps its 0.
const numFmtText = 49

func newStyles(f *excelize.File) (*styles, error) {
	var st styles
	defs := []struct {
		dst *int
		s   excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.label, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: solid(colorHeading), Border: borders(), Alignment: topWrap()}},
		{&st.value, excelize.Style{Border: borders(), Alignment: topWrap()}},
		{&st.note, excelize.Style{Font: &excelize.Font{Color: "C00000"}, Alignment: topWrap()}},
		{&st.heading, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: solid(colorHeading), Border: borders(),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.body, excelize.Style{Border: borders(), Alignment: topWrap()}},
		{&st.id, excelize.Style{Font: &excelize.Font{Size: 8, Color: colorIDText}, Border: borders(), Alignment: topWrap()}},
		{&st.category, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: solid(colorCategory), Border: borders()}},
		{&st.input, excelize.Style{Fill: solid(colorInput), Border: borders(), Alignment: topWrap(),
			Protection: &excelize.Protection{Locked: false}, NumFmt: numFmtText}},
		{&st.fixed, excelize.Style{Fill: solid(colorUnused), Border: borders(), Alignment: topWrap()}},
		{&st.unused, excelize.Style{Fill: solid(colorUnused), Border: borders()}},
		{&st.guideHeading, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Alignment: topWrap()}},
		{&st.guideText, excelize.Style{Alignment: topWrap()}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, err
		}
		*d.dst = id
	}
	return &st, nil
}

func solid(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

func borders() []excelize.Border {
	out := make([]excelize.Border, 0, 4)
	for _, side := range []string{"left", "right", "top", "bottom"} {
		out = append(out, excelize.Border{Type: side, Color: "A6A6A6", Style: 1})
	}
	return out
}

func topWrap() *excelize.Alignment {
	return &excelize.Alignment{Vertical: "top", WrapText: true}
}
