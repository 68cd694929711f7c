package diff

import (
	"strings"
	"testing"
)

// answer2000 is a 2,000-character answer (R-9.4: a renewal shows what
// changed) and the same answer with a few sentences edited, as a provider
// revises a disclosure for its renewal.
func answer2000() (before, after string) {
	sentences := []string{
		"当社は情報セキュリティ基本方針を定め、取締役会の承認を得て全従業員に周知している。",
		"アクセス権限は職務に応じて最小限に付与し、四半期ごとに棚卸しを行っている。",
		"データセンターは国内二拠点で運用し、電源と回線を二重化している。",
		"バックアップは日次で取得し、別拠点に暗号化して保管している。",
		"障害発生時は一時間以内に利用者へ通知し、復旧後に報告書を公開する。",
	}
	var b strings.Builder
	for i := 0; len([]rune(b.String())) < 2000; i++ {
		b.WriteString(sentences[i%len(sentences)])
	}
	before = string([]rune(b.String())[:2000])
	// Edits from the first sentence to the last, so that no long shared
	// start or end shortens the work.
	after = strings.Replace(before, "当社は", "当社グループは", 1)
	after = strings.ReplaceAll(after, "四半期ごと", "毎月")
	after = strings.Replace(after, "国内二拠点", "国内三拠点（東京・大阪・福岡）", 1)
	after = strings.TrimSuffix(after, string([]rune(after)[len([]rune(after))-10:])) + "（2028年改訂）"
	return before, after
}

// BenchmarkSplitChange2000 is one changed 2,000-character answer, the
// renewal page's typical cell.
func BenchmarkSplitChange2000(b *testing.B) {
	before, after := answer2000()
	b.ReportAllocs()
	for b.Loop() {
		SplitChange(before, after)
	}
}

// BenchmarkSplitChangeLong is a 10,000-character answer rewritten in
// places: too long for a full table, so the old LCS marked it all red.
func BenchmarkSplitChangeLong(b *testing.B) {
	before, after := answer2000()
	before, after = strings.Repeat(before, 5), strings.Repeat(after, 5)
	b.ReportAllocs()
	for b.Loop() {
		SplitChange(before, after)
	}
}
