package service

import "context"

// The reads of code the operator runs on the machine (the demo's seeding,
// tools): no HTTP route reaches them; the web layer authenticates through
// Authenticate and AuthenticateAPIToken.

// CountUsers counts the accounts, so that the first start can seed some.
func (s *Service) CountUsers(ctx context.Context) (int, error) {
	return s.store.CountUsers(ctx)
}

// OperatorPrincipal is the principal of the user with the e-mail address,
// for seeding done on the operator's behalf.
func (s *Service) OperatorPrincipal(ctx context.Context, email string) (Principal, error) {
	u, err := s.store.UserByEmail(ctx, email)
	return Principal{User: u}, err
}
