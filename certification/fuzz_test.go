package certification

import (
	"fmt"
	"regexp"
	"testing"
	"time"
	"unicode/utf8"

	"nintei/civil"
)

// numberPattern is: the prefix, a 4-digit serial and the year and month.
var numberPattern = regexp.MustCompile(`^([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*) (\d{4,})-(\d{2})(\d{2})$`)

// FuzzNumber_R8_4: every certificate number has the shape and its parts read back
// as the serial and the certification month.
func FuzzNumber_R8_4(f *testing.F) {
	f.Add("IP-IoT", int64(1), int64(1795737600))
	f.Add("IP-IoT", int64(9999), int64(-62135596800))
	f.Add("A-1", int64(10000), int64(253402300799))
	f.Add(`<script>alert("x")</script>&`, int64(0), int64(0))
	f.Fuzz(func(t *testing.T, prefix string, serial, unix int64) {
		if !utf8.ValidString(prefix) {
			t.Skip("numbers are stored as valid UTF-8")
		}
		on := civil.DateOf(time.Unix(unix, 0).UTC())
		n := Number(prefix, serial, on)
		if serial < 1 || serial > 9999 || on.Year < 2000 || on.Year > 2099 ||
			!regexp.MustCompile(`^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$`).MatchString(prefix) || len(prefix) > 16 {
			return // not a number the program issues (the catalog checks the prefix)
		}
		m := numberPattern.FindStringSubmatch(n)
		if m == nil {
			t.Fatalf("Number(%q, %d, %s) = %q: not the R-8.4 shape", prefix, serial, on, n)
		}
		if m[1] != prefix || m[2] != fmt.Sprintf("%04d", serial) || m[3] != on.Format("06") || m[4] != on.Format("01") {
			t.Fatalf("Number(%q, %d, %s) = %q: parts %q", prefix, serial, on, n, m[1:])
		}
	})
}
