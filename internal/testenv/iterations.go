package testenv

import (
	"os"
	"strconv"
	"testing"
)

// IterationsVar sets how often the race tests repeat their race (issue 8,
// item 4). The figures in docs/quality.md were measured with 1000.
const IterationsVar = "NINTEI_RACE_ITERATIONS"

// Iterations returns NINTEI_RACE_ITERATIONS when set, else def; -short
// caps it at 10.
func Iterations(t testing.TB, def int) int {
	n := def
	if s := os.Getenv(IterationsVar); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			t.Fatalf("%s=%q: want a positive number", IterationsVar, s)
		}
		n = v
	}
	if testing.Short() && n > 10 {
		n = 10
	}
	return n
}
