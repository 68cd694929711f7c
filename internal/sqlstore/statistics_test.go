package sqlstore_test

import (
	"fmt"
	"testing"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
)

// statService is one seeded registry entry for the statistics.
type statService struct {
	certifiedOn, submittedAt, bases string
	answers                         map[string]string // published answers (a withheld one is absent, as publication leaves it)
	revokedOn                       string
}

// seedStatistics writes services straight into the tables the statistics
// read: application, certification, its term, the published entry with
// its answers, and the registry's public events.
func seedStatistics(t *testing.T, env *testenv.Env, services []statService) {
	t.Helper()
	eds, err := env.Store.Editions(ctx)
	if err != nil || len(eds) == 0 {
		t.Fatalf("editions: %v", err)
	}
	org, err := env.Store.CreateOrganization(ctx, nintei.Organization{Kind: nintei.OrgProvider, Name: "統計事業者"})
	if err != nil {
		t.Fatal(err)
	}
	owner, err := env.Store.CreateUser(ctx, nintei.User{OrgID: org.ID, Email: "st@example.jp", Name: "S", Role: nintei.RoleOwner, PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	err = env.Store.InTx(ctx, func(tx *sqlstore.Tx) error {
		for i, s := range services {
			var appID, certID int64
			if err := tx.RawQueryRow(ctx, `INSERT INTO applications (org_id, edition_id, kind, state, form_a, version, created_by, created_at, updated_at, submitted_at)
				VALUES (?, ?, 'new', 'certified', '{}', 1, ?, ?, ?, ?) RETURNING id`, org.ID, eds[0].ID, owner.ID, s.submittedAt, s.submittedAt, s.submittedAt).Scan(&appID); err != nil {
				return err
			}
			number := fmt.Sprintf("IP-IoT %04d-2601", i+1)
			if err := tx.RawQueryRow(ctx, `INSERT INTO certifications (application_id, org_id, scheme_id, serial, number, certified_on, valid_until, status, created_at)
				VALUES (?, ?, 'iaas-paas-iot', ?, ?, ?, '2028-03-31', 'valid', ?) RETURNING id`, appID, org.ID, i+1, number, s.certifiedOn, s.submittedAt).Scan(&certID); err != nil {
				return err
			}
			if err := tx.RawQueryRow(ctx, `INSERT INTO certification_terms (certification_id, application_id, starts_on, valid_until, decided_on)
				VALUES (?, ?, ?, '2028-03-31', ?) RETURNING certification_id`, certID, appID, s.certifiedOn, s.certifiedOn).Scan(&certID); err != nil {
				return err
			}
			e := sqlstore.RegistryEntry{Number: number, ServiceName: fmt.Sprintf("サービス%d", i), ProviderName: "統計事業者",
				CertifiedOn: s.certifiedOn, ValidUntil: "2028-03-31", Snapshot: "{}", Bases: s.bases}
			if err := tx.PublishEntry(ctx, certID, e, "", s.answers); err != nil {
				return err
			}
			if err := tx.AddRegistryEvent(ctx, number, "certified", s.certifiedOn); err != nil {
				return err
			}
			if s.revokedOn == "" {
				continue
			}
			if err := tx.RawQueryRow(ctx, "UPDATE certifications SET status = 'revoked' WHERE id = ? RETURNING id", certID).Scan(&certID); err != nil {
				return err
			}
			if err := tx.AddRegistryEvent(ctx, number, "revoked", s.revokedOn); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// the public statistics are counted in SQL on the public projection
// the same way on both databases: events per quarter, services in force by
// base service and by published answer — a withheld answer, absent from
// the published answers, is not counted — and the decisions' spans.
func TestRegistryStatistics_R7_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		seedStatistics(t, env, []statService{
			{"2026-01-15", "2025-12-01T01:00:00.000000Z", "hardware,system", map[string]string{"IPIOT-053": "国内", "IPIOT-036": "99.95%"}, ""},
			{"2026-02-10", "2026-01-01T00:00:00.000000Z", "system", map[string]string{"IPIOT-053": "国外", "IPIOT-036": "99.99%"}, "2026-05-01"},
			{"2026-04-20", "2026-04-01T00:00:00.000000Z", "network", map[string]string{"IPIOT-053": "国内"}, ""}, // availability withheld
		})
		events, err := env.Store.RegistryEventCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprint(events), "[{certified 2026 1 2} {certified 2026 2 1} {revoked 2026 2 1}]"; got != want {
			t.Errorf("events = %s, want %s", got, want)
		}
		bases, err := env.Store.RegistryBaseCounts(ctx, "2026-06-30", []string{"hardware", "system", "network", "development"})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprint(bases), "[{  2} {hardware  1} {system  1} {network  1} {development  0}]"; got != want {
			t.Errorf("bases = %s, want %s", got, want)
		}
		answers, err := env.Store.RegistryAnswerCounts(ctx, "2026-06-30", []string{"IPIOT-053", "IPIOT-036"})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprint(answers), "[{IPIOT-036 99.95% 1} {IPIOT-053 国内 2}]"; got != want {
			t.Errorf("answers = %s, want %s", got, want)
		}
		spans, err := env.Store.DecisionSpans(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range spans {
			got = append(got, s.SubmittedAt.UTC().Format("2006-01-02T15:04")+"→"+s.DecidedOn)
		}
		if want := "[2025-12-01T01:00→2026-01-15 2026-01-01T00:00→2026-02-10 2026-04-01T00:00→2026-04-20]"; fmt.Sprint(got) != want {
			t.Errorf("spans = %v, want %s", got, want)
		}
	})
}
