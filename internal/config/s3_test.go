package config

import (
	"os"
	"strings"
	"testing"
)

func TestS3BackendNeedsItsSettings(t *testing.T) {
	env := map[string]string{"NINTEI_BLOB_BACKEND": "s3", "NINTEI_S3_SSE": "sse-c", "NINTEI_S3_TLS": "maybe"}
	_, _, err := Load("t", nil, func(k string) string { return env[k] }, os.Stderr)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"NINTEI_S3_ENDPOINT", "NINTEI_S3_BUCKET", "NINTEI_S3_ACCESS_KEY",
		"NINTEI_S3_SECRET_KEY", "NINTEI_S3_SSE", "NINTEI_S3_TLS"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestS3Settings(t *testing.T) {
	env := map[string]string{"NINTEI_BLOB_BACKEND": "s3", "NINTEI_S3_ENDPOINT": "s3.example.jp",
		"NINTEI_S3_BUCKET": "evidence", "NINTEI_S3_ACCESS_KEY": "AK", "NINTEI_S3_SECRET_KEY": "SK",
		"NINTEI_S3_SSE": "kms", "NINTEI_S3_SSE_KMS_KEY_ID": "key-1"}
	c, _, err := Load("t", []string{"--s3-prefix", "nintei/"}, func(k string) string { return env[k] }, os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	want := S3{Endpoint: "s3.example.jp", Bucket: "evidence", Prefix: "nintei/", AccessKey: "AK", SecretKey: "SK",
		TLS: true, SSE: "kms", KMSKeyID: "key-1"}
	if c.BlobBackend != "s3" || c.S3 != want {
		t.Errorf("backend %q, S3 = %+v; want s3, %+v", c.BlobBackend, c.S3, want)
	}
}

func TestS3SettingsRefused(t *testing.T) {
	base := map[string]string{"NINTEI_BLOB_BACKEND": "s3", "NINTEI_S3_ENDPOINT": "127.0.0.1:9000",
		"NINTEI_S3_BUCKET": "evidence", "NINTEI_S3_ACCESS_KEY": "AK", "NINTEI_S3_SECRET_KEY": "SK"}
	tests := []struct{ name, key, value, want string }{
		{"endpoint with a scheme", "NINTEI_S3_ENDPOINT", "https://s3.example.jp", "NINTEI_S3_ENDPOINT"},
		{"KMS key without kms", "NINTEI_S3_SSE_KMS_KEY_ID", "key-1", "NINTEI_S3_SSE_KMS_KEY_ID"},
		{"absolute prefix", "NINTEI_S3_PREFIX", "/nintei", "NINTEI_S3_PREFIX"},
		{"unknown backend", "NINTEI_BLOB_BACKEND", "ftp", "NINTEI_BLOB_BACKEND"},
	}
	for _, tt := range tests {
		env := map[string]string{tt.key: tt.value}
		for k, v := range base {
			if k != tt.key {
				env[k] = v
			}
		}
		_, _, err := Load("t", nil, func(k string) string { return env[k] }, os.Stderr)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to mention %s", tt.name, err, tt.want)
		}
	}
}

// The default backend needs none of the S3 settings.
func TestDirBackendIsTheDefault(t *testing.T) {
	c, _, err := Load("t", nil, func(string) string { return "" }, os.Stderr)
	if err != nil || c.BlobBackend != "dir" {
		t.Errorf("backend %q, %v; want dir", c.BlobBackend, err)
	}
}
