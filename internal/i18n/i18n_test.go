package i18n

import "testing"

func TestEveryLanguageHasEveryKey(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if missing := c.Missing(); len(missing) > 0 {
		t.Errorf("missing translations: %v", missing)
	}
	if len(c.Keys()) < 100 {
		t.Errorf("only %d keys loaded", len(c.Keys()))
	}
}

func TestPlaceholders(t *testing.T) {
	c := MustLoad()
	got := c.T(Japanese, "error.password.too_short", map[string]any{"Min": 10})
	if want := "パスワードは 10 文字以上にしてください。"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := c.T(English, "no.such.key", nil); got != "no.such.key" {
		t.Errorf("unknown key gave %q", got)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"ja": Japanese, "en-US": English, "EN": English, "fr": "", "": ""} {
		if got := Parse(in); got != want {
			t.Errorf("Parse(%q) = %q, want %q", in, got, want)
		}
	}
}
