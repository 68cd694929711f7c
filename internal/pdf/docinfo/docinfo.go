// Package docinfo gives a finished PDF what ISO 32000-1 asks of its
// metadata and gopdf does not write: the document information dictionary as
// an indirect object (§14.3.3, trailer /Info n 0 R), the file identifier
// (§14.4, trailer /ID) and XMP metadata in the catalog (§14.3.2, /Metadata).
//
// It does so by an incremental update (§7.5.6): the original bytes are kept
// as they are and a new catalog, the two new objects, a cross-reference
// section for them and a new trailer are appended. Nothing gopdf wrote is
// re-serialised, so this package needs to read only the cross-reference
// tables, the trailer and the catalog, never a content stream or a font.
package docinfo

import (
	"bytes"
	"crypto/md5" // #nosec G501 -- the file identifier is not a security measure; §14.4 suggests MD5
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unicode/utf16"
)

// Info is the document's metadata, written both as the information
// dictionary and as XMP (the two must agree, as PDF/A checks).
type Info struct {
	Title    string    // /Title, dc:title
	Author   string    // /Author, dc:creator: who issues the document
	Creator  string    // /Creator, xmp:CreatorTool: the application that made it
	Producer string    // /Producer, pdf:Producer: what wrote the PDF
	Created  time.Time // /CreationDate and /ModDate, xmp:CreateDate and xmp:ModifyDate
}

// Append returns doc with the information dictionary, /ID and the XMP
// metadata appended as an incremental update. doc must be an unencrypted
// PDF with cross-reference tables, as gopdf writes.
func Append(doc []byte, in Info) ([]byte, error) {
	x, err := readXref(doc)
	if err != nil {
		return nil, err
	}
	if lookup(x.trailer, "Encrypt") != nil {
		return nil, fmt.Errorf("%w: encrypted", errSyntax) // our strings would be read as ciphertext
	}
	root, ok := parseRef(lookup(x.trailer, "Root"))
	if !ok {
		return nil, syntaxErr(x.start, "no /Root in the trailer")
	}
	size, err := strconv.Atoi(string(lookup(x.trailer, "Size")))
	if err != nil {
		return nil, syntaxErr(x.start, "no /Size in the trailer")
	}
	catalog, err := x.indirect(doc, root)
	if err != nil {
		return nil, err
	}
	infoRef, metaRef := ref{size, 0}, ref{size + 1, 0}

	out := bytes.NewBuffer(slices.Clip(doc))
	if !bytes.HasSuffix(doc, []byte("\n")) {
		out.WriteByte('\n')
	}
	at := map[ref]int{}
	writeObj := func(r ref, body string) {
		at[r] = out.Len()
		fmt.Fprintf(out, "%d %d obj\n%s\nendobj\n", r.num, r.gen, body)
	}
	writeObj(infoRef, infoDict(in))
	xmp := xmpPacket(in)
	writeObj(metaRef, fmt.Sprintf("<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream", len(xmp), xmp))
	writeObj(root, catalogWith(catalog, metaRef))

	id := "<" + fileID(doc, in) + ">"
	first := permanentID(lookup(x.trailer, "ID"), id)
	xrefAt := out.Len()
	writeXref(out, at)
	fmt.Fprintf(out, "trailer\n<< /Size %d /Root %d %d R /Info %d 0 R /ID [%s %s] /Prev %d >>\nstartxref\n%d\n%%%%EOF\n",
		size+2, root.num, root.gen, infoRef.num, first, id, x.start, xrefAt)
	return out.Bytes(), nil
}

// catalogWith is the catalog's dictionary with /Metadata pointing at m,
// every other entry written as it was.
func catalogWith(catalog []entry, m ref) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<< /Metadata %d %d R", m.num, m.gen)
	for _, e := range catalog {
		if e.key == "Metadata" {
			continue
		}
		fmt.Fprintf(&b, "\n/%s %s", e.key, e.value)
	}
	b.WriteString(" >>")
	return b.String()
}

// writeXref writes the cross-reference section of the update: one
// subsection per run of consecutive object numbers (§7.5.4).
func writeXref(out *bytes.Buffer, at map[ref]int) {
	refs := make([]ref, 0, len(at))
	for r := range at {
		refs = append(refs, r)
	}
	slices.SortFunc(refs, func(a, b ref) int { return a.num - b.num })
	out.WriteString("xref\n")
	for i := 0; i < len(refs); {
		j := i + 1
		for j < len(refs) && refs[j].num == refs[j-1].num+1 {
			j++
		}
		fmt.Fprintf(out, "%d %d\n", refs[i].num, j-i)
		for _, r := range refs[i:j] {
			fmt.Fprintf(out, "%010d %05d n \n", at[r], r.gen)
		}
		i = j
	}
}

// fileID is the file identifier (§14.4): an MD5 of the original file and
// the metadata, the same in both halves as for a newly created file.
func fileID(doc []byte, in Info) string {
	h := md5.New() // #nosec G401 -- an identifier, not a signature
	h.Write(doc)
	fmt.Fprintf(h, "%q %q %q %q %s", in.Title, in.Author, in.Creator, in.Producer, in.Created.UTC().Format(time.RFC3339))
	return hex.EncodeToString(h.Sum(nil))
}

// permanentID is the first string of the file's /ID, which an update
// keeps (§14.4), or id for a file that had none.
func permanentID(old []byte, id string) string {
	if len(old) < 2 || old[0] != '[' {
		return id
	}
	start := skip(old, 1)
	end, err := object(old, start)
	if err != nil || start == end || (old[start] != '<' && old[start] != '(') {
		return id
	}
	return string(old[start:end])
}

// infoDict writes the document information dictionary (§14.3.3), text
// strings in UTF-16BE with its byte order mark (§7.9.2.2).
func infoDict(in Info) string {
	var b bytes.Buffer
	b.WriteString("<<")
	for _, kv := range [][2]string{{"Title", in.Title}, {"Author", in.Author}, {"Creator", in.Creator}, {"Producer", in.Producer}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, " /%s %s", kv[0], textString(kv[1]))
		}
	}
	if !in.Created.IsZero() {
		d := pdfDate(in.Created)
		fmt.Fprintf(&b, " /CreationDate (%s) /ModDate (%s)", d, d)
	}
	b.WriteString(" >>")
	return b.String()
}

func textString(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfDate is D:YYYYMMDDHHmmSS+HH'mm' (§7.9.4).
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, off/3600, off%3600/60)
}
