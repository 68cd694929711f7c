package diff

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// render writes a side as text with [-removed-] and {+added+} marks.
func render(xs []Segment) string {
	var b strings.Builder
	for _, s := range xs {
		switch s.Op {
		case -1:
			b.WriteString("[-" + s.Text + "-]")
		case 1:
			b.WriteString("{+" + s.Text + "+}")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func plain(xs []Segment) string {
	var b strings.Builder
	for _, s := range xs {
		b.WriteString(s.Text)
	}
	return b.String()
}

func TestSplitChange(t *testing.T) {
	for _, c := range []struct {
		before, after string
		old, new      string
	}{
		{"月1回、3日前に告知", "月1回、7日前に告知", "月1回、[-3-]日前に告知", "月1回、{+7+}日前に告知"},
		{"", "新規", "", "{+新規+}"},
		{"削除", "", "[-削除-]", ""},
		{"同じ", "同じ", "同じ", "同じ"},
		{"規程に基づき記載", "【改訂】規程に基づき記載（2028年度版）", "規程に基づき記載", "{+【改訂】+}規程に基づき記載{+（2028年度版）+}"},
		{"東京都港区虎ノ門", "東京都千代田区虎ノ門", "東京都[-港-]区虎ノ門", "東京都{+千代田+}区虎ノ門"},
		{"abXcd", "abYZcd", "ab[-X-]cd", "ab{+YZ+}cd"},
		{"aXbYc", "aPbQc", "a[-XbY-]c", "a{+PbQ+}c"}, // one shared character between two edits joins them
	} {
		got := SplitChange(c.before, c.after)
		if render(got.Old) != c.old || render(got.New) != c.new {
			t.Errorf("%q → %q: old %q new %q, want %q %q", c.before, c.after, render(got.Old), render(got.New), c.old, c.new)
		}
		if plain(got.Old) != c.before || plain(got.New) != c.after {
			t.Errorf("%q → %q does not rebuild: %+v", c.before, c.after, got)
		}
	}
}

// Texts too long for the table still rebuild exactly.
func TestSplitChangeLongTexts(t *testing.T) {
	before := strings.Repeat("あいうえお", 1000)
	after := strings.Repeat("かきくけこ", 1000)
	got := SplitChange("前"+before+"後", "前"+after+"後")
	if plain(got.Old) != "前"+before+"後" || plain(got.New) != "前"+after+"後" {
		t.Error("long texts do not rebuild")
	}
}

func BenchmarkSplitChange(b *testing.B) {
	before := strings.Repeat("情報セキュリティ基本方針に基づき、", 40)
	after := strings.Replace(before, "基本方針", "基本規程", 7)
	for b.Loop() {
		SplitChange(before, after)
	}
}

// A small change in a long answer is shown as that change, where the old
// LCS table gave up past 4 million cells and marked the whole text red.
func TestSplitChangeLongTextsShowOnlyTheChange(t *testing.T) {
	before, after := answer2000()
	before, after = strings.Repeat(before, 5), strings.Repeat(after, 5) // 10,000 characters
	got := SplitChange(before, after)
	if plain(got.Old) != before || plain(got.New) != after {
		t.Fatal("long texts do not rebuild")
	}
	var removed, added int
	for _, s := range got.Old {
		if s.Op == -1 {
			removed += len([]rune(s.Text))
		}
	}
	for _, s := range got.New {
		if s.Op == 1 {
			added += len([]rune(s.Text))
		}
	}
	// Each of the five copies: 当社→当社グループ (+4), every 四半期ごと→毎月
	// (5→2), 二→三（東京・大阪・福岡） (1→11) and the last 10 characters
	// replaced by 9. A few characters more may be marked where a shared
	// fragment is too short to be worth showing apart.
	n := strings.Count(before, "四半期ごと") / 5
	wantRemoved, wantAdded := 5*(5*n+1+10), 5*(4+2*n+11+9)
	if removed < wantRemoved || removed > wantRemoved+50 || added < wantAdded || added > wantAdded+50 {
		t.Errorf("red: %d characters removed, %d added of 10,000; want about %d and %d, the edits", removed, added, wantRemoved, wantAdded)
	}
}

// Two long texts with nothing in common but an alphabet of four letters
// make the smallest edit expensive to find (seconds without a limit): the
// search stops at Timeout and the answer still rebuilds both texts.
func TestSplitChangeStopsAtTheTimeLimit(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	text := func() string {
		rs := make([]rune, 40000)
		for i := range rs {
			rs[i] = []rune("あいうえ")[rnd.IntN(4)]
		}
		return string(rs)
	}
	before, after := text(), text()
	start := time.Now()
	got := SplitChange(before, after)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("SplitChange of two 40,000-character texts took %v, want about %v", took, Timeout)
	}
	if plain(got.Old) != before || plain(got.New) != after {
		t.Error("a diff cut short by the time limit does not rebuild the texts")
	}
}
