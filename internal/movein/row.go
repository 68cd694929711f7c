package movein

import (
	"nintei/certification"
	"nintei/civil"
)

// The columns of the CSV, by their header names (docs/moving-in.md).
const (
	ColNumber          = "number"
	ColServiceName     = "service_name"
	ColProviderName    = "provider_name"
	ColCorporateNumber = "corporate_number"
	ColCertifiedOn     = "certified_on"
	ColValidUntil      = "valid_until"
	ColRenewals        = "renewals"
	ColStatus          = "status"
	ColRevokedOn       = "revoked_on"
	ColGrounds         = "revocation_grounds"
	ColReason          = "revocation_reason"
	ColFormB           = "form_b"
	ColServiceURL      = "service_url"
	ColOverview        = "service_overview"
	ColBases           = "bases"
)

// requiredColumns must be in the header; the others may be left out.
var requiredColumns = []string{ColNumber, ColServiceName, ColProviderName, ColCorporateNumber, ColCertifiedOn,
	ColValidUntil, ColRenewals, ColStatus, ColFormB}

// optionalColumns may be in the header.
var optionalColumns = []string{ColRevokedOn, ColGrounds, ColReason, ColServiceURL, ColOverview, ColBases}

// Row is one certification as issued on the old site, checked.
type Row struct {
	Line            int    // the CSV line, 2 for the first row after the header
	Number          string // as issued, canonical ("IP-IoT 0042-2611")
	Prefix          string // the scheme's number prefix
	Serial          int64
	ServiceName     string
	ProviderName    string
	CorporateNumber string // 法人番号, 13 digits
	CertifiedOn     civil.Date
	ValidUntil      civil.Date // last valid day of the current term
	Renewals        int        // renewals so far
	Status          certification.Status
	RevokedOn       civil.Date
	Grounds         []string // sorted
	Reason          string
	FormB           string // the workbook's path, relative to the CSV
	ServiceURL      string
	Overview        string
	Bases           []string
}

// Options are what Parse needs to know of the instance.
type Options struct {
	Prefixes []string   // the number prefixes of the installed schemes
	Today    civil.Date // dates after it are refused; statuses are judged on it
	MaxRows  int        // 0: DefaultMaxRows
}

// DefaultMaxRows bounds one file: a body moves in with its registry, not
// with a flood.
const DefaultMaxRows = 5000

// maxText bounds a name, as Form A does.
const maxText = 200
