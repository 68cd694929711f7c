package ui

import (
	"net/url"
	"testing"
	"time"

	"nintei/catalog"
)

// FuzzFormDecoding feeds arbitrary url-encoded bodies to the Form A and
// Form B decoders: they must never panic, must return one entry per item,
// and what they return must survive the service's normalisation.
func FuzzFormDecoding(f *testing.F) {
	for _, seed := range []string{
		"a.IPIOT-001.value=2026-11-01&a.IPIOT-001.evidence_doc=%E4%BC%9A%E7%A4%BE%E6%A6%82%E8%A6%81",
		"a.IPIOT-018.yes=yes&a.IPIOT-018.detail=x&a.IPIOT-060.contacts.0.kind=phone&a.IPIOT-060.contacts.0.value=03-1234-5678",
		"a.IPIOT-015.rows.0.name=A&a.IPIOT-015.rows.49.ratio=10&a.IPIOT-015.rows.50.name=z",
		"provider.name=%00&agents.0.name=x&agents.19.contact=y&service.bases=hardware&service.bases=%FF",
		"a.IPIOT-053.value=%E5%9B%BD%E5%86%85&a.IPIOT-053.choices=a&a.IPIOT-053.choices=",
		"%zz=1&a..value=&a.IPIOT-001.value=%EF%BC%92%EF%BC%90",
	} {
		f.Add(seed)
	}
	ed, err := catalog.DefaultEdition()
	if err != nil {
		f.Fatal(err)
	}
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body string) {
		form, _ := url.ParseQuery(body)
		entries := parseEntries(ed.Items, form)
		if len(entries) != len(ed.Items) {
			t.Fatalf("%d entries for %d items", len(entries), len(ed.Items))
		}
		for i, e := range entries {
			it := ed.Items[i]
			if e.ItemID != it.ID {
				t.Fatalf("entry %d is for %s, want %s", i, e.ItemID, it.ID)
			}
			_ = it.ValidateAnswer(it.Normalize(e.Answer))
		}
		fa := parseFormA(form)
		_ = fa.Normalize().Problems(today)
		_ = parseLinks(ed.Items, form)
	})
}
