package registry

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"nintei/civil"
)

// Statistics are the public registry's figures (/statistics): what the
// registry publishes, counted — never attachments, never a withheld answer.
type Statistics struct {
	AsOf     string         `json:"as_of"`    // the day the figures are for (YYYY-MM-DD)
	InForce  int            `json:"in_force"` // services in force that day
	Quarters []QuarterStats `json:"quarters"` // oldest first, every quarter from the first certification
	Bases    []BaseCount    `json:"bases"`    // services in force by base service
	Items    []ItemStats    `json:"items"`    // services in force by their published answer to chosen items
}

// QuarterStats are one calendar quarter's figures.
type QuarterStats struct {
	Quarter             string `json:"quarter"` // 2026-Q4
	Certified           int    `json:"certified"`
	CertifiedCumulative int    `json:"certified_cumulative"` // certified up to the quarter's end, whatever became of them
	Renewed             int    `json:"renewed"`
	Revoked             int    `json:"revoked"`
	Ended               int    `json:"ended"`     // expired, terminated or lapsed
	Decisions           int    `json:"decisions"` // certify decisions (first terms and renewals) counted for the median
	// MedianDays is the median of the days from submission to the certify
	// decision of the quarter's decisions; nil when there were none.
	MedianDays *float64 `json:"median_days_to_decision"`
}

// BaseCount is the number of services in force providing a base service.
type BaseCount struct {
	Base  string `json:"base"` // hardware, system, network, development
	Count int    `json:"count"`
}

// ItemStats counts the services in force by their published answer to one
// item of the current catalog edition: a choice item by option (in the
// catalog's order, then any other answer), a percentage item by band
// (PercentBand).
type ItemStats struct {
	ItemID  string        `json:"item_id"`
	NameJA  string        `json:"name_ja"`
	NameEN  string        `json:"name_en,omitempty"`
	Kind    string        `json:"kind"` // choice or percent (the catalog's answer type)
	Answers []AnswerCount `json:"answers"`
}

// AnswerCount is one answer (or bucket of answers) and how many services
// in force gave it.
type AnswerCount struct {
	Answer string `json:"answer"`
	Count  int    `json:"count"`
}

// Quarter names the calendar quarter of a day, 2026-Q4.
func Quarter(year, q int) string { return fmt.Sprintf("%04d-Q%d", year, q) }

// QuarterOf is the quarter of d.
func QuarterOf(d civil.Date) string { return Quarter(d.Year, (int(d.Month)+2)/3) }

// QuarterRange lists every quarter from first to last, both included.
func QuarterRange(first, last string) []string {
	var out []string
	y, q := parseQuarter(first)
	ly, lq := parseQuarter(last)
	for y < ly || (y == ly && q <= lq) {
		out = append(out, Quarter(y, q))
		if q++; q > 4 {
			y, q = y+1, 1
		}
	}
	return out
}

func parseQuarter(s string) (int, int) {
	y, q, _ := strings.Cut(s, "-Q")
	yi, _ := strconv.Atoi(y)
	qi, _ := strconv.Atoi(q)
	return yi, qi
}

// DaysToDecision is the whole days from a submission (a moment, counted in
// Japan's day) to the day of its decision.
func DaysToDecision(submitted time.Time, decided civil.Date) int {
	jst := time.FixedZone("JST", 9*60*60)
	s := civil.DateOf(submitted.In(jst))
	return int(decided.Time().Sub(s.Time()).Hours() / 24)
}

// Median is the middle of days (the mean of the two middle ones for an
// even count); nil for none.
func Median(days []int) *float64 {
	if len(days) == 0 {
		return nil
	}
	s := slices.Clone(days)
	slices.Sort(s)
	m := float64(s[len(s)/2])
	if len(s)%2 == 0 {
		m = float64(s[len(s)/2-1]+s[len(s)/2]) / 2
	}
	return &m
}

// PercentBands are the bands a percentage answer is counted in, highest
// first: fine near 100 % (availability targets cluster there: 99.99, 99.9,
// 99.5, 99), coarse below (90, 50), for any percentage item the catalog
// has (availability, an equity ratio).
var PercentBands = []float64{99.99, 99.9, 99.5, 99, 90, 50}

// PercentBand is the band of a published percentage ("99.95%"): "ge_99.99",
// "ge_99.9", …, "ge_50", "lt_50", or "other" when it does not read as a
// number.
func PercentBand(text string) string {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(text), "%"), 64)
	if err != nil {
		return "other"
	}
	for _, b := range PercentBands {
		if v >= b {
			return "ge_" + strconv.FormatFloat(b, 'f', -1, 64)
		}
	}
	return "lt_" + strconv.FormatFloat(PercentBands[len(PercentBands)-1], 'f', -1, 64)
}

// PercentBandKeys are every band PercentBand names, highest first, then
// "other".
func PercentBandKeys() []string {
	out := make([]string, 0, len(PercentBands)+2)
	for _, b := range PercentBands {
		out = append(out, "ge_"+strconv.FormatFloat(b, 'f', -1, 64))
	}
	return append(out, "lt_"+strconv.FormatFloat(PercentBands[len(PercentBands)-1], 'f', -1, 64), "other")
}
