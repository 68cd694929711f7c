package mail_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"nintei/internal/mail"
)

// mailpit is the server scripts/mailpit.sh started (CI starts one): a real
// SMTP server that requires STARTTLS.
func mailpit(t *testing.T) (*mail.SMTP, string) {
	t.Helper()
	addr := os.Getenv("NINTEI_TEST_MAILPIT_SMTP")
	if addr == "" {
		if os.Getenv("NINTEI_REQUIRE_MAILPIT") != "" {
			t.Fatal("NINTEI_REQUIRE_MAILPIT is set but no mailpit runs (eval \"$(bash scripts/mailpit.sh start)\")")
		}
		t.Skip("no mailpit: eval \"$(bash scripts/mailpit.sh start)\" to run this test")
	}
	pem, err := os.ReadFile(os.Getenv("NINTEI_TEST_MAILPIT_CA"))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		t.Fatal("no certificate in NINTEI_TEST_MAILPIT_CA")
	}
	host, port, _ := net.SplitHostPort(addr)
	n, _ := strconv.Atoi(port)
	return &mail.SMTP{Host: host, Port: n, From: "nintei@body.example.jp", TLS: mail.STARTTLS,
		TLSConfig: &tls.Config{RootCAs: roots, ServerName: host, MinVersion: tls.VersionTLS12}}, os.Getenv("NINTEI_TEST_MAILPIT_API")
}

// A Japanese notice goes through a real server over STARTTLS and arrives
// with its subject, body, Message-ID and Date as sent.
func TestSMTPThroughMailpitWithSTARTTLS(t *testing.T) {
	s, api := mailpit(t)
	to := "owner" + strconv.FormatInt(time.Now().UnixNano(), 36) + "@a.example.jp"
	msg := mail.Message{To: to, Subject: "【認定機関】審査結果のお知らせ", Text: "北斗データサービス 御中\n\n認定しました。\n認定機関事務局"}
	if err := s.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	var list struct {
		Messages []struct{ ID, MessageID, Subject string } `json:"messages"`
	}
	getJSON(t, api+"/api/v1/search?query="+"to:"+to, &list)
	if len(list.Messages) != 1 {
		t.Fatalf("mailpit holds %d messages to %s", len(list.Messages), to)
	}
	got := list.Messages[0]
	if got.Subject != msg.Subject || got.MessageID == "" {
		t.Errorf("received %+v", got)
	}
	var headers map[string][]string
	getJSON(t, api+"/api/v1/message/"+got.ID+"/headers", &headers)
	if len(headers["Date"]) != 1 || len(headers["Message-Id"])+len(headers["Message-ID"]) != 1 {
		t.Errorf("headers = %v", headers)
	}
	var full struct{ Text string }
	getJSON(t, api+"/api/v1/message/"+got.ID, &full)
	if !strings.Contains(full.Text, "認定しました。") {
		t.Errorf("body = %q", full.Text)
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url) // #nosec G107 -- the test server's address
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}
