package testenv

import (
	"context"
	"testing"

	"nintei/service"
	"nintei/tools/demo"
)

// AssessMandatoryOK has reviewer p judge every mandatory item that the
// decision needs judged adequate (適), as a review must before an
// application can be certified. Optional items stay unassessed:
// they never decide the result.
func (e *Env) AssessMandatoryOK(t testing.TB, p service.Principal, id int64) {
	t.Helper()
	if err := AssessMandatoryOK(context.Background(), e.Svc, p, id); err != nil {
		t.Fatal(err)
	}
}

// AssessMandatoryOK is the helper for code that holds a Service but no
// Env, such as the browser tests' seeding.
func AssessMandatoryOK(ctx context.Context, svc *service.Service, p service.Principal, id int64) error {
	return demo.AssessMandatoryOK(ctx, svc, p, id, "")
}
