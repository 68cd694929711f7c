package public

import (
	"testing"

	"nintei/internal/i18n"
)

// The states of published improvement requests have their text in both
// languages (the template test sees only literal keys).
func TestImprovementMessageKeysExist_R11_3(t *testing.T) {
	msgs := i18n.MustLoad()
	for _, key := range publicImprovementKeys {
		for _, lang := range i18n.Langs {
			if got := msgs.T(lang, key, nil); got == key || got == "" {
				t.Errorf("%s: %q has no text", lang, key)
			}
		}
	}
}
