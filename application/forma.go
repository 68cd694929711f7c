// Package application holds an application for certification (認定に係る
// 申請): its face sheet Form A (申請書A), its life-cycle state, and the rules
// an application must meet before it can be submitted.
// Form B's entries and rules live in package formb.
package application

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"nintei/catalog"
)

// FormA is the face sheet: who applies, and for which service.
type FormA struct {
	Provider Provider `json:"provider"`
	Service  Service  `json:"service"`
}

// Provider describes the applicant (事業者).
type Provider struct {
	SoleProprietor         bool         `json:"sole_proprietor"`  // 個人事業主: no corporate number, photo ID as proof
	CorporateNumber        string       `json:"corporate_number"` // 法人番号, 13 digits with check digit
	Name                   string       `json:"name"`
	RepresentativeName     string       `json:"representative_name"`
	RepresentativeTitle    string       `json:"representative_title"`
	RepresentativeHasPower bool         `json:"representative_has_power"` // 代表権; without it, proof of responsibility
	PostalCode             string       `json:"postal_code"`
	Address                string       `json:"address"` // 本店所在地
	ContactName            string       `json:"contact_name"`
	ContactDepartment      string       `json:"contact_department"`
	ContactEmail           string       `json:"contact_email"`
	ContactPhone           string       `json:"contact_phone"`
	Foreign                bool         `json:"foreign"`             // 外国法人 (R-4.2b)
	JapaneseDisclosure     bool         `json:"japanese_disclosure"` // a foreign applicant discloses in Japanese (R-4.2b)
	Agents                 []Agent      `json:"agents"`              // 販売・取次店 (R-4.2c)
	Reseller               string       `json:"reseller"`            // "", "oem" or "own_support" (R-4.2d)
	Outsourcees            []Outsourcee `json:"outsourcees"`         // data centre, call centre… (R-4.2a)
}

// Agent is a sales or intermediary agent (販売・取次店) of the service (R-4.2c).
type Agent struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	Contact string `json:"contact"`
}

// Outsourcee is a party the applicant outsources part of the service to (R-4.2a).
type Outsourcee struct {
	Name  string `json:"name"`
	Scope string `json:"scope"` // e.g. データセンター, コールセンター
}

// Service describes the service applied for.
type Service struct {
	Name      string   `json:"name"`
	Overview  string   `json:"overview"`
	URL       string   `json:"url"`
	StartDate string   `json:"start_date"` // YYYY-MM-DD; must not be in the future
	Bases     []string `json:"bases"`      // the base services provided
}

// Bases are the base services of; an application provides at least one.
var Bases = []string{"hardware", "system", "network", "development"}

// Resellers are the allowed Provider.Reseller values (R-4.2d).
var Resellers = []string{"", "oem", "own_support"}

// FieldError is a problem with one Form A field: Field names it (a form
// input name) and Key is the message key shown beside it.
type FieldError struct {
	Field string
	Key   string
	Args  map[string]any
}

// Normalize tidies what people type: trims text, puts the address on one
// line (it is typed in a text area, the field that address autofill
// fills, and printed on one line as the 宛名 of documents), folds the
// corporate number's full-width digits and hyphens, drops empty agents.
func (f FormA) Normalize() FormA {
	p := &f.Provider
	p.Address = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(p.Address)
	for _, s := range []*string{&p.Name, &p.RepresentativeName, &p.RepresentativeTitle, &p.PostalCode, &p.Address,
		&p.ContactName, &p.ContactDepartment, &p.ContactEmail, &p.ContactPhone,
		&f.Service.Name, &f.Service.URL, &f.Service.StartDate} {
		*s = strings.TrimSpace(*s)
	}
	f.Service.Overview = strings.TrimSpace(f.Service.Overview)
	p.CorporateNumber = catalog.NormalizeCorporateNumber(strings.TrimSpace(p.CorporateNumber))
	p.Agents = compact(p.Agents, func(a Agent) bool { return strings.TrimSpace(a.Name+a.Address+a.Contact) != "" })
	p.Outsourcees = compact(p.Outsourcees, func(o Outsourcee) bool { return strings.TrimSpace(o.Name+o.Scope) != "" })
	return f
}

func compact[T any](xs []T, keep func(T) bool) []T {
	var out []T
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// Problems lists what keeps Form A from being complete. A draft may be saved
// with problems; submission needs none. today is the applicant's date (JST).
func (f FormA) Problems(today time.Time) []FieldError {
	var out []FieldError
	add := func(field, key string) { out = append(out, FieldError{Field: field, Key: key}) }
	p, s := f.Provider, f.Service
	required := map[string]string{"provider.name": p.Name, "provider.representative_name": p.RepresentativeName,
		"provider.address": p.Address, "provider.contact_name": p.ContactName, "provider.contact_email": p.ContactEmail,
		"provider.contact_phone": p.ContactPhone, "service.name": s.Name, "service.overview": s.Overview,
		"service.start_date": s.StartDate}
	for _, field := range sortedKeys(required) {
		if required[field] == "" {
			add(field, "error.required")
		}
	}
	out = append(out, p.problems()...)
	out = append(out, s.problems(today)...)
	for _, field := range []string{"provider.name", "provider.address", "service.name"} {
		if v := valueOf(f, field); utf8.RuneCountInString(v) > 200 {
			out = append(out, FieldError{Field: field, Key: "error.too_long", Args: map[string]any{"Max": 200}})
		}
	}
	return out
}

func (p Provider) problems() []FieldError {
	var out []FieldError
	add := func(field, key string) { out = append(out, FieldError{Field: field, Key: key}) }
	switch {
	case p.SoleProprietor && p.CorporateNumber != "":
		add("provider.corporate_number", "error.forma.sole_proprietor_number")
	case !p.SoleProprietor && !p.Foreign && p.CorporateNumber == "":
		add("provider.corporate_number", "error.required")
	case p.CorporateNumber != "" && !catalog.ValidCorporateNumber(p.CorporateNumber):
		add("provider.corporate_number", "error.forma.corporate_number")
	}
	if p.Foreign && !p.JapaneseDisclosure {
		add("provider.japanese_disclosure", "error.forma.foreign_japanese") // R-4.2b
	}
	if p.ContactEmail != "" && !strings.Contains(p.ContactEmail, "@") {
		add("provider.contact_email", "error.email.invalid")
	}
	if p.ContactPhone != "" && !ValidPhone(p.ContactPhone) {
		add("provider.contact_phone", "error.forma.phone")
	}
	if p.PostalCode != "" && !ValidPostalCode(p.PostalCode) {
		add("provider.postal_code", "error.forma.postal_code")
	}
	if !contains(Resellers, p.Reseller) {
		add("provider.reseller", "error.forma.reseller")
	}
	for _, a := range p.Agents {
		if a.Name == "" || a.Address == "" || a.Contact == "" {
			add("provider.agents", "error.forma.agent_incomplete") // R-4.2c: name, head office, contact
			break
		}
	}
	return out
}

func (s Service) problems(today time.Time) []FieldError {
	var out []FieldError
	add := func(field, key string) { out = append(out, FieldError{Field: field, Key: key}) }
	if len(s.Bases) == 0 {
		add("service.bases", "error.forma.bases")
	}
	for _, b := range s.Bases {
		if !contains(Bases, b) {
			add("service.bases", "error.forma.bases")
			break
		}
	}
	if s.URL != "" {
		if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			add("service.url", "error.forma.url")
		}
	}
	if s.StartDate != "" {
		d, err := time.Parse("2006-01-02", s.StartDate)
		switch {
		case err != nil:
			add("service.start_date", "error.forma.date")
		case d.After(today):
			add("service.start_date", "error.forma.not_in_operation")
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func valueOf(f FormA, field string) string {
	switch field {
	case "provider.name":
		return f.Provider.Name
	case "provider.address":
		return f.Provider.Address
	case "service.name":
		return f.Service.Name
	}
	return ""
}

// ServiceKey identifies a service across applications by its name, folded
// so that spaces, case and full-width/half-width differences do not make a new
// service (R-4.2e looks up revocations by it).
func ServiceKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFKC.String(name)), ""))
}

// ReapplicationDate is the first day a service whose certification was
// revoked on revokedOn (YYYY-MM-DD) may apply again: one year later (R-4.2e).
func ReapplicationDate(revokedOn string) (time.Time, error) {
	d, err := time.Parse("2006-01-02", revokedOn)
	if err != nil {
		return time.Time{}, err
	}
	return d.AddDate(1, 0, 0), nil
}
