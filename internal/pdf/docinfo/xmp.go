package docinfo

import (
	"bytes"
	"encoding/xml"
	"time"
)

// xmpPacket is the XMP metadata (ISO 16684-1) carrying what infoDict
// carries, property for property as PDF/A maps them: /Title dc:title,
// /Author dc:creator, /Creator xmp:CreatorTool, /Producer pdf:Producer,
// the dates xmp:CreateDate, xmp:ModifyDate. The stream is left
// uncompressed so that tools which only scan for the packet find it.
func xmpPacket(in Info) []byte {
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n" +
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n" +
		`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"` +
		` xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n" +
		"<dc:format>application/pdf</dc:format>\n")
	if in.Title != "" {
		b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(in.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if in.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(in.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if in.Creator != "" {
		b.WriteString("<xmp:CreatorTool>" + esc(in.Creator) + "</xmp:CreatorTool>\n")
	}
	if !in.Created.IsZero() {
		d := in.Created.Truncate(time.Second).Format(time.RFC3339)
		b.WriteString("<xmp:CreateDate>" + d + "</xmp:CreateDate>\n<xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n" +
			"<xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n")
	}
	if in.Producer != "" {
		b.WriteString("<pdf:Producer>" + esc(in.Producer) + "</pdf:Producer>\n")
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return b.Bytes()
}

// esc escapes text for XML; characters XML cannot carry become U+FFFD.
func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writes to a bytes.Buffer never fail
	return b.String()
}
