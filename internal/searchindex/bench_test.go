package searchindex

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchDocs is n entries shaped like the seeded registry's (tools/bench/seed):
// sixty-odd answers each, most of them standard sentences, the long ones
// ending in a part of their own, so that few lines are shared.
func benchDocs(n int) []Doc {
	r := rand.New(rand.NewPCG(1, 2))
	stock := []string{"当社のデータセンターは東京と大阪にあります。", "多要素認証に対応します。", "ISO/IEC 27001 認証を取得済み",
		"監視は24時間365日、当社の運用チームが実施します。", "有", "無", "99.95%", "障害時は当社の窓口から通知します。",
		"ログは1年間保管し、改ざん防止の措置を講じます。", "暗号化（AES-256）を保存時と通信時に適用します。"}
	words := []string{"クラウド", "IoT", "データ", "センサー", "監視", "基盤", "認証", "物流", "農業", "医療"}
	docs := make([]Doc, n)
	for i := range docs {
		var b strings.Builder
		for k := range 65 {
			b.WriteString(stock[r.IntN(len(stock))])
			if k%3 == 0 {
				fmt.Fprintf(&b, "（%s・%d）", words[(i+k)%len(words)], i)
			}
			b.WriteByte('\n')
		}
		docs[i] = Doc{Number: fmt.Sprintf("IP-IoT %05d", i), Revision: 1, Text: b.String()}
	}
	return docs
}

// BenchmarkSearch asks the index for words never asked before, as a
// visitor does, beside what it replaced in the same run: a plain substring
// scan of every text (the database's LIKE, without its reads).
func BenchmarkSearch(b *testing.B) {
	docs := benchDocs(10000)
	numbers := make([]string, len(docs))
	for i, d := range docs {
		numbers[i] = d.Number
	}
	x := New()
	x.Update(1, docs, nil, map[string][]string{"": numbers})
	for _, w := range []string{"当社", "します。", "当社の運用", "農業・77", "存在しない"} {
		b.Run("index/"+w, func(b *testing.B) {
			for b.Loop() {
				x.Search([]string{w}, "", 0, 50)
			}
		})
		b.Run("scan/"+w, func(b *testing.B) {
			for b.Loop() {
				n := 0
				for _, d := range docs {
					if strings.Contains(d.Text, w) {
						n++
					}
				}
			}
		})
	}
}
