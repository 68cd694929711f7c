package core

import (
	"time"

	"nintei/certification"
	"nintei/civil"
	"nintei/store"
)

// DueOn is an invoice's due date: PaymentDays after issued, moved to the
// body's next business day (R-4.6: due about one week later).
func (s *Core) DueOn(issued time.Time) string {
	return s.Config.Calendar.DueDate(issued, s.Config.Fees.PaymentDays).Format(DateLayout)
}

// JST is Japan Standard Time, in which dates are shown to people.
var JST = time.FixedZone("JST", 9*60*60)

// DateLayout is the program's calendar date (Japan), for the dates that
// are still text outside the certification (withholding, payments).
const DateLayout = "2006-01-02"

// ErrNotInForce refuses a change to a certification that is no longer in
// force (certification.ErrNotInForce, named here for the areas).
var ErrNotInForce = certification.ErrNotInForce

// Day is the service's calendar day in Japan.
func (s *Core) Day() civil.Date { return civil.DateOf(s.Today()) }

// StateEntry is one state change of an application, for the queue's chart
// and averages.
type StateEntry = store.StateEntry
