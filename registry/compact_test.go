package registry

import (
	"reflect"
	"testing"
)

func TestCompactRoundTrip(t *testing.T) {
	s := Service{EditionID: "iaas-paas-iot-2026", ServiceURL: "https://x.example.jp/", Overview: "概要:\n改行",
		Bases: []string{"system", "network"}, Items: []Answer{
			{ItemID: "IPIOT-001", Text: "2026年11月1日"},
			{ItemID: "IPIOT-009", WithheldUntil: "2027-03-31"},
			{ItemID: "IPIOT-010", Text: "12:34 with: colons\x00NUL\nand lines"},
			{ItemID: "IPIOT-011", Text: ""},
		}}
	got, err := DecodeCompact(EncodeCompact(s))
	if err != nil {
		t.Fatal(err)
	}
	want := Compact{EditionID: s.EditionID, ServiceURL: s.ServiceURL, Overview: s.Overview, Bases: s.Bases,
		Answers: []CompactAnswer{{"IPIOT-001", "", "2026年11月1日"}, {"IPIOT-009", "2027-03-31", ""},
			{"IPIOT-010", "", "12:34 with: colons\x00NUL\nand lines"}, {"IPIOT-011", "", ""}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip = %+v", got)
	}
	for _, bad := range []string{"", "x", "5:abc", "3:abc0:0:0:2:", "3:abc0:0:0:-1:x", "3:abc0:0:0:1:a1:b9:c", "00:0:0:0:"} {
		if _, err := DecodeCompact(bad); err == nil {
			t.Errorf("DecodeCompact(%q) accepted", bad)
		}
	}
}

func FuzzDecodeCompact(f *testing.F) {
	f.Add(EncodeCompact(Service{EditionID: "e", Bases: []string{"a"}, Items: []Answer{{ItemID: "a", Text: "b"}}}))
	f.Add("3:abc")
	f.Fuzz(func(t *testing.T, c string) {
		x, err := DecodeCompact(c)
		if err != nil {
			return
		}
		s := Service{EditionID: x.EditionID, ServiceURL: x.ServiceURL, Overview: x.Overview, Bases: x.Bases}
		for _, a := range x.Answers {
			s.Items = append(s.Items, Answer{ItemID: a.ItemID, WithheldUntil: a.WithheldUntil, Text: a.Text})
		}
		if EncodeCompact(s) != c {
			t.Errorf("re-encoding %q differs", c)
		}
	})
}
