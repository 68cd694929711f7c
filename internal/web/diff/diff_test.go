package diff

import (
	"strings"
	"testing"
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
