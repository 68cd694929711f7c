package core

import (
	"context"
	"strings"
	"time"

	"nintei"
	"nintei/certification"
	"nintei/civil"
	"nintei/store"
)

func (s *Core) bodyName(ctx context.Context) string {
	orgs, err := s.Store.Organizations(ctx, nintei.OrgBody)
	if err != nil || len(orgs) == 0 {
		return BodyName
	}
	return orgs[0].Name
}

// DueOn is an invoice's due date: PaymentDays after issued, moved to the
// body's next business day (R-4.6: due about one week later).
func (s *Core) DueOn(issued time.Time) string {
	return s.Config.Calendar.DueDate(issued, s.Config.Fees.PaymentDays).Format(DateLayout)
}

// Yen formats an amount with thousands separators.
func Yen(n int64) string {
	s := []byte{}
	digits := []byte(strings.TrimPrefix(Itoa64(n), "-"))
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			s = append(s, ',')
		}
		s = append(s, d)
	}
	if n < 0 {
		return "-" + string(s)
	}
	return string(s)
}

// JST is Japan Standard Time, in which dates are shown to people.
var JST = time.FixedZone("JST", 9*60*60)

// DateLayout is the program's calendar date (Japan), for the dates that
// are still text outside the certification (withholding, payments).
const DateLayout = "2006-01-02"

var ErrNotInForce = certification.ErrNotInForce

// Day is the service's calendar day in Japan.
func (s *Core) Day() civil.Date { return civil.DateOf(s.Today()) }

// StateEntry is one state change of an application, for the queue's chart
// and averages.
type StateEntry = store.StateEntry

// BodyName is the certification body's organisation name when none exists yet.
const BodyName = "認定機関"
