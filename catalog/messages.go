package catalog

import "strings"

// Problem codes. They are stable keys: UIs, logs and tests match on them, so a code is never
// renamed, only added. Every code has a Japanese and an English message in messages below.
const (
	codeYAMLSyntax            = "catalog.yaml.syntax"
	codeYAMLNotUTF8           = "catalog.yaml.not_utf8"
	codeYAMLControlChar       = "catalog.yaml.control_character"
	codeYAMLEmpty             = "catalog.yaml.empty"
	codeYAMLMultipleDocuments = "catalog.yaml.multiple_documents"
	codeYAMLAlias             = "catalog.yaml.alias"
	codeYAMLDuplicateKey      = "catalog.yaml.duplicate_key"
	codeFormatUnsupported     = "catalog.format.unsupported"

	codeFieldUnknown    = "catalog.field.unknown"
	codeFieldMissing    = "catalog.field.missing"
	codeFieldEmpty      = "catalog.field.empty"
	codeFieldNotMapping = "catalog.field.not_mapping"
	codeFieldNotList    = "catalog.field.not_list"
	codeFieldNotString  = "catalog.field.not_string"
	codeFieldNotBool    = "catalog.field.not_bool"
	codeFieldNotInteger = "catalog.field.not_integer"
	codeIDSyntax        = "catalog.id.syntax"

	codeSchemePrefixSyntax    = "catalog.scheme.number_prefix_syntax"
	codeSchemeValidityRange   = "catalog.scheme.validity_years_range"
	codeEditionStatusUnknown  = "catalog.edition.status_unknown"
	codeEditionPublishedBad   = "catalog.edition.published_invalid"
	codeSourceURLInvalid      = "catalog.source.url_invalid"
	codeEvidenceUnknownSource = "catalog.evidence.unknown_source"

	codeCategoryDuplicateID   = "catalog.category.duplicate_id"
	codeCategoryUnknownParent = "catalog.category.unknown_parent"
	codeCategoryParentCycle   = "catalog.category.parent_cycle"

	codeItemDuplicateID       = "catalog.item.duplicate_id"
	codeItemUnknownCategory   = "catalog.item.unknown_category"
	codeItemUnknownParent     = "catalog.item.unknown_parent"
	codeItemParentNotBefore   = "catalog.item.parent_not_before"
	codeItemParentCategory    = "catalog.item.parent_category_mismatch"
	codeItemUnknownType       = "catalog.item.unknown_type"
	codeItemParamNotAllowed   = "catalog.item.param_not_allowed"
	codeItemOptionsMissing    = "catalog.item.options_missing"
	codeItemOptionDuplicate   = "catalog.item.option_duplicate"
	codeItemUnitsMissing      = "catalog.item.units_missing"
	codeItemUnitUnknown       = "catalog.item.unit_unknown"
	codeItemUnitDuplicate     = "catalog.item.unit_duplicate"
	codeItemFieldsMissing     = "catalog.item.fields_missing"
	codeItemFieldDuplicate    = "catalog.item.field_duplicate"
	codeProvenanceSource      = "catalog.provenance.source_unknown"
	codeProvenanceConfidence  = "catalog.provenance.confidence_unknown"
	codeProvenanceNotOfficial = "catalog.provenance.reconstructed_in_official"

	codeCondUnknownItem     = "catalog.required_when.unknown_item"
	codeCondCycle           = "catalog.required_when.cycle"
	codeCondNeedsOneValue   = "catalog.required_when.needs_one_value"
	codeCondUnsupportedType = "catalog.required_when.unsupported_type"
	codeCondInvalidValue    = "catalog.required_when.invalid_value"
	codeCondAlreadyRequired = "catalog.required_when.already_required"

	codeKeyUnknownRule        = "catalog.key.unknown_rule"
	codeKeyRuleTypeMismatch   = "catalog.key.rule_type_mismatch"
	codeKeyNotRequired        = "catalog.key.not_required"
	codeKeyChoiceInMissing    = "catalog.key.choice_in_missing"
	codeKeyChoiceInNotOption  = "catalog.key.choice_in_not_option"
	codeKeyChoiceInUnexpected = "catalog.key.choice_in_unexpected"

	codeAnswerDateInvalid         = "catalog.answer.date_invalid"
	codeAnswerYearMonthInvalid    = "catalog.answer.year_month_invalid"
	codeAnswerTextMultiline       = "catalog.answer.text_multiline"
	codeAnswerURLInvalid          = "catalog.answer.url_invalid"
	codeAnswerCorpNumberFormat    = "catalog.answer.corporate_number_format"
	codeAnswerCorpNumberCheck     = "catalog.answer.corporate_number_check_digit"
	codeAnswerIntegerInvalid      = "catalog.answer.integer_invalid"
	codeAnswerMoneyInvalid        = "catalog.answer.money_invalid"
	codeAnswerPeriodMissing       = "catalog.answer.period_missing"
	codeAnswerUnitMissing         = "catalog.answer.unit_missing"
	codeAnswerUnitMismatch        = "catalog.answer.unit_mismatch"
	codeAnswerPercentInvalid      = "catalog.answer.percent_invalid"
	codeAnswerPercentRange        = "catalog.answer.percent_range"
	codeAnswerDurationInvalid     = "catalog.answer.duration_invalid"
	codeAnswerDurationUnit        = "catalog.answer.duration_unit"
	codeAnswerDetailWithoutYes    = "catalog.answer.detail_without_yes"
	codeAnswerNotAnOption         = "catalog.answer.not_an_option"
	codeAnswerChoiceDuplicate     = "catalog.answer.choice_duplicate"
	codeAnswerListUnknownField    = "catalog.answer.list_unknown_field"
	codeAnswerContactKindUnknown  = "catalog.answer.contact_kind_unknown"
	codeAnswerContactValueMissing = "catalog.answer.contact_value_missing"
	codeAnswerContactValueInvalid = "catalog.answer.contact_value_invalid"
)

// message is the human text of one code; "{v}" stands for the problem's Value.
type message struct{ ja, en string }

// messages is the one table of human texts, so translators find every string in one place.
var messages = map[string]message{
	codeYAMLSyntax:            {"YAML の構文エラーです: {v}", "YAML syntax error: {v}"},
	codeYAMLNotUTF8:           {"UTF-8 のテキストではありません（この行に不正なバイト列があります）", "the file is not UTF-8 text (invalid bytes on this line)"},
	codeYAMLControlChar:       {"使えない制御文字 {v} があります", "the file contains the control character {v}"},
	codeYAMLEmpty:             {"ファイルが空です", "the file is empty"},
	codeYAMLMultipleDocuments: {"1つのファイルに YAML 文書は1つだけです", "only one YAML document is allowed per file"},
	codeYAMLAlias:             {"YAML のエイリアス（*名前）は使えません。値をそのまま書いてください", "YAML aliases (*name) are not supported; write the value out"},
	codeYAMLDuplicateKey:      {"キー {v} が重複しています", "key {v} appears more than once"},
	codeFormatUnsupported:     {"未対応の形式 {v} です（nintei-catalog/1 のみ対応）", "unsupported format {v} (expected \"nintei-catalog/1\")"},

	codeFieldUnknown:    {"不明な項目 {v} です", "unknown field {v}"},
	codeFieldMissing:    {"必須の項目 {v} がありません", "required field {v} is missing"},
	codeFieldEmpty:      {"空にできません", "must not be empty"},
	codeFieldNotMapping: {"「キー: 値」の組で書いてください", "must be a mapping (key: value pairs)"},
	codeFieldNotList:    {"リストで書いてください", "must be a list"},
	codeFieldNotString:  {"単一の値（文字列）で書いてください", "must be a single value (text)"},
	codeFieldNotBool:    {"true または false で書いてください（{v} は不可）", "must be true or false, not {v}"},
	codeFieldNotInteger: {"整数で書いてください（{v} は不可）", "must be a whole number, not {v}"},
	codeIDSyntax:        {"ID {v} が不正です（英数字・-・_・. のみ、先頭は英数字、64文字以内）", "invalid id {v}: use ASCII letters, digits, '-', '_' or '.', starting with a letter or digit, at most 64 characters"},

	codeSchemePrefixSyntax:    {"認定番号の接頭辞 {v} が不正です（英数字と単独のハイフンのみ）", "invalid certificate number prefix {v}: use letters, digits and single hyphens"},
	codeSchemeValidityRange:   {"有効期間は1〜10年です（{v} は不可）", "validity must be 1 to 10 years, not {v}"},
	codeEditionStatusUnknown:  {"不明な状態 {v} です（draft または official）", "unknown status {v} (expected draft or official)"},
	codeEditionPublishedBad:   {"公開日 {v} が不正です（YYYY-MM-DD）", "invalid publication date {v} (expected YYYY-MM-DD)"},
	codeSourceURLInvalid:      {"URL {v} が不正です（http または https の絶対 URL）", "invalid URL {v} (expected an absolute http or https URL)"},
	codeEvidenceUnknownSource: {"根拠 {v} が sources にありません", "evidence {v} is not listed in sources"},

	codeCategoryDuplicateID:   {"分類 ID {v} が重複しています", "duplicate category id {v}"},
	codeCategoryUnknownParent: {"親分類 {v} がありません", "unknown parent category {v}"},
	codeCategoryParentCycle:   {"分類の親子関係が循環しています: {v}", "category parents form a cycle: {v}"},

	codeItemDuplicateID:     {"項目 ID {v} が重複しています", "duplicate item id {v}"},
	codeItemUnknownCategory: {"分類 {v} がありません", "unknown category {v}"},
	codeItemUnknownParent:   {"親項目 {v} がありません", "unknown parent item {v}"},
	codeItemParentNotBefore: {"親項目 {v} は子項目より前に置いてください", "parent item {v} must come before its sub-row"},
	codeItemParentCategory:  {"親項目 {v} が別の分類にあります", "parent item {v} is in another category"},
	codeItemUnknownType:     {"不明な回答形式 {v} です", "unknown answer type {v}"},
	codeItemParamNotAllowed: {"パラメータ {v} はこの回答形式には使えません", "parameter {v} does not apply to this answer type"},
	codeItemOptionsMissing:  {"選択肢を1つ以上書いてください", "at least one option is needed"},
	codeItemOptionDuplicate: {"選択肢 {v} が重複しています", "option {v} is listed twice"},
	codeItemUnitsMissing:    {"期間の単位を1つ以上書いてください", "a duration needs at least one unit"},
	codeItemUnitUnknown:     {"期間の単位 {v} は使えません（minute, hour, day, week, month, year）", "unknown duration unit {v} (use minute, hour, day, week, month or year)"},
	codeItemUnitDuplicate:   {"単位 {v} が重複しています", "unit {v} is listed twice"},
	codeItemFieldsMissing:   {"リストの列を1つ以上書いてください", "a list needs at least one field"},
	codeItemFieldDuplicate:  {"リストの列 {v} が重複しています", "list field {v} is defined twice"},

	codeProvenanceSource:      {"出典区分 {v} が不明です（verified または reconstructed）", "unknown provenance source {v} (expected verified or reconstructed)"},
	codeProvenanceConfidence:  {"確度 {v} が不明です（high, medium, low）", "unknown confidence {v} (expected high, medium or low)"},
	codeProvenanceNotOfficial: {"正式版（official）に再構成（reconstructed）の項目は含められません", "an official edition cannot contain reconstructed items"},

	codeCondUnknownItem:     {"条件の参照先項目 {v} がありません", "condition refers to unknown item {v}"},
	codeCondCycle:           {"必須条件が循環しています: {v}", "required_when conditions form a cycle: {v}"},
	codeCondNeedsOneValue:   {"equals と in のどちらか一方だけを書いてください", "give exactly one of equals or in"},
	codeCondUnsupportedType: {"条件に使えるのは yes_no, yes_no_detail, choice, multi_choice の項目だけです（{v} は不可）", "conditions can only refer to yes_no, yes_no_detail, choice or multi_choice items, not {v}"},
	codeCondInvalidValue:    {"{v} は参照先項目の回答としてありえません", "{v} is not a possible answer of the referenced item"},
	codeCondAlreadyRequired: {"常に必須の項目に required_when は書けません", "the item is always required, so required_when has no effect"},

	codeKeyUnknownRule:        {"不明な要件判定 {v} です", "unknown key rule {v}"},
	codeKeyRuleTypeMismatch:   {"要件判定 {v} はこの項目の回答形式に使えません", "key rule {v} does not fit this item's answer type"},
	codeKeyNotRequired:        {"一定の要件を考慮すべき項目は必須項目でなければなりません", "a key item must be required"},
	codeKeyChoiceInMissing:    {"choice_in に値を1つ以上書いてください", "the choice_in rule needs at least one value in choice_in"},
	codeKeyChoiceInNotOption:  {"{v} はこの項目の選択肢にありません", "{v} is not an option of this item"},
	codeKeyChoiceInUnexpected: {"choice_in は choice_in 判定でのみ使えます", "choice_in applies only to the choice_in rule"},

	codeAnswerDateInvalid:         {"{v} は正しい日付（YYYY-MM-DD）ではありません", "{v} is not a real date in YYYY-MM-DD form"},
	codeAnswerYearMonthInvalid:    {"{v} は正しい年月（YYYY-MM）ではありません", "{v} is not a year and month in YYYY-MM form"},
	codeAnswerTextMultiline:       {"1行で書いてください", "must be a single line"},
	codeAnswerURLInvalid:          {"{v} は http または https の URL ではありません", "{v} is not an absolute http or https URL"},
	codeAnswerCorpNumberFormat:    {"{v} は13桁の法人番号ではありません", "{v} is not a 13-digit corporate number"},
	codeAnswerCorpNumberCheck:     {"法人番号 {v} のチェックデジットが合いません", "corporate number {v} fails its check digit"},
	codeAnswerIntegerInvalid:      {"{v} は0以上の整数ではありません", "{v} is not a whole number of 0 or more"},
	codeAnswerMoneyInvalid:        {"{v} は金額（整数）ではありません", "{v} is not an amount (whole number)"},
	codeAnswerPeriodMissing:       {"期間（例: 2023年3月期）を書いてください", "state the period (e.g. 2023年3月期)"},
	codeAnswerUnitMissing:         {"単位を書いてください", "state the unit"},
	codeAnswerUnitMismatch:        {"単位 {v} はこの項目の単位と異なります", "unit {v} differs from the item's unit"},
	codeAnswerPercentInvalid:      {"{v} は百分率（数値）ではありません", "{v} is not a percentage"},
	codeAnswerPercentRange:        {"{v} は0〜100の範囲外です", "{v} is outside 0 to 100"},
	codeAnswerDurationInvalid:     {"{v} は期間の長さ（0以上の整数）ではありません", "{v} is not a length (whole number of 0 or more)"},
	codeAnswerDurationUnit:        {"単位 {v} はこの項目では使えません", "unit {v} is not allowed for this item"},
	codeAnswerDetailWithoutYes:    {"詳細を書くときは有/無も答えてください", "a detail needs a yes or no answer"},
	codeAnswerNotAnOption:         {"{v} は選択肢にありません", "{v} is not one of the options"},
	codeAnswerChoiceDuplicate:     {"{v} が重複して選ばれています", "{v} is selected twice"},
	codeAnswerListUnknownField:    {"列 {v} はこの項目にありません", "unknown field {v} in row"},
	codeAnswerContactKindUnknown:  {"連絡手段 {v} が不明です", "unknown contact kind {v}"},
	codeAnswerContactValueMissing: {"連絡先を書いてください", "the contact has no value"},
	codeAnswerContactValueInvalid: {"連絡先 {v} の形式が不正です", "contact {v} is not well-formed"},
}

// MessageJA returns the Japanese text of the problem, for the secretariat's screens.
func (p Problem) MessageJA() string {
	m, ok := messages[p.Code]
	if !ok {
		return "問題があります（" + p.Code + "）"
	}
	return strings.ReplaceAll(m.ja, "{v}", "「"+p.Value+"」")
}

// MessageEN returns the English text of the problem; ValidationError.Error uses it.
func (p Problem) MessageEN() string {
	m, ok := messages[p.Code]
	if !ok {
		return "problem " + p.Code
	}
	return strings.ReplaceAll(m.en, "{v}", quoteEN(p.Value))
}

// quoteEN quotes a value Go-style but keeps non-ASCII text readable (Japanese stays Japanese).
func quoteEN(v string) string {
	v = strings.ReplaceAll(v, `\`, `\\`)
	v = strings.ReplaceAll(v, `"`, `\"`)
	v = strings.ReplaceAll(v, "\n", `\n`)
	return `"` + v + `"`
}
