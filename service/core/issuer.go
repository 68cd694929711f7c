package core

import (
	"context"
	"strings"

	"nintei"
	"nintei/application"
)

// Issuer is the certification body as its documents and mails name it: the
// issuer of a qualified invoice (適格請求書) with its registration number and
// bank account, the signatory of the certificate, and the signature of every
// notice. All of it is configuration (config.Body); the demo fills sample
// values.
type Issuer struct {
	Name                string // empty: the body organisation's name
	Department          string // e.g. 認定事務局, under the name in signatures
	PostalCode          string // NNN-NNNN
	Address             string
	Phone               string
	Email               string
	URL                 string
	RegistrationNumber  string // T + 13 digits (validated by config)
	RepresentativeTitle string
	RepresentativeName  string
	Bank                BankAccount
	Seal                []byte // PNG drawn beside the representative's name; nil for none
	// The public contact window (問合せ窓口, R-13.1): its hours ("" for the
	// default the site shows), and its own e-mail and telephone when they
	// are not the body's.
	ContactHours, ContactEmail, ContactPhone string
}

// ContactWindow is the body's contact window (問合せ窓口) as the public site
// and API show it: whom to ask, when, and how.
type ContactWindow struct {
	Name       string // the body
	Department string // the secretariat, e.g. 認定事務局
	Hours      string // "": not configured, the site shows its default hours
	Email      string
	Phone      string
	PostalCode string
	Address    string
	URL        string
}

// ContactWindow is the configured contact window: the body's name and
// address, the window's own e-mail and telephone or else the body's. It
// is public information and needs no principal.
func (s *Core) ContactWindow(ctx context.Context) ContactWindow {
	is := s.Issuer(ctx)
	w := ContactWindow{Name: is.Name, Department: is.Department, Hours: is.ContactHours, Email: is.ContactEmail,
		Phone: is.ContactPhone, PostalCode: is.PostalCode, Address: is.Address, URL: is.URL}
	if w.Email == "" {
		w.Email = is.Email
	}
	if w.Phone == "" {
		w.Phone = is.Phone
	}
	return w
}

// BankAccount is where an invoice is paid (振込先).
type BankAccount struct {
	Bank, Branch, Type, Number, Holder string // Type: 普通 or 当座; Holder in katakana
}

// Issuer is the configured issuer with its name filled in from the body
// organisation when configuration leaves it empty.
func (s *Core) Issuer(ctx context.Context) Issuer {
	is := s.Config.Issuer
	if is.Name == "" {
		is.Name = s.bodyName(ctx)
	}
	return is
}

// Addressee is how the body addresses a provider (宛名). Japanese business
// usage writes 御中 after an organisation and 様 after a person, never both:
// with a contact person the name comes first on its own line, then the
// department and the person with 様; without one, the organisation (or its
// department) takes 御中.
func Addressee(p application.Provider) (org, person string) {
	switch {
	case p.ContactName != "":
		return p.Name, strings.TrimSpace(p.ContactDepartment + "　" + p.ContactName + " 様")
	case p.ContactDepartment != "":
		return p.Name, p.ContactDepartment + " 御中"
	default:
		return p.Name + " 御中", ""
	}
}

// BodyName is the certification body's organisation name when none exists yet.
const BodyName = "認定機関"

// bodyName is the certification body's organisation name as recorded.
func (s *Core) bodyName(ctx context.Context) string {
	orgs, err := s.Store.Organizations(ctx, nintei.OrgBody)
	if err != nil || len(orgs) == 0 {
		return BodyName
	}
	return orgs[0].Name
}
