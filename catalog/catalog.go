// Package catalog reads, validates and queries catalog editions: the versioned lists of
// disclosure items (Form B, 申請書B) that applicants answer.
//
// A catalog is data, never code (DOMAIN ): the secretariat imports a new edition file
// when the official item list changes, and nothing here needs to be rebuilt. The file format
// ("nintei-catalog/1") is described in docs/catalog-schema.md; Parse is the only way in, and
// it reports every problem it finds with a line number so that a broken import can be fixed
// in one round.
package catalog

// FormatV1 is the only file format this package reads. A file names its format so that a
// later, incompatible layout can be told apart instead of being half-understood.
const FormatV1 = "nintei-catalog/1"

// Edition is one parsed and validated catalog edition: the scheme it belongs to, its own
// identity, its sources, and its ordered categories and items.
//
// The fields of the file's `edition:` block are flattened into Edition. Items and Categories
// keep the file's order, which is the display order. An Edition returned by Parse is valid;
// callers should treat it as read-only.
type Edition struct {
	Format      string            `json:"format"`
	Scheme      Scheme            `json:"scheme"`
	ID          string            `json:"id"`
	Version     string            `json:"version"`
	TitleJA     string            `json:"title_ja"`
	TitleEN     string            `json:"title_en,omitempty"`
	Status      Status            `json:"status"`
	Published   string            `json:"published,omitempty"` // YYYY-MM-DD, optional
	GuidelineJA string            `json:"guideline_ja,omitempty"`
	Notes       string            `json:"notes,omitempty"`
	Sources     map[string]Source `json:"sources,omitempty"`
	Categories  []Category        `json:"categories"`
	Items       []Item            `json:"items"`
}

// Status tells whether an edition is the official item list or a working draft, so the UI
// can warn reviewers that decisions made against a draft need re-checking.
type Status string

// The edition statuses a file may declare.
const (
	StatusDraft    Status = "draft"
	StatusOfficial Status = "official"
)

// Scheme is the certification program an edition belongs to (for example IaaS・PaaS（IoT）).
// Several editions of one scheme share it; a second scheme needs only a new file.
type Scheme struct {
	ID     string `json:"id"`
	NameJA string `json:"name_ja"`
	NameEN string `json:"name_en,omitempty"`
	// NumberPrefix starts every certificate number of the scheme: "<prefix> NNNN-YYMM".
	NumberPrefix string `json:"number_prefix"`
	// ValidityYears is how long a certificate and mark stay valid.
	ValidityYears int `json:"validity_years"`
}

// Source is a document that provenance and key rules cite as evidence, so every item can
// show where its wording comes from. URL is optional (an unpublished document has none).
type Source struct {
	URL   string `json:"url,omitempty"`
	Title string `json:"title"`
}

// Category groups items for display (審査対象項目 headings). Categories nest through Parent,
// e.g. 事業者 > 事業所・事業 > 事業所等の概要; IDs are stable ASCII so that answers and
// reviews can refer to them across editions.
type Category struct {
	ID     string `json:"id"`
	NameJA string `json:"name_ja"`
	NameEN string `json:"name_en,omitempty"`
	Parent string `json:"parent,omitempty"`
}

// Item is one disclosure row of Form B: what the applicant must disclose and how.
type Item struct {
	// ID is stable across editions that keep the row, e.g. "IPIOT-001".
	ID string `json:"id"`
	// No is the display number, if the guideline gives one; sub-rows repeat their parent's.
	No       string `json:"no,omitempty"`
	Category string `json:"category"`
	// Parent makes this item a sub-row of an earlier item in the same category.
	Parent string     `json:"parent,omitempty"`
	ItemJA string     `json:"item_ja"` // 審査対象項目
	NameJA string     `json:"name_ja"` // 記述内容
	NameEN string     `json:"name_en,omitempty"`
	Answer AnswerSpec `json:"answer"`
	// Required marks a mandatory item (必須開示項目); false means optional (選択).
	Required bool `json:"required"`
	// RequiredWhen makes an optional item mandatory when another item's answer matches.
	RequiredWhen *Condition `json:"required_when,omitempty"`
	// Key marks a key item (一定の要件を考慮すべき項目, R-5.3) and says how to tell that the
	// measure is in place.
	Key        *KeyRule   `json:"key,omitempty"`
	Provenance Provenance `json:"provenance"`
}

// AnswerSpec says what kind of answer an item takes, with the type's parameters.
// Only the parameters of Type are set; Parse rejects the others.
type AnswerSpec struct {
	Type AnswerType `json:"type"`
	// Unit is the fixed unit of integer and money answers (e.g. 名, 千円); empty means the
	// applicant states the unit in the answer.
	Unit string `json:"unit,omitempty"`
	// Units lists the units a duration answer may use (see DurationUnits).
	Units []string `json:"units,omitempty"`
	// Options lists the choices of choice and multi_choice answers, in display order.
	Options []string `json:"options,omitempty"`
	// Fields lists the columns of each row of a list answer.
	Fields []ListField `json:"fields,omitempty"`
}

// ListField is one column of a list answer (e.g. 株主名, 出資比率).
type ListField struct {
	ID     string `json:"id"`
	NameJA string `json:"name_ja"`
	NameEN string `json:"name_en,omitempty"`
}

// Condition is the trigger of Item.RequiredWhen: the item becomes required when the answer
// to Condition.Item equals Equals, or is one of In. Exactly one of Equals and In is set.
// Values are "yes"/"no" for yes_no and yes_no_detail items, option texts for choice and
// multi_choice items (a multi_choice answer matches when any selected option matches).
type Condition struct {
	Item   string   `json:"item"`
	Equals string   `json:"equals,omitempty"`
	In     []string `json:"in,omitempty"`
}

// KeyRule says how to decide that a key item's measure is in place. A key item
// whose measure is absent makes the application fail, whatever else it discloses.
type KeyRule struct {
	Rule KeyRuleKind `json:"rule"`
	// ChoiceIn lists the options that count as "in place" for the choice_in rule.
	ChoiceIn []string `json:"choice_in,omitempty"`
	// LabelJA states the requirement to reviewers, e.g. 規程等が整備されていること.
	LabelJA string `json:"label_ja"`
	LabelEN string `json:"label_en,omitempty"`
	// Evidence lists the source ids the requirement itself comes from.
	Evidence []string `json:"evidence,omitempty"`
}

// KeyRuleKind names how a key measure is detected from an answer.
type KeyRuleKind string

// The key rule kinds. Parse checks that each is used only with answer types it fits.
const (
	// KeyYes: a yes_no or yes_no_detail item answered yes.
	KeyYes KeyRuleKind = "yes"
	// KeyYesWithDetail: a yes_no_detail item answered yes with a non-empty detail.
	KeyYesWithDetail KeyRuleKind = "yes_with_detail"
	// KeyNonEmpty: any answer at all (not for yes/no or contacts items, where it would
	// accept "no" or an empty contact list).
	KeyNonEmpty KeyRuleKind = "nonempty"
	// KeyContacts: a contacts item with at least one contact channel that has a value.
	KeyContacts KeyRuleKind = "contacts"
	// KeyChoiceIn: a choice or multi_choice item whose answer includes one of ChoiceIn.
	KeyChoiceIn KeyRuleKind = "choice_in"
)

// Provenance records where an item comes from and how far it can be trusted, because a
// draft catalog mixes verified rows with reconstructed ones and the UI must show which.
type Provenance struct {
	Source     SourceKind `json:"source"`
	Confidence Confidence `json:"confidence"`
	Evidence   []string   `json:"evidence,omitempty"` // source ids
	Scope      string     `json:"scope,omitempty"`    // what exactly was verified
	Notes      string     `json:"notes,omitempty"`
}

// SourceKind tells whether an item's wording was seen in a source or reconstructed.
type SourceKind string

// The provenance source kinds.
const (
	SourceVerified      SourceKind = "verified"
	SourceReconstructed SourceKind = "reconstructed"
)

// Confidence is how likely an item, its wording and its 必須/選択 are right.
type Confidence string

// The confidence levels.
const (
	ConfidenceHigh   Confidence = "high"
	ConfidenceMedium Confidence = "medium"
	ConfidenceLow    Confidence = "low"
)
