package accounts

import (
	"context"

	"nintei/service/core"
)

// The reads of code the operator runs on the machine (the demo's seeding,
// tools): no HTTP route reaches them; the web layer authenticates through
// Authenticate and AuthenticateAPIToken.

// CountUsers counts the accounts, so that the first start can seed some.
func (s *Accounts) CountUsers(ctx context.Context) (int, error) {
	return s.Store.CountUsers(ctx)
}

// OperatorPrincipal is the principal of the user with the e-mail address,
// for seeding done on the operator's behalf.
func (s *Accounts) OperatorPrincipal(ctx context.Context, email string) (core.Principal, error) {
	u, err := s.Store.UserByEmail(ctx, email)
	return core.Principal{User: u}, err
}
