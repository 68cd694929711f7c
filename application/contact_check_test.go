package application

import "testing"

func TestValidPhone(t *testing.T) {
	for _, ok := range []string{"03-1234-5678", "090-1234-5678", "0120-123-456", "(03) 1234 5678", "０３－１２３４－５６７８", "+81 3 1234 5678", "0312345678"} {
		if !ValidPhone(ok) {
			t.Errorf("ValidPhone(%q) = false", ok)
		}
	}
	for _, bad := range []string{"03-1234-567", "1234-5678", "電話", "03-1234-5678 内線12", "+1", "090-1234-56789", "03_1234_5678"} {
		if ValidPhone(bad) {
			t.Errorf("ValidPhone(%q) = true", bad)
		}
	}
}

func TestValidPostalCode(t *testing.T) {
	for _, ok := range []string{"100-0001", "1000001", "１００－０００１", "〒100-0001"} {
		if !ValidPostalCode(ok) {
			t.Errorf("ValidPostalCode(%q) = false", ok)
		}
	}
	for _, bad := range []string{"100-001", "10000011", "100-00a1"} {
		if ValidPostalCode(bad) {
			t.Errorf("ValidPostalCode(%q) = true", bad)
		}
	}
}
