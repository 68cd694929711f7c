package certification

import "testing"

func TestCanonicalNumberReadsWhatPeopleType_R8_4(t *testing.T) {
	prefixes := []string{"IP-IoT", "ASP-SaaS"}
	for _, tc := range []struct{ typed, want string }{
		{"IP-IoT 0001-2612", "IP-IoT 0001-2612"},
		{"  IP-IoT 0001-2612\t", "IP-IoT 0001-2612"},
		{"IP-IoT0001-2612", "IP-IoT 0001-2612"},
		{"ip-iot 0001-2612", "IP-IoT 0001-2612"},
		{"ＩＰ－ＩｏＴ　０００１－２６１２", "IP-IoT 0001-2612"},
		{"ｉｐ－ｉｏｔ０００１－２６１２", "IP-IoT 0001-2612"},
		{"IP‐IoT 0001‐2612", "IP-IoT 0001-2612"},
		{"IP‑IoT 0001‑2612", "IP-IoT 0001-2612"},
		{"IP–IoT 0001–2612", "IP-IoT 0001-2612"},
		{"IP—IoT 0001—2612", "IP-IoT 0001-2612"},
		{"IPーIoT 0001ー2612", "IP-IoT 0001-2612"},
		{"IPｰIoT 0001ｰ2612", "IP-IoT 0001-2612"},
		{"IP−IoT 0001−2612", "IP-IoT 0001-2612"},
		{"IPIoT 00012612", "IP-IoT 0001-2612"},
		{"ip iot 0001 2612", "IP-IoT 0001-2612"},
		{"IP-IoT 12345-2612", "IP-IoT 12345-2612"},
		{"IP-IoT 00012-2612", "IP-IoT 0012-2612"},
		{"asp-saas 0007-2701", "ASP-SaaS 0007-2701"},
	} {
		got, ok := CanonicalNumber(tc.typed, prefixes)
		if !ok || got != tc.want {
			t.Errorf("CanonicalNumber(%q) = %q, %v; want %q", tc.typed, got, ok, tc.want)
		}
	}
	for _, typed := range []string{"", "   ", "IP-IoT", "IP-IoT 0001", "IP-IoT 0001-26", "IP-IoT 0001-2613", "IP-IoT 0000-2612",
		"XX-IoT 0001-2612", "IP-IoT 0001-2612x", "IP-IoT 0001/2612", "IP-IoT ０００１-２６１２ 追加", "<script>", "IP-IoT 0001-2600"} {
		if got, ok := CanonicalNumber(typed, prefixes); ok {
			t.Errorf("CanonicalNumber(%q) = %q, want no number", typed, got)
		}
	}
}
