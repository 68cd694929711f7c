package service_test

import (
	"encoding/json"
	"strconv"
	"testing"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

// Every event of an application's journey carries a detail that is a JSON
// object; the submission's names the states it went between.
func TestAuditDetailsAreJSON(t *testing.T) {
	env := testenv.Backends(t)[0].NewEnv(t)
	owner := principal(env.AddUser(t, "owner@a.example.jp", nintei.RoleOwner, "株式会社みなとクラウド"))
	id, v := env.ReadyApplication(t, owner)
	if err := env.Svc.Submit(ctx, owner, id, v, i18n.Japanese); err != nil {
		t.Fatal(err)
	}
	events, err := env.Store.AuditEvents(ctx, sqlstore.AuditQuery{ObjectType: "application", ObjectID: strconv.FormatInt(id, 10)})
	if err != nil {
		t.Fatal(err)
	}
	submitted := false
	for _, e := range events {
		var fields map[string]any
		if err := json.Unmarshal([]byte(e.Detail), &fields); err != nil {
			t.Errorf("%s: detail %q is not a JSON object: %v", e.Action, e.Detail, err)
		}
		if e.Action == "application.submit" {
			submitted = submitted || fields["from"] == "draft" && fields["to"] != nil && fields["to"] != "draft"
		}
	}
	if !submitted {
		t.Errorf("no application.submit event with from/to among %d events", len(events))
	}
}
