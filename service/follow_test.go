package service_test

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"nintei/application"
	"nintei/formb"
	"nintei/internal/i18n"
	"nintei/internal/mail"
	"nintei/internal/testenv"
	"nintei/service/apply"
	"nintei/service/follow"
)

// followByMail subscribes addr to a service and confirms through the
// mailed link.
func followByMail(t *testing.T, env *testenv.Env, number, addr string) {
	t.Helper()
	ok(t, env.Svc.Subscribe(ctx, follow.KindService, number, addr, i18n.Japanese))
	var confirm string
	for _, m := range env.Mail.Messages() {
		if m.To == addr {
			confirm = regexp.MustCompile(`/follow/confirm/(\S+)`).FindStringSubmatch(m.Text)[1]
		}
	}
	_, err := env.Svc.Confirm(ctx, confirm)
	ok(t, err)
}

func mailsOf(env *testenv.Env, addr string) []mail.Message {
	var out []mail.Message
	for _, m := range env.Mail.Messages() {
		if m.To == addr {
			out = append(out, m)
		}
	}
	return out
}

// an accepted change notice's public event names the items whose
// published answers changed, and a follower's notice lists them by name.
// Two instances scanning at once announce the event once.
func TestFollowChangeNamesItems_R9_9(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		c, err := env.Svc.Certification(ctx, who.owner, id)
		ok(t, err)
		followByMail(t, env, c.Number, "buyer@example.com")

		n, err := env.Svc.OpenChangeNotice(ctx, who.owner, id)
		ok(t, err)
		item := textItems(t, env, n, 1)[0]
		form, err := env.Svc.FormB(ctx, who.owner, n)
		ok(t, err)
		e := form[item.ID]
		e.Answer.Value = "2027年1月にデータセンターを移転しました。"
		_, err = env.Svc.SaveFormB(ctx, who.owner, n.ID, version(t, env, n.ID), []formb.Entry{e})
		ok(t, err)
		_, err = env.Svc.AddAttachment(ctx, who.owner, n.ID, apply.NewAttachment{Purpose: application.PurposeEvidence,
			FileName: "移転通知.pdf", ItemIDs: []string{item.ID}, Body: strings.NewReader(testenv.TinyPDF)})
		ok(t, err)
		ok(t, env.Svc.Submit(ctx, who.owner, n.ID, version(t, env, n.ID), i18n.Japanese))
		ok(t, env.Svc.AcceptChange(ctx, who.jimu, n.ID, version(t, env, n.ID)))

		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = env.Svc.Scan(ctx) }()
		}
		wg.Wait()
		ok(t, errs[0])
		ok(t, errs[1])
		notices := mailsOf(env, "buyer@example.com")[1:]
		if len(notices) != 1 {
			t.Fatalf("%d notices of the change, want 1", len(notices))
		}
		if !strings.Contains(notices[0].Text, item.ItemJA) || !strings.Contains(notices[0].Text, "変更された項目") {
			t.Errorf("the notice does not name the changed item %q:\n%s", item.ItemJA, notices[0].Text)
		}
		if strings.Count(notices[0].Text, "・") != 1 {
			t.Errorf("the notice names more than the one changed item:\n%s", notices[0].Text)
		}
	})
}
