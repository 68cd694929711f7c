package config

import (
	"os"
	"strings"
	"testing"
)

// The inquiry answer period defaults to 14 days and the closing period to
// 30; a flag or the environment changes them; a bad value is named.
func TestCaseworkDefaultsAndSettings(t *testing.T) {
	c, _, err := Load("t", nil, func(string) string { return "" }, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	if c.Casework != (Casework{InquiryAnswerDays: 14, StalledCloseDays: 30}) {
		t.Errorf("defaults = %+v", c.Casework)
	}
	env := map[string]string{"NINTEI_INQUIRY_ANSWER_DAYS": "10"}
	c, _, err = Load("t", []string{"--stalled-close-days", "45"}, func(k string) string { return env[k] }, os.Stderr)
	if err != nil || c.Casework != (Casework{InquiryAnswerDays: 10, StalledCloseDays: 45}) {
		t.Errorf("settings = %+v, %v", c.Casework, err)
	}
	_, _, err = Load("t", []string{"--inquiry-answer-days", "0", "--stalled-close-days", "soon"}, func(string) string { return "" }, os.Stderr)
	if err == nil || !strings.Contains(err.Error(), "inquiry-answer-days") || !strings.Contains(err.Error(), "stalled-close-days") {
		t.Errorf("bad values: %v", err)
	}
}
