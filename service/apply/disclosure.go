package apply

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"nintei"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// DisclosureBasis is why the body gave information about a provider to
// someone outside it. Two bases are exceptions to confidentiality
// a court order or compulsory legal process, and the provider's
// prior consent. The other four are the grounds on which the information
// was never confidential at all.
type DisclosureBasis string

const (
	DisclosureCompelled   DisclosureBasis = "compelled"    // court order or compulsory legal process
	DisclosureConsent     DisclosureBasis = "consent"      // the provider's prior consent
	DisclosureKnownBefore DisclosureBasis = "known_before" // ア: the body held it before the provider told it
	DisclosurePublic      DisclosureBasis = "public"       // イ: became public through no fault of the body
	DisclosureThirdParty  DisclosureBasis = "third_party"  // ウ: a third party gave it lawfully without secrecy
	DisclosureOwnWork     DisclosureBasis = "own_work"     // エ: the body created it itself
)

// DisclosureBases are the bases in the order the form offers them.
var DisclosureBases = []DisclosureBasis{DisclosureCompelled, DisclosureConsent, DisclosureKnownBefore,
	DisclosurePublic, DisclosureThirdParty, DisclosureOwnWork}

// notSecret reports whether the basis is one of the grounds, which
// are recorded with the source of the information.
func (b DisclosureBasis) notSecret() bool {
	return b == DisclosureKnownBefore || b == DisclosurePublic || b == DisclosureThirdParty || b == DisclosureOwnWork
}

// Disclosure is the record of information about a provider given to
// someone outside the body. Recipient and Scope are always required; each
// basis requires its own fields and the others are not recorded.
type Disclosure struct {
	Basis     DisclosureBasis
	Recipient string // to whom
	Scope     string // what was disclosed
	On        string // the day of the disclosure, YYYY-MM-DD; empty for today; never in the future
	// compelled: the order or process, with the court or authority and its number.
	LegalBasis string
	// consent: who at the provider consented (name and position), and on
	// which day, not after the disclosure (prior consent).
	ConsentBy, ConsentOn string
	// known_before, public, third_party, own_work: where the information
	// came from (the body's earlier record, the publication, the third
	// party, the body's own work).
	Source string
}

var (
	errDisclosureBasis     = nintei.Invalid("error.disclosure.basis", "basis")
	errDisclosureRecipient = nintei.Invalid("error.disclosure.recipient", "recipient")
	errDisclosureScope     = nintei.Invalid("error.disclosure.scope", "scope")
	errDisclosureDate      = nintei.Invalid("error.disclosure.date", "on")
	errDisclosureLegal     = nintei.Invalid("error.disclosure.legal_basis", "legal_basis")
	errDisclosureConsentBy = nintei.Invalid("error.disclosure.consent_by", "consent_by")
	errDisclosureConsentOn = nintei.Invalid("error.disclosure.consent_on", "consent_on")
	errDisclosureSource    = nintei.Invalid("error.disclosure.source", "source")
)

// RecordDisclosure records in the audit trail that information about a
// provider was given outside the body, and on which basis.
// Only the secretariat records (policy.RecordDisclosure); the event is
// disclosure.<basis>.
func (s *Apply) RecordDisclosure(ctx context.Context, p core.Principal, id int64, d Disclosure) error {
	if err := p.May(policy.RecordDisclosure); err != nil {
		return err
	}
	if _, err := s.StaffApplication(ctx, p, id); err != nil {
		return err
	}
	detail, err := checkDisclosure(&d, s.Today().Format(core.DateLayout))
	if err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(tx store.Tx) error {
		ev := core.Event(&p.User, "disclosure."+string(d.Basis), "application", strconv.FormatInt(id, 10))
		ev.Detail = string(detail)
		return tx.Audit(ctx, ev)
	})
}

// checkDisclosure trims d, checks the fields its basis requires and
// returns the audit detail: the basis's own fields only.
func checkDisclosure(d *Disclosure, today string) ([]byte, error) {
	for _, f := range []*string{&d.Recipient, &d.Scope, &d.On, &d.LegalBasis, &d.ConsentBy, &d.ConsentOn, &d.Source} {
		*f = strings.TrimSpace(*f)
	}
	d.Basis = DisclosureBasis(strings.TrimSpace(string(d.Basis)))
	if !slices.Contains(DisclosureBases, d.Basis) {
		return nil, errDisclosureBasis
	}
	if d.Recipient == "" {
		return nil, errDisclosureRecipient
	}
	if d.Scope == "" {
		return nil, errDisclosureScope
	}
	if d.On == "" {
		d.On = today
	}
	if !isDate(d.On) || d.On > today {
		return nil, errDisclosureDate
	}
	rec := map[string]string{"basis": string(d.Basis), "recipient": d.Recipient, "scope": d.Scope, "disclosed_on": d.On}
	switch {
	case d.Basis == DisclosureCompelled:
		if d.LegalBasis == "" {
			return nil, errDisclosureLegal
		}
		rec["legal_basis"] = d.LegalBasis
	case d.Basis == DisclosureConsent:
		if d.ConsentBy == "" {
			return nil, errDisclosureConsentBy
		}
		if !isDate(d.ConsentOn) || d.ConsentOn > d.On {
			return nil, errDisclosureConsentOn
		}
		rec["consent_by"], rec["consent_on"] = d.ConsentBy, d.ConsentOn
	case d.Basis.notSecret():
		if d.Source == "" {
			return nil, errDisclosureSource
		}
		rec["source"] = d.Source
	}
	return json.Marshal(rec)
}

// isDate reports whether s is a real calendar day written YYYY-MM-DD.
func isDate(s string) bool {
	_, err := time.Parse(core.DateLayout, s)
	return err == nil
}
