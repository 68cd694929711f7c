package xlsx

import (
	"math"
	"regexp"
	"strconv"

	"github.com/xuri/excelize/v2"

	"nintei/catalog"
)

// Excel stores a date typed into a date-formatted cell (or computed by =DATE(…)) as a serial
// day number. The range is Excel's: 1 is 1900-01-01, 2958465 is 9999-12-31.
var serialNumber = regexp.MustCompile(`^\d+(\.\d+)?$`)

const maxExcelSerial = 2958465

// fromSerial turns an Excel date serial into YYYY-MM-DD (or YYYY-MM); other text is
// returned as it is.
func fromSerial(t catalog.AnswerType, s string, date1904 bool) string {
	if !serialNumber.MatchString(s) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > maxExcelSerial {
		return s
	}
	tm, err := excelize.ExcelDateToTime(math.Floor(f), date1904)
	if err != nil {
		return s
	}
	if t == catalog.TypeYearMonth {
		return tm.Format("2006-01")
	}
	return tm.Format("2006-01-02")
}

// Date shapes people type (after Normalize folded them to ASCII): 2024/4/1, 2024.4.1,
// 2024年4月1日, 2024/4, 2024年4月. They are rewritten to the catalog's YYYY-MM-DD / YYYY-MM.
var (
	looseDate      = regexp.MustCompile(`^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$`)
	looseYearMonth = regexp.MustCompile(`^(\d{4})[-/.年](\d{1,2})月?$`)
)

func canonicalDates(t catalog.AnswerType, a catalog.Answer) catalog.Answer {
	switch t {
	case catalog.TypeDate:
		if m := looseDate.FindStringSubmatch(a.Value); m != nil {
			a.Value = m[1] + "-" + pad2(m[2]) + "-" + pad2(m[3])
		}
	case catalog.TypeYearMonth:
		if m := looseYearMonth.FindStringSubmatch(a.Value); m != nil {
			a.Value = m[1] + "-" + pad2(m[2])
		}
	}
	return a
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
