package sqlstore_test

import (
	"fmt"
	"sort"
	"testing"

	"nintei"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/registry"
)

// publishTexts publishes one registry entry per text, straight into the
// projection, and returns their numbers in order.
func publishTexts(t *testing.T, env *testenv.Env, texts ...string) []string {
	return publishTextsBatched(t, env, false, texts...)
}

// publishTextsBatched publishes the texts in one transaction, with the
// search index rows held to its end when batch (Tx.BatchSearchIndex).
func publishTextsBatched(t *testing.T, env *testenv.Env, batch bool, texts ...string) []string {
	t.Helper()
	eds, err := env.Store.Editions(ctx)
	if err != nil || len(eds) == 0 {
		t.Fatalf("editions: %v", err)
	}
	org, err := env.Store.CreateOrganization(ctx, nintei.Organization{Kind: nintei.OrgProvider, Name: "検索事業者"})
	if err != nil {
		t.Fatal(err)
	}
	owner, err := env.Store.CreateUser(ctx, nintei.User{OrgID: org.ID, Email: "s@example.jp", Name: "S", Role: nintei.RoleOwner, PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	var numbers []string
	err = env.Store.InTx(ctx, func(tx *sqlstore.Tx) error {
		if batch {
			tx.BatchSearchIndex()
		}
		for i, text := range texts {
			var appID, certID int64
			now := "2026-11-27T00:00:00.000000Z"
			if err := tx.RawQueryRow(ctx, `INSERT INTO applications (org_id, edition_id, kind, state, form_a, version, created_by, created_at, updated_at)
				VALUES (?, ?, 'new', 'certified', '{}', 1, ?, ?, ?) RETURNING id`, org.ID, eds[0].ID, owner.ID, now, now).Scan(&appID); err != nil {
				return err
			}
			number := fmt.Sprintf("IP-IoT %04d-2611", i+1)
			if err := tx.RawQueryRow(ctx, `INSERT INTO certifications (application_id, org_id, scheme_id, serial, number, certified_on, valid_until, status, created_at)
				VALUES (?, ?, 'iaas-paas-iot', ?, ?, '2026-11-27', '2028-11-26', 'valid', ?) RETURNING id`, appID, org.ID, i+1, number, now).Scan(&certID); err != nil {
				return err
			}
			e := sqlstore.RegistryEntry{Number: number, ServiceName: fmt.Sprintf("サービス%d", i), ProviderName: "検索事業者",
				CertifiedOn: "2026-11-27", ValidUntil: "2028-11-26", Snapshot: "{}"}
			if err := tx.PublishEntry(ctx, certID, e, registry.Fold(text), nil); err != nil {
				return err
			}
			numbers = append(numbers, number)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return numbers
}

// R-7.1 (search over the public registry): the index answers exactly
// "every word is a substring of the folded public text" — one- and
// two-character Japanese words, full-width forms, several words, words
// with punctuation and SQL or FTS metacharacters — on both databases.
func TestRegistrySearchFindsSubstrings_R7_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		for _, batch := range []bool{false, true} {
			t.Run(fmt.Sprint("batched=", batch), func(t *testing.T) { searchFindsSubstrings(t, b, batch) })
		}
	})
}

// searchFindsSubstrings checks the searches both through the in-memory
// index and through the database's own index (a search inside a
// transaction), the texts published with the index rows written at once
// or at the end of the transaction.
func searchFindsSubstrings(t *testing.T, b testenv.Backend, batch bool) {
	{
		env := b.NewEnv(t)
		n := publishTextsBatched(t, env, batch,
			"多要素認証に対応した監視サービス",
			"ISO/IEC 27001 認証取得済み。データセンターは東京",
			"物流向けIoTプラットフォーム 100% 稼働",
			`引用符 "quote" と 'apostrophe' と NEAR AND OR`,
		)
		cases := []struct {
			q    string
			want []string
		}{
			{"認", n[:2]},
			{"認証", n[:2]},
			{"監視サービス", n[:1]},
			{"ｉｓｏ", n[1:2]}, // full-width folds to half-width
			{"27001", n[1:2]},
			{"iso/iec", n[1:2]}, // punctuation splits into segments
			{"認証 東京", n[1:2]},   // every word must match
			{"認証 物流", nil},
			{"証に", n[:1]},   // any substring, not only word starts
			{"サービス監視", nil}, // order matters
			{"京", n[1:2]},   // a segment's last character
			{"iot", n[2:3]},
			{"100%", n[2:3]},
			{"%", n[2:3]}, // punctuation only: the text answers
			{`"quote"`, n[3:4]},
			{"near", n[3:4]},
			{"' OR 1=1 --", nil},
			{"ス", []string{n[0]}},
			{"", n},
		}
		for _, c := range cases {
			checkSearch(t, env, c.q, c.want)
		}
	}
}

// a search word made only of emoji or symbols finds the services
// whose public text contains it, and only those, on both databases: the
// SQLite index drops such characters, so the text answers for them.
func TestRegistrySearchFindsSymbolsAndEmoji_R7_1(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		n := publishTexts(t, env,
			"☁️クラウド監視 ★安心サポート",
			"★★★ 三つ星の保守",
			"☀晴れの日も☂雨の日も 〒105-0001",
			"記号のないサービス",
		)
		cases := []struct {
			q    string
			want []string
		}{
			{"☁️", n[:1]},
			{"☁", n[:1]},
			{"★", n[:2]},
			{"★★", n[1:2]},
			{"★安心", n[:1]},
			{"☂", n[2:3]},
			{"☀☂", nil}, // not a substring
			{"〒", n[2:3]},
			{"♪", nil},
			{"★ 監視", n[:1]},
		}
		for _, c := range cases {
			checkSearch(t, env, c.q, c.want)
		}
	})
}

// checkSearch asks for q through the in-memory index and through the
// database's own index (a search inside a transaction), and wants the
// same numbers and total from both.
func checkSearch(t *testing.T, env *testenv.Env, query string, want []string) {
	t.Helper()
	q := sqlstore.RegistryQuery{Text: registry.Fold(query), Limit: 50}
	entries, total, err := env.Store.Registry(ctx, q)
	var inTx []sqlstore.RegistryEntry
	var inTxTotal int
	if err == nil {
		err = env.Store.InTx(ctx, func(tx *sqlstore.Tx) (err error) {
			inTx, inTxTotal, err = tx.Registry(ctx, q)
			return err
		})
	}
	if err != nil {
		t.Errorf("search %q: %v", query, err)
		return
	}
	for way, found := range map[string][]sqlstore.RegistryEntry{"index": entries, "database": inTx} {
		var got []string
		for _, e := range found {
			got = append(got, e.Number)
		}
		sort.Strings(got)
		if fmt.Sprint(got) != fmt.Sprint(want) || total != len(want) || inTxTotal != total {
			t.Errorf("search %q through the %s found %v (totals %d, %d), want %v", query, way, got, total, inTxTotal, want)
		}
	}
}
