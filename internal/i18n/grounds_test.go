package i18n

import "testing"

// Revocation ground j reads as the program's text, in both languages.
func TestRevocationGroundJ_R11_5(t *testing.T) {
	c := MustLoad()
	for lang, want := range map[Lang]string{
		Japanese: "j) 不法行為及び法令違反行為を行ったとき",
		English:  "j) Committed unlawful acts or violations of law",
	} {
		if got := c.T(lang, "lifecycle.ground.j", nil); got != want {
			t.Errorf("%s: ground j = %q, want %q", lang, got, want)
		}
	}
}
