package catalog

// DiffRow is one line of the differences between two editions: old items,
// the new items they became, and how.
type DiffRow struct {
	Kind    MapKind
	From    []Item
	To      []Item
	Wording bool // a kept item whose heading or description changed
	Type    bool // the answer type changed: the carried answer needs a look
	Note    string
}

// Changed reports whether the row is anything but an item kept as it was.
func (r DiffRow) Changed() bool { return r.Kind != MapKept || r.Wording || r.Type }

// Diff lists the differences from edition a to edition b. With the
// mapping between them (m may be nil), rows follow the mapping; without
// one, items are matched by ID: same ID kept, only in b new, only in a
// removed.
func Diff(a, b *Edition, m *Mapping) []DiffRow {
	if m == nil {
		m = mappingByID(a, b)
	}
	out := make([]DiffRow, 0, len(m.Rows))
	for _, r := range m.Rows {
		row := DiffRow{Kind: r.Kind, Note: r.Note}
		for _, id := range r.From {
			if it, ok := a.Item(id); ok {
				row.From = append(row.From, it)
			}
		}
		for _, id := range r.To {
			if it, ok := b.Item(id); ok {
				row.To = append(row.To, it)
			}
		}
		if r.Kind == MapKept && len(row.From) == 1 && len(row.To) == 1 {
			o, n := row.From[0], row.To[0]
			row.Wording = o.ItemJA != n.ItemJA || o.NameJA != n.NameJA
			row.Type = o.Answer.Type != n.Answer.Type
		}
		out = append(out, row)
	}
	return out
}

// mappingByID is the mapping two editions imply when none was imported.
func mappingByID(a, b *Edition) *Mapping {
	m := &Mapping{Format: FormatMappingV1, From: a.ID, To: b.ID}
	for _, it := range b.Items {
		if _, ok := a.Item(it.ID); ok {
			m.Rows = append(m.Rows, MappingRow{Kind: MapKept, From: []string{it.ID}, To: []string{it.ID}})
		} else {
			m.Rows = append(m.Rows, MappingRow{Kind: MapNew, To: []string{it.ID}})
		}
	}
	for _, it := range a.Items {
		if _, ok := b.Item(it.ID); !ok {
			m.Rows = append(m.Rows, MappingRow{Kind: MapRemoved, From: []string{it.ID}})
		}
	}
	return m
}
