package catalog

// Problem codes. They are stable keys: UIs, logs and tests match on them, so a code is never
// renamed, only added. A code is also the problem's message key: its Japanese and English
// text live in the message catalog (internal/i18n/messages/*.catalogcheck.yaml), where
// "{Value}" stands for the problem's Value. This package carries no sentence of its own.
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

// codes lists every code, so that the message catalog can be checked to hold them all.
var codes = []string{
	codeYAMLSyntax, codeYAMLNotUTF8, codeYAMLControlChar, codeYAMLEmpty, codeYAMLMultipleDocuments,
	codeYAMLAlias, codeYAMLDuplicateKey, codeFormatUnsupported, codeFieldUnknown, codeFieldMissing,
	codeFieldEmpty, codeFieldNotMapping, codeFieldNotList, codeFieldNotString, codeFieldNotBool,
	codeFieldNotInteger, codeIDSyntax, codeSchemePrefixSyntax, codeSchemeValidityRange,
	codeEditionStatusUnknown, codeEditionPublishedBad, codeSourceURLInvalid,
	codeEvidenceUnknownSource, codeCategoryDuplicateID, codeCategoryUnknownParent,
	codeCategoryParentCycle, codeItemDuplicateID, codeItemUnknownCategory, codeItemUnknownParent,
	codeItemParentNotBefore, codeItemParentCategory, codeItemUnknownType, codeItemParamNotAllowed,
	codeItemOptionsMissing, codeItemOptionDuplicate, codeItemUnitsMissing, codeItemUnitUnknown,
	codeItemUnitDuplicate, codeItemFieldsMissing, codeItemFieldDuplicate, codeProvenanceSource,
	codeProvenanceConfidence, codeProvenanceNotOfficial, codeCondUnknownItem, codeCondCycle,
	codeCondNeedsOneValue, codeCondUnsupportedType, codeCondInvalidValue, codeCondAlreadyRequired,
	codeKeyUnknownRule, codeKeyRuleTypeMismatch, codeKeyNotRequired, codeKeyChoiceInMissing,
	codeKeyChoiceInNotOption, codeKeyChoiceInUnexpected, codeAnswerDateInvalid,
	codeAnswerYearMonthInvalid, codeAnswerTextMultiline, codeAnswerURLInvalid,
	codeAnswerCorpNumberFormat, codeAnswerCorpNumberCheck, codeAnswerIntegerInvalid,
	codeAnswerMoneyInvalid, codeAnswerPeriodMissing, codeAnswerUnitMissing, codeAnswerUnitMismatch,
	codeAnswerPercentInvalid, codeAnswerPercentRange, codeAnswerDurationInvalid,
	codeAnswerDurationUnit, codeAnswerDetailWithoutYes, codeAnswerNotAnOption,
	codeAnswerChoiceDuplicate, codeAnswerListUnknownField, codeAnswerContactKindUnknown,
	codeAnswerContactValueMissing, codeAnswerContactValueInvalid,
	codeMapFormat, codeMapFromEdition, codeMapToEdition, codeMapSchemeMismatch, codeMapKindUnknown, codeMapArity,
	codeMapUnknownFrom, codeMapUnknownTo, codeMapFromTwice, codeMapToTwice, codeMapFromMissing,
	codeMapToMissing,
}

// Codes returns every problem code (every message key) this package uses.
func Codes() []string { return append([]string(nil), codes...) }

// Mapping file codes (ParseMapping).
const (
	codeMapFormat         = "catalog.mapping.format_unsupported"
	codeMapFromEdition    = "catalog.mapping.from_edition"
	codeMapToEdition      = "catalog.mapping.to_edition"
	codeMapSchemeMismatch = "catalog.mapping.scheme_mismatch"
	codeMapKindUnknown    = "catalog.mapping.kind_unknown"
	codeMapArity          = "catalog.mapping.arity"
	codeMapUnknownFrom    = "catalog.mapping.unknown_from_item"
	codeMapUnknownTo      = "catalog.mapping.unknown_to_item"
	codeMapFromTwice      = "catalog.mapping.from_twice"
	codeMapToTwice        = "catalog.mapping.to_twice"
	codeMapFromMissing    = "catalog.mapping.from_missing"
	codeMapToMissing      = "catalog.mapping.to_missing"
)
