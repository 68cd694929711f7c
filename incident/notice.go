package incident

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// NoticePeriod is the advance notice a provider promised for maintenance,
// as read from its published Form B answer.
type NoticePeriod struct {
	Amount int
	Unit   string // day, business_day, week, month, hour
	Phrase string // the words it was read from, e.g. "7日前"
}

// Units of a notice period.
const (
	UnitDay         = "day"
	UnitBusinessDay = "business_day"
	UnitWeek        = "week"
	UnitMonth       = "month"
	UnitHour        = "hour"
)

// periodRE finds "<number><unit>前": 7日前, 1週間前, 2週間前まで, 1か月前,
// 5営業日前, 48時間前, optionally with 以上 or 程度 before 前.
var periodRE = regexp.MustCompile(`(\d+)\s*(営業日|日|週間|週|か月|カ月|ヶ月|ケ月|ヵ月|箇月|月|時間)\s*(?:以上|程度|ほど)?\s*前`)

// dayBeforeRE finds 前日 and 前々日 (one and two days before).
var dayBeforeRE = regexp.MustCompile(`前々日|前日`)

var unitOf = map[string]string{
	"営業日": UnitBusinessDay, "日": UnitDay, "週間": UnitWeek, "週": UnitWeek, "時間": UnitHour,
	"か月": UnitMonth, "カ月": UnitMonth, "ヶ月": UnitMonth, "ケ月": UnitMonth, "ヵ月": UnitMonth, "箇月": UnitMonth, "月": UnitMonth,
}

// ParseNoticePeriod reads the advance notice period from a published
// answer. The rule:
//
//  1. The text is NFKC-folded (full-width digits become ASCII) and kanji
//     numerals one to ninety-nine (七, 十四, 二十) become digits.
//  2. Every "<number><unit>前" is a candidate, the unit being 日, 営業日,
//     週/週間, か月 (and its spellings) or 時間, optionally followed by
//     以上/程度 and by まで/までに (「7日前」「1週間前」「2週間前まで」).
//     前日 counts as one day, 前々日 as two.
//  3. When there are several, the shortest is the period: it is the least
//     the provider committed to in every case (e.g. 「通常は14日前、緊急時は
//     3日前」 reads as 3 days), so the check never flags what the
//     disclosure allowed.
//
// ok is false when nothing matches (an answer of 無, a withheld answer, or
// wording such as 「事前に告知」 without a period).
func ParseNoticePeriod(text string) (NoticePeriod, bool) {
	s := kanjiNumerals(norm.NFKC.String(text))
	var best NoticePeriod
	found := false
	consider := func(p NoticePeriod) {
		if !found || p.approxHours() < best.approxHours() {
			best, found = p, true
		}
	}
	for _, m := range periodRE.FindAllStringSubmatch(s, -1) {
		n, err := strconv.Atoi(m[1])
		if err != nil || n > 10000 {
			continue
		}
		consider(NoticePeriod{Amount: n, Unit: unitOf[m[2]], Phrase: m[0]})
	}
	for _, m := range dayBeforeRE.FindAllString(s, -1) {
		n := 1
		if m == "前々日" {
			n = 2
		}
		consider(NoticePeriod{Amount: n, Unit: UnitDay, Phrase: m})
	}
	return best, found
}

// approxHours orders periods of different units.
func (p NoticePeriod) approxHours() int {
	switch p.Unit {
	case UnitHour:
		return p.Amount
	case UnitWeek:
		return p.Amount * 7 * 24
	case UnitMonth:
		return p.Amount * 28 * 24
	case UnitBusinessDay:
		return p.Amount * 24 * 7 / 5
	}
	return p.Amount * 24
}

// LatestAnnouncement is the last day on which a maintenance starting on
// start (a date) could be announced and still give the period's notice:
// days, weeks and months are counted back in calendar days (a month back
// by the calendar: 1か月前 of 3 March is 3 February), business days skip
// Saturdays and Sundays (public holidays are not known), and hours are
// rounded up to whole days (48時間 is 2 days, 36時間 also 2).
func (p NoticePeriod) LatestAnnouncement(start time.Time) time.Time {
	switch p.Unit {
	case UnitWeek:
		return start.AddDate(0, 0, -7*p.Amount)
	case UnitMonth:
		return start.AddDate(0, -p.Amount, 0)
	case UnitHour:
		return start.AddDate(0, 0, -(p.Amount+23)/24)
	case UnitBusinessDay:
		d := start
		for n := p.Amount; n > 0; {
			d = d.AddDate(0, 0, -1)
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				n--
			}
		}
		return d
	}
	return start.AddDate(0, 0, -p.Amount)
}

// Late reports whether a maintenance announced on announced and starting
// on start was announced with less notice than the period:
// exactly the period is in time, one day less is late.
func (p NoticePeriod) Late(announced, start time.Time) bool {
	return announced.After(p.LatestAnnouncement(start))
}

// Days is the period in days as the check counts it, for display (0 for
// months and business days, whose length depends on the date).
func (p NoticePeriod) Days() int {
	switch p.Unit {
	case UnitDay:
		return p.Amount
	case UnitWeek:
		return 7 * p.Amount
	case UnitHour:
		return (p.Amount + 23) / 24
	}
	return 0
}

var kanjiDigit = map[rune]int{'〇': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// kanjiNumerals turns runs of kanji numerals (up to 九十九) into digits.
func kanjiNumerals(s string) string {
	if !strings.ContainsAny(s, "〇一二三四五六七八九十") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && (rs[j] == '十' || kanjiDigit[rs[j]] > 0 || rs[j] == '〇') {
			j++
		}
		if j == i {
			b.WriteRune(rs[i])
			i++
			continue
		}
		if n, ok := kanjiValue(rs[i:j]); ok {
			b.WriteString(strconv.Itoa(n))
		} else {
			b.WriteString(string(rs[i:j]))
		}
		i = j
	}
	return b.String()
}

func kanjiValue(rs []rune) (int, bool) {
	n, cur, tens := 0, 0, false
	for _, r := range rs {
		if r == '十' {
			if tens {
				return 0, false
			}
			if cur == 0 {
				cur = 1
			}
			n, cur, tens = cur*10, 0, true
			continue
		}
		cur = cur*10 + kanjiDigit[r]
	}
	return n + cur, true
}
