package publiccache

import (
	"bytes"
	"context"
	"html"
	"strconv"
	"strings"
	"sync"

	"nintei/registry"
)

// rowHeads is, per edition, each item's row heading in a comparison and
// the section (category) it is in, escaped: editions never change, so it
// is built once.
type rowHeads struct{ m sync.Map } // edition ID → editionHeads

// editionHeads are an edition's row headings and sections by item ID.
type editionHeads struct {
	Row     map[string]string // "No Item<br><span class=muted>Question</span>", escaped
	Section map[string]string // "事業者 › 人材", escaped
}

func (s *Server) rowHeadsOf(ctx context.Context, editionID string) (editionHeads, error) {
	if h, ok := s.heads.m.Load(editionID); ok {
		return h.(editionHeads), nil
	}
	wording, err := s.svc.PublicWording(ctx, editionID)
	if err != nil {
		return editionHeads{}, err
	}
	h := rowHeadsFrom(wording)
	s.heads.m.Store(editionID, h)
	return h, nil
}

func rowHeadsFrom(wording map[string]registry.Answer) editionHeads {
	esc := html.EscapeString
	h := editionHeads{Row: make(map[string]string, len(wording)), Section: make(map[string]string, len(wording))}
	for id, a := range wording {
		h.Row[id] = esc(a.No) + " " + esc(a.Item) + `<br><span class="muted">` + esc(a.Question) + `</span>`
		h.Section[id] = esc(strings.Join(a.Category[:min(2, len(a.Category))], " › "))
	}
	return h
}

// compareOptions are the comparison's choices and its fixed words.
type compareOptions struct {
	DiffOnly bool   // only the rows whose answers differ
	Differs  string // the mark of a differing row
	NoDiff   string // what an empty table of differences says
}

// compareSection is one section of a comparison, for its jump list.
type compareSection struct {
	ID, Name    string // Name escaped
	Rows, Diffs int    // rows shown, of which differing
}

// compareTable writes the comparison's rows in Go rather than in the
// template: 68 rows × 5 answers made the template's per-value reflection
// and escaper calls half of a comparison's cost. The rows follow the first
// service's items, each section opened by a heading row; a row whose
// answers are not all the same is marked, and with DiffOnly the others
// are left out. Every text was escaped when its column or the headings
// were made; nothing else is written but fixed markup. It returns the
// sections shown.
func compareTable(b *bytes.Buffer, cols []compareColumn, heads editionHeads, o compareOptions) []compareSection {
	if len(cols) == 0 {
		return nil
	}
	b.Grow(len(cols[0].Items) * (150 + 120*len(cols)))
	differs := html.EscapeString(o.Differs)
	span := strconv.Itoa(len(cols) + 1)
	cells := make([][]byte, len(cols))
	var sections []compareSection
	for k, it := range cols[0].Items {
		differ := false
		for i, c := range cols {
			cells[i] = c.cellAt(k, it.ItemID)
			differ = differ || !bytes.Equal(cells[i], cells[0])
		}
		if o.DiffOnly && !differ {
			continue
		}
		name := heads.Section[string(it.ItemID)]
		if n := len(sections); n == 0 || sections[n-1].Name != name {
			sections = append(sections, compareSection{ID: "sec-" + strconv.Itoa(n+1), Name: name})
			writeSectionRow(b, sections[n], span)
		}
		sec := &sections[len(sections)-1]
		sec.Rows++
		if differ {
			sec.Diffs++
		}
		writeCompareRow(b, heads.Row[string(it.ItemID)], cells, differ, differs)
	}
	if len(sections) == 0 && o.DiffOnly {
		b.WriteString(`<tr><td colspan="` + span + `">` + html.EscapeString(o.NoDiff) + "</td></tr>\n")
	}
	return sections
}

func writeSectionRow(b *bytes.Buffer, sec compareSection, span string) {
	b.WriteString(`<tr class="category" id="` + sec.ID + `"><th scope="colgroup" colspan="` + span + `"><span class="section">`)
	b.WriteString(sec.Name)
	b.WriteString("</span></th></tr>\n")
}

func writeCompareRow(b *bytes.Buffer, head string, cells [][]byte, differ bool, differs string) {
	if differ {
		b.WriteString(`<tr class="differs">`)
	} else {
		b.WriteString(`<tr>`)
	}
	b.WriteString(`<th scope="row">`)
	b.WriteString(head)
	if differ {
		b.WriteString(`<br><span class="tag key">`)
		b.WriteString(differs)
		b.WriteString(`</span>`)
	}
	b.WriteString(`</th>`)
	for _, cell := range cells {
		b.WriteString(`<td class="pre">`)
		if len(cell) == 0 {
			b.WriteString("—")
		}
		b.Write(cell)
		b.WriteString(`</td>`)
	}
	b.WriteString("</tr>\n")
}
