package ui

import (
	"testing"

	"nintei/incident"
	"nintei/internal/i18n"
)

// The messages the incident and supervision pages pick from maps of full
// keys exist in both languages (the template test sees only literal keys).
func TestIncidentMessageKeysExist_R11(t *testing.T) {
	msgs := i18n.MustLoad()
	for _, m := range []map[string]string{incidentKindKeys, incidentStageKeys, incidentStateKeys, noticeVerdictKeys, maintenanceFlash,
		supervisionKindKeys, supervisionStateKeys, incidentsPage{}.FieldKeys()} {
		for _, key := range m {
			for _, lang := range i18n.Langs {
				if got := msgs.T(lang, key, nil); got == key || got == "" {
					t.Errorf("%s: %q has no text", lang, key)
				}
			}
		}
	}
	for _, kind := range incident.Kinds {
		if incidentKindKeys[kind] == "" {
			t.Errorf("kind %q has no message", kind)
		}
	}
	for _, kind := range incident.RequestKinds {
		if supervisionKindKeys[kind] == "" {
			t.Errorf("request kind %q has no message", kind)
		}
	}
}
