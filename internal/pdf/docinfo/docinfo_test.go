package docinfo

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// minimal writes a one-page PDF whose catalog and trailer are given, with
// a correct cross-reference table.
func minimal(catalog, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	objs := []string{catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"}
	var at []int
	for i, o := range objs {
		at = append(at, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range at {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return b.Bytes()
}

var sample = Info{Title: "認定証 <1> & (2)", Author: "一般社団法人 見本認定機構", Creator: "nintei", Producer: "nintei (gopdf)",
	Created: time.Date(2026, 11, 27, 9, 30, 0, 0, time.FixedZone("JST", 9*3600))}

// The update's trailer points at a new indirect information dictionary
// and a new catalog whose /Metadata replaces any old one, keeping every
// other entry byte for byte — even strings with parentheses and nested
// dictionaries — and a second update chains to the first through /Prev.
func TestAppend(t *testing.T) {
	catalog := "<< /Type /Catalog /Pages 2 0 R /Lang (ja\\)\\(x) /Metadata 9 0 R\n/ViewerPreferences << /DisplayDocTitle true >> /Names [(a(b)c) <41>] >>"
	doc := minimal(catalog, "<< /Size 4 /Root 1 0 R /Info << /Title (old (nested) title) >> >>")
	once, err := Append(doc, sample)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(once, doc) {
		t.Fatal("the original bytes were changed: an incremental update only appends")
	}
	twice, err := Append(once, sample)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string][]byte{"once": once, "twice": twice} {
		x, err := readXref(out)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		info, ok := parseRef(lookup(x.trailer, "Info"))
		if !ok {
			t.Fatalf("%s: trailer /Info is %q, want a reference", name, lookup(x.trailer, "Info"))
		}
		d, err := x.indirect(out, info)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(lookup(d, "Title")), textString(sample.Title); got != want {
			t.Errorf("%s: /Title %s, want %s", name, got, want)
		}
		if got := string(lookup(d, "CreationDate")); got != "(D:20261127093000+09'00')" {
			t.Errorf("%s: /CreationDate %s", name, got)
		}
		cat, err := x.indirect(out, ref{1, 0})
		if err != nil {
			t.Fatal(err)
		}
		meta, _ := parseRef(lookup(cat, "Metadata"))
		if meta.num != info.num+1 || len(cat) != 6 {
			t.Errorf("%s: catalog %q, want /Metadata %d 0 R and the five other entries", name, cat, info.num+1)
		}
		for _, kv := range [][2]string{{"Lang", `(ja\)\(x)`}, {"ViewerPreferences", "<< /DisplayDocTitle true >>"}, {"Names", "[(a(b)c) <41>]"}} {
			if got := string(lookup(cat, kv[0])); got != kv[1] {
				t.Errorf("%s: /%s %s, want %s", name, kv[0], got, kv[1])
			}
		}
		if id := lookup(x.trailer, "ID"); len(id) != 71 {
			t.Errorf("%s: /ID %s", name, id)
		}
	}
	// §14.4: an update keeps the first, permanent, identifier and changes the second.
	x1, _ := readXref(once)
	x2, _ := readXref(twice)
	id1, id2 := bytes.Fields(bytes.Trim(lookup(x1.trailer, "ID"), "[]")), bytes.Fields(bytes.Trim(lookup(x2.trailer, "ID"), "[]"))
	if !bytes.Equal(id1[0], id1[1]) || !bytes.Equal(id2[0], id1[0]) || bytes.Equal(id2[1], id1[1]) {
		t.Errorf("/ID once %s, twice %s: want the first kept and the second changed", id1, id2)
	}
	qpdfCheck(t, twice)
}

// The XMP packet escapes the title and carries the same dates as the
// information dictionary.
func TestXMP(t *testing.T) {
	x := string(xmpPacket(sample))
	for _, want := range []string{`<rdf:li xml:lang="x-default">認定証 &lt;1&gt; &amp; (2)</rdf:li>`, "<rdf:li>一般社団法人 見本認定機構</rdf:li>",
		"<xmp:CreateDate>2026-11-27T09:30:00+09:00</xmp:CreateDate>", "<pdf:Producer>nintei (gopdf)</pdf:Producer>"} {
		if !strings.Contains(x, want) {
			t.Errorf("XMP lacks %q:\n%s", want, x)
		}
	}
}

// What this package cannot update safely it refuses rather than guesses.
func TestAppendRefuses(t *testing.T) {
	ok := minimal("<< /Type /Catalog /Pages 2 0 R >>", "<< /Size 4 /Root 1 0 R >>")
	cases := map[string][]byte{
		"encrypted":      minimal("<< /Type /Catalog /Pages 2 0 R >>", "<< /Size 4 /Root 1 0 R /Encrypt 5 0 R >>"),
		"no root":        minimal("<< /Type /Catalog /Pages 2 0 R >>", "<< /Size 4 >>"),
		"xref stream":    bytes.Replace(ok, []byte("xref\n0 4"), []byte("7 0 obj\n<<"), 1),
		"truncated":      ok[:len(ok)/2],
		"bad startxref":  append(bytes.TrimSuffix(ok, []byte("%%EOF\n")), []byte("startxref\n99999\n%%EOF\n")...),
		"catalog string": minimal("<< /Type /Catalog /Pages 2 0 R /Lang (ja >>", "<< /Size 4 /Root 1 0 R >>"),
	}
	for name, doc := range cases {
		if _, err := Append(doc, sample); !errors.Is(err, errSyntax) {
			t.Errorf("%s: err = %v, want errSyntax", name, err)
		}
	}
}

// FuzzAppend: no input makes Append panic or loop.
func FuzzAppend(f *testing.F) {
	f.Add(minimal("<< /Type /Catalog /Pages 2 0 R >>", "<< /Size 4 /Root 1 0 R >>"))
	f.Add(minimal("<< /Type /Catalog /Pages 2 0 R /A [[<<>>]] /B (\\) >>", "<< /Size 4 /Root 1 0 R /Prev 0 >>"))
	f.Fuzz(func(t *testing.T, doc []byte) {
		_, _ = Append(doc, sample)
	})
}

// qpdfCheck runs qpdf --check when qpdf is installed (internal/pdf's
// tests require it in CI on the real documents).
func qpdfCheck(t *testing.T, doc []byte) {
	t.Helper()
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		return
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(qpdf, "--check", file).CombinedOutput(); err != nil || strings.Contains(strings.ToLower(string(out)), "warning") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}
