package upload

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"nintei"
	"nintei/internal/i18n"
)

func TestKinds(t *testing.T) {
	tests := []struct {
		kind      Kind
		mime, ext string
	}{
		{PDF, "application/pdf", ".pdf"},
		{PNG, "image/png", ".png"},
		{JPEG, "image/jpeg", ".jpg"},
		{XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
		{DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
	}
	for _, tt := range tests {
		if got := tt.kind.MIME(); got != tt.mime {
			t.Errorf("%s.MIME() = %q, want %q", tt.kind, got, tt.mime)
		}
		if got := tt.kind.Ext(); got != tt.ext {
			t.Errorf("%s.Ext() = %q, want %q", tt.kind, got, tt.ext)
		}
	}
}

// TestEveryRefusalHasAMessage: every refusal's message is in the catalog in
// both languages (internal/i18n checks that Codes are all there).
func TestEveryRefusalHasAMessage(t *testing.T) {
	msgs := i18n.MustLoad()
	for _, sentinel := range sentinels {
		if !strings.HasPrefix(sentinel.Code, "upload.") {
			t.Errorf("%s: code outside upload.*", sentinel.Code)
		}
		if !msgs.Has(sentinel.MessageKey()) {
			t.Errorf("%s: no message %s", sentinel.Code, sentinel.MessageKey())
		}
	}
	if len(Codes()) != len(sentinels) {
		t.Errorf("Codes() = %v", Codes())
	}
}

func TestExtensionMismatchMessage(t *testing.T) {
	_, err := Sniff(pdfFile(), "証明書.png")
	var ue *Error
	if !errors.As(err, &ue) {
		t.Fatalf("err = %v, want *Error", err)
	}
	msgs := i18n.MustLoad()
	if got, want := msgs.Message(i18n.Japanese, ue), "ファイル名の拡張子（.png）と内容（PDF）が一致しません。正しいファイルを選んだか確認してください。"; got != want {
		t.Errorf("Japanese\n got %q\nwant %q", got, want)
	}
	if got := msgs.Message(i18n.English, ue); !strings.Contains(got, "(.png)") || !strings.Contains(got, "(PDF)") {
		t.Errorf("English = %q", got)
	}
}

// TestRefusalIsANinteiError: a handler can return a refusal as it is; the
// web layer sees a user-fixable error with a message key and its arguments.
func TestRefusalIsANinteiError(t *testing.T) {
	_, err := Sniff(pdfFile(), "x.png")
	err = fmt.Errorf("saving evidence: %w", err)
	if got := nintei.KindOf(err); got != nintei.KindInvalid {
		t.Errorf("KindOf = %s, want invalid", got)
	}
	var ne *nintei.Error
	if !errors.As(err, &ne) || ne.Key != "error.upload.extension_mismatch" || ne.Args["Ext"] != ".png" || ne.Args["Kind"] != "PDF" {
		t.Errorf("nintei.Error = %+v", ne)
	}
	if !errors.Is(err, ErrExtensionMismatch) || errors.Is(err, ErrEmpty) {
		t.Errorf("errors.Is by code is wrong for %v", err)
	}
}
