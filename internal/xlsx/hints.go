package xlsx

import (
	"strings"

	"nintei/catalog"
)

// typeGuide explains one answer type to applicants: its name, how to fill the cells and an
// example. The same table feeds the 回答の形式 column and the 記入方法 sheet, so the two
// cannot disagree about what import accepts.
type typeGuide struct {
	name, how, example string
}

var typeGuides = map[catalog.AnswerType]typeGuide{
	catalog.TypeDate: {"日付", "「申請内容」に西暦の年月日を YYYY-MM-DD で記入。2024/4/1、2024年4月1日、Excel の日付も可。",
		"2024-04-01"},
	catalog.TypeYearMonth: {"年月", "「申請内容」に西暦の年月を YYYY-MM で記入。2024/4、2024年4月も可。", "2024-04"},
	catalog.TypeText:      {"文字列（1行）", "「申請内容」に1行で記入（改行不可）。", "株式会社サンプル"},
	catalog.TypeLongText:  {"文章", "「申請内容」に記入。セル内の改行（Alt+Enter）可。", "IaaS（仮想サーバ）を提供…"},
	catalog.TypeURL:       {"URL", "「申請内容」に http:// または https:// で始まる URL を記入。", "https://www.example.co.jp/"},
	catalog.TypeCorporateNumber: {"法人番号", "「申請内容」に13桁の法人番号を記入（ハイフン・全角数字も可）。",
		"1234567890123"},
	catalog.TypeInteger: {"整数", "「申請内容」に0以上の整数（桁区切りのカンマ可）。単位が決まっていない項目は「申請内容（内容・単位）」に単位を記入。",
		"1,200 ／ 単位: 名"},
	catalog.TypeMoney: {"金額", "「申請内容」に金額（整数、カンマ可、マイナスは - △ ▲）、「申請内容（内容・単位）」に単位（決まっている項目は記入済み）、「申請内容（期）」に期を記入。",
		"16,859,430 ／ 千円 ／ 2023年3月期"},
	catalog.TypePercent: {"百分率", "「申請内容」に0〜100の数値（小数可、% は付けても付けなくても可）。", "99.95"},
	catalog.TypeDuration: {"期間", "「申請内容」に0以上の整数、「申請内容（内容・単位）」に単位を一覧から選択。",
		"12 ／ か月"},
	catalog.TypeYesNo: {"有無", "「申請内容」に 有 または 無 を一覧から選択（あり／なし、○／× も可）。", "有"},
	catalog.TypeYesNoDetail: {"有無＋内容", "「申請内容」に 有／無、「申請内容（内容・単位）」に方法・範囲・時期などの内容を記入。",
		"有 ／ 毎日0時にフルバックアップ（7世代）"},
	catalog.TypeChoice:      {"選択", "「申請内容」に選択肢から1つを一覧で選択。", "国内"},
	catalog.TypeMultiChoice: {"複数選択", "「申請内容」に選択肢を「、」区切り、または1行に1つずつ記入。", "ISMS、プライバシーマーク"},
	catalog.TypeList: {"一覧", "「申請内容」に1行に1件、列を「｜」で区切って記入（列は項目ごとに「回答の形式」欄を参照）。",
		"株式会社A｜60%\n株式会社B｜40%"},
	catalog.TypeContacts: {"連絡先", "「申請内容」に1行に1件「種別｜連絡先｜受付時間」を記入（受付時間は省略可）。種別は " + kindLabels() + "。",
		"電話｜03-1234-5678｜平日 9:00-17:00\nメール｜support@example.co.jp"},
}

// kindLabels lists the contact kinds as written in cells: 電話／メール／….
func kindLabels() string {
	return strings.Join(contactKinds.labels(catalog.ContactKinds()), "／")
}

// formatHint is the 回答の形式 text of one item: the type's name with the item's own
// parameters (options, units, list columns).
func formatHint(it catalog.Item) string {
	spec := it.Answer
	name := typeGuides[spec.Type].name
	switch spec.Type {
	case catalog.TypeDate:
		return name + "（例: 2024-04-01）"
	case catalog.TypeYearMonth:
		return name + "（例: 2024-04）"
	case catalog.TypeText:
		return name + "（改行不可）"
	case catalog.TypeLongText:
		return name + "（セル内改行可）"
	case catalog.TypeURL:
		return name + "（https://…）"
	case catalog.TypeCorporateNumber:
		return name + "（13桁）"
	case catalog.TypePercent:
		return name + "（0〜100、例: 99.9）"
	case catalog.TypeInteger:
		return name + unitHint(spec.Unit)
	case catalog.TypeMoney:
		return name + unitHint(spec.Unit) + "＋期（例: 2023年3月期）"
	case catalog.TypeDuration:
		return name + "（数値＋単位: " + strings.Join(durationUnits.labels(spec.Units), "／") + "）"
	case catalog.TypeYesNo:
		return "有／無"
	case catalog.TypeYesNoDetail:
		return "有／無＋内容（右の列）"
	case catalog.TypeChoice:
		return "選択: " + strings.Join(spec.Options, "／")
	case catalog.TypeMultiChoice:
		return "複数選択（「、」区切り）: " + strings.Join(spec.Options, "／")
	case catalog.TypeList:
		return "一覧: 1行に1件「" + fieldNames(spec.Fields) + "」"
	case catalog.TypeContacts:
		return "連絡先: 1行に1件「種別｜連絡先｜受付時間」（種別: " + kindLabels() + "）"
	}
	return name // every type has a case above; a new type at least shows its name
}

func unitHint(unit string) string {
	if unit == "" {
		return "（単位は右の列に記入）"
	}
	return "（単位: " + unit + "）"
}
