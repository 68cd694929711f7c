// Package certification is the certified service after the decision (R-8,
// its record and terms, its number and validity, its status and
// the lifecycle table that moves the status, the grounds of revocation and
// the kinds of succession. The SQL store keeps and returns these types;
// the service changes a status only through Next.
package certification

import (
	"fmt"
	"time"

	"nintei/civil"
)

// Certification is a certified service's record.
type Certification struct {
	ID            int64
	ApplicationID int64 // the application of the current term (or accepted change notice)
	OrgID         int64
	SchemeID      string
	Serial        int64
	Number        string
	CertifiedOn   civil.Date // the first certification day (JST)
	ValidUntil    civil.Date // the last valid day of the current term
	Status        Status
	TermStartsOn  civil.Date // first day of the current term (CertifiedOn until a renewal)
	RenewedOn     civil.Date // the day of the last renewal decision; zero if never renewed
	// CertificateIssuedOn is the issue day of the current certificate
	// (certification, renewal or reissue); zero means CertifiedOn.
	CertificateIssuedOn civil.Date
}

// IssuedOn is the day the current certificate was issued.
func (c Certification) IssuedOn() civil.Date {
	if !c.CertificateIssuedOn.IsZero() {
		return c.CertificateIssuedOn
	}
	return c.CertifiedOn
}

// StatusOn is the certification's public status on a day (PublicStatus).
func (c Certification) StatusOn(today civil.Date) Status {
	return PublicStatus(c.Status, c.ValidUntil, today)
}

// InForceOn reports whether the mark and certificate may be shown on a day
//
func (c Certification) InForceOn(today civil.Date) bool { return InForce(c.StatusOn(today)) }

// Term is one period a certification ran for: the first, or one granted
// by a renewal.
type Term struct {
	CertificationID int64
	ApplicationID   int64
	StartsOn        civil.Date // first valid day
	ValidUntil      civil.Date // last valid day
	DecidedOn       civil.Date // the day of the certify decision
}

// End is the record of how a certification ended early.
type End struct {
	CertificationID int64
	Kind            Status     // Terminated, Revoked or Lapsed
	EffectiveOn     civil.Date // never in the future
	// Grounds are the revocation grounds "a,c", or the kind of
	// succession, as stored.
	Grounds               string
	Reason                string
	DecidedBy             int64
	RecordedAt            time.Time
	CertificateReturnedOn civil.Date // zero until the certificate is back
}

// Revocation is a recorded loss of certification of a provider's service,
// which bars it from applying again for a year (R-4.2e).
type Revocation struct {
	ID              int64
	OrgID           int64
	CorporateNumber string // 法人番号 of the provider; "" for a sole proprietor
	ServiceKey      string // application.ServiceKey of the service name at revocation
	ServiceName     string
	// ServiceKeys are the keys of every name the certification's chain of
	// applications carried (renames by change notice, R-4.2e); ServiceKey
	// is always among them.
	ServiceKeys     []string
	CertificationID int64
	RevokedOn       civil.Date
	Reason          string
}

// DefaultValidityYears is the validity of, for a scheme that does
// not set its own.
const DefaultValidityYears = 2

// Number formats a certificate number: "<prefix> NNNN-YYMM" — the scheme's
// prefix, the 4-digit serial of the certified service, and the year and
// month of certification in the Western calendar, e.g.
// "IP-IoT 0001-2611".
func Number(prefix string, serial int64, certifiedOn civil.Date) string {
	return fmt.Sprintf("%s %04d-%s", prefix, serial, certifiedOn.Format("0601"))
}

// ValidUntil is the last valid day of a term starting on from: valid for
// years (two, R-8.2) from that date, so until the day before the
// anniversary. 2026-11-27 → 2028-11-26; a term from 29 February runs to 28
// February (the anniversary, counted as 1 March, minus a day).
func ValidUntil(from civil.Date, years int) civil.Date {
	if years <= 0 {
		years = DefaultValidityYears
	}
	return from.AddYears(years).AddDays(-1)
}

// RenewalWindow is when a renewal may be handed in: from 60 to 30
// days before the expiry date, both days included. The expiry date is the
// last valid day.
func RenewalWindow(validUntil civil.Date) (opens, closes civil.Date) {
	return validUntil.AddDays(-60), validUntil.AddDays(-30)
}

// InRenewalWindow reports whether a renewal handed in on day is in time
//
func InRenewalWindow(validUntil, day civil.Date) bool {
	opens, closes := RenewalWindow(validUntil)
	return !day.Before(opens) && !day.After(closes)
}

// RenewalGuidanceDay is when the first renewal guidance goes out: four
// months before the expiry date.
func RenewalGuidanceDay(validUntil civil.Date) civil.Date { return validUntil.AddMonths(-4) }
