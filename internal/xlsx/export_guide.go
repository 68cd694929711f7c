package xlsx

import (
	"github.com/xuri/excelize/v2"

	"nintei/catalog"
)

// guideRules are the general rules of the 記入方法 sheet. They state the import's behaviour
// (what blocks an upload, what is only a warning) so the applicant is not surprised.
var guideRules = []string{
	"「申請書B」シートの黄色のセルに記入してください。それ以外のセルは誤操作防止のため保護されています（パスワードはありません）。",
	"「必須」の項目は必ず回答してください。「条件付き必須」は条件を満たすときに必須です。「選択」の項目も、できるだけ回答してください。",
	"回答した項目には、根拠となる添付書類等の「資料名」（K列）と「該当箇所」（L列: ページ・章など）を記入してください。" +
		"申請内容が「実施なし」「開示なし」の項目と、有無の項目で「無」と回答した項目は不要です。",
	"記入途中のファイルもアップロードできます。未回答の必須項目や添付書類等の記入漏れは「注意」として表示され、内容は下書きとして保存されます。",
	"日付・数値・URL・法人番号・選択肢などの形式に誤りがあると、ファイル全体が取り込まれません。表示されたセルを直して、もう一度アップロードしてください。",
	"シート・行・列の追加や削除、並べ替え、シート名の変更、項目ID（A列）の変更はしないでください。構造が変わったファイルは取り込めません。",
	"数式を使う場合は、計算結果が保存された状態（Excel で保存）でアップロードしてください。",
	"セルの前後の空白は取り除かれます。日付・数値の項目では全角数字も半角として扱います。",
	"1つのセルに複数の記入をする項目（一覧・連絡先・複数選択）は、セル内で改行（Alt+Enter）して1行に1件ずつ記入します。区切りの「｜」は全角・半角のどちらでも構いません。",
}

// guideColumns explains the answer columns of the table.
var guideColumns = [][2]string{
	{"申請内容（H列）", "回答。有無の項目は 有／無、一覧・連絡先は1行に1件。"},
	{"申請内容（内容・単位）（I列）", "有無＋内容の項目の内容、数値・金額・期間の単位。灰色の項目は記入不要または記入済み。"},
	{"申請内容（期）（J列）", "金額の期（例: 2023年3月期）。"},
	{"添付書類等（資料名）（K列）", "根拠となる資料の名称（例: 情報セキュリティ基本方針）。"},
	{"該当箇所（L列）", "資料の中の場所（例: p.3 第2章）。Web ページの場合は URL と取得日。"},
}

// writeGuide writes the 記入方法 sheet: rules, the columns, one line per answer type, and
// the edition the workbook belongs to.
func writeGuide(f *excelize.File, st *styles, ed *catalog.Edition) error {
	w := &sheetWriter{f: f, st: st, sheet: SheetGuide}
	for _, c := range []column{{"A", "", 30}, {"B", "", 80}, {"C", "", 44}} {
		if err := f.SetColWidth(SheetGuide, c.letter, c.letter, c.width); err != nil {
			return err
		}
	}
	r := 1
	w.set("A", r, "申請書B（開示内容）記入方法", st.title)
	r += 2
	w.set("A", r, "このブックは、情報開示認定制度の申請書B（開示項目ごとの申請内容と添付書類等）を記入するための様式です。", st.guideText)
	w.merge("A", "C", r, st.guideText)
	r += 2
	r = w.guideSection(r, "記入のきまり")
	for _, rule := range guideRules {
		w.set("A", r, "・"+rule, st.guideText)
		w.merge("A", "C", r, st.guideText)
		w.setLines(r, wrappedLines(rule, 150))
		r++
	}
	r = w.guideSection(r+1, "申請内容と添付書類等の列")
	for _, c := range guideColumns {
		w.set("A", r, c[0], st.label)
		w.set("B", r, c[1], st.value)
		r++
	}
	r = w.guideSection(r+1, "回答の形式ごとの書き方")
	r = w.guideTypes(r)
	r = w.guideSection(r+1, "この様式の版（変更しないでください）")
	for _, kv := range [][2]string{
		{"開示項目の版", ed.TitleJA}, {"版ID", ed.ID}, {"版", ed.Version},
		{"版のダイジェスト", ed.Digest()}, {"様式の形式", FormatVersion},
	} {
		w.set("A", r, kv[0], st.label)
		w.set("B", r, kv[1], st.value)
		r++
	}
	return w.err
}

func (w *sheetWriter) guideSection(r int, title string) int {
	w.set("A", r, title, w.st.guideHeading)
	return r + 1
}

// guideTypes writes one line per answer type, in the catalog's order, with an example.
func (w *sheetWriter) guideTypes(r int) int {
	w.set("A", r, "回答の形式", w.st.heading)
	w.set("B", r, "書き方", w.st.heading)
	w.set("C", r, "記入例", w.st.heading)
	r++
	for _, t := range catalog.AnswerTypes() {
		g := typeGuides[t]
		w.set("A", r, g.name, w.st.label)
		w.set("B", r, g.how, w.st.value)
		w.set("C", r, g.example, w.st.value)
		w.setLines(r, max(wrappedLines(g.how, 80), wrappedLines(g.example, 44)))
		r++
	}
	return r
}

// setLines makes a row tall enough for the given number of text lines.
func (w *sheetWriter) setLines(r, lines int) {
	if w.err == nil {
		w.err = w.f.SetRowHeight(w.sheet, r, float64(lines)*lineHeight+3)
	}
}
