package follow

import (
	"context"
	"net/url"
	"strings"
	"time"

	"nintei"
	"nintei/internal/i18n"
	"nintei/internal/jobs"
	"nintei/internal/mail"
	"nintei/service/core"
	"nintei/store"
)

// JobScan is the kind of the periodic job that makes the notices.
const JobScan = "follow.scan"

// scanBatch is how many events one transaction announces.
const scanBatch = 100

// serviceKinds are the events a service's followers are told of: all but
// its certification, which came before anyone could follow it.
var serviceKinds = map[string]bool{"renewed": true, "changed": true, "withheld": true, "improvement_requested": true,
	"revoked": true, "terminated": true, "lapsed": true, "expired": true}

// RegisterJobs gives the runner the notices' scan, every minute, and the
// webhook deliveries it schedules.
func (s *Follow) RegisterJobs(r *jobs.Runner) {
	r.Periodic(JobScan, jobs.Period{Every: time.Minute}, func(ctx context.Context, _ jobs.Job) error { return s.Scan(ctx) })
	r.Handle(JobHook, s.deliver)
}

// Scan makes the notices of every registry event after the cursor, a
// batch a transaction: the mails and webhook deliveries are queued in the
// transaction that moves the cursor past their events, so an event is
// announced once, even when two instances scan at once (the second finds
// the cursor moved and commits nothing). Then it deletes the subscriptions
// whose confirmation link expired.
func (s *Follow) Scan(ctx context.Context) error {
	for {
		cursor, err := s.Store.FollowCursor(ctx)
		if err != nil {
			return err
		}
		events, err := s.Store.RegistryEventsAfter(ctx, cursor, scanBatch)
		if err != nil {
			return err
		}
		if len(events) == 0 {
			return s.Store.PurgeUnconfirmedFollows(ctx, s.Now())
		}
		p, err := s.plan(ctx, events)
		if err != nil {
			return err
		}
		err = s.Store.InTx(ctx, func(tx store.Tx) error {
			if err := tx.MoveFollowCursor(ctx, cursor, events[len(events)-1].ID); err != nil {
				return err
			}
			return p.queue(ctx, s, tx)
		})
		if nintei.KindOf(err) == nintei.KindNotFound {
			return nil // another scan announced these events
		} else if err != nil {
			return err
		}
	}
}

// plan is what a batch of events sends.
type plan struct {
	mails []mail.Message
	hooks []hookJob
}

func (p plan) queue(ctx context.Context, s *Follow, tx store.Tx) error {
	for _, m := range p.mails {
		if err := s.QueueMail(ctx, tx, m, core.Mailed{Type: "follow", ID: "notice"}); err != nil {
			return err
		}
	}
	for _, h := range p.hooks {
		if _, _, err := jobs.Enqueue(ctx, tx, JobHook, h, jobs.Spec{MaxAttempts: hookAttempts}); err != nil {
			return err
		}
	}
	return nil
}

// plan finds the followers of each event: a service's followers for its
// events, and the followers of every search the service matches for its
// certification.
func (s *Follow) plan(ctx context.Context, events []store.RegistryEvent) (plan, error) {
	var p plan
	m := matcher{s: s, found: map[string]map[string]bool{}}
	for _, e := range events {
		var targets []Target
		switch {
		case serviceKinds[e.Kind]:
			targets = []Target{{Kind: KindService, Target: e.Number}}
		case e.Kind == "certified":
			words, err := m.searchesMatching(ctx, e.Number)
			if err != nil {
				return p, err
			}
			for _, w := range words {
				targets = append(targets, Target{Kind: KindSearch, Target: w})
			}
		}
		for _, t := range targets {
			if err := s.planTarget(ctx, &p, e, t); err != nil {
				return p, err
			}
		}
	}
	return p, nil
}

func (s *Follow) planTarget(ctx context.Context, p *plan, e store.RegistryEvent, t Target) error {
	mails, err := s.Store.FollowMailsFor(ctx, t.Kind, t.Target)
	if err != nil {
		return err
	}
	for _, sub := range mails {
		p.mails = append(p.mails, s.notice(e, t, sub))
	}
	hooks, err := s.Store.FollowHooksFor(ctx, t.Kind, t.Target)
	if err != nil {
		return err
	}
	for _, h := range hooks {
		p.hooks = append(p.hooks, hookJob{HookID: h.ID, Event: s.payload(e)})
	}
	return nil
}

// matcher answers which followed searches a service matches, asking the
// registry search once per search words and batch.
type matcher struct {
	s        *Follow
	searches []string // nil until read
	found    map[string]map[string]bool
}

func (m *matcher) searchesMatching(ctx context.Context, number string) ([]string, error) {
	if m.searches == nil {
		words := map[string]bool{}
		mails, err := m.s.Store.FollowMailsFor(ctx, KindSearch, "")
		if err != nil {
			return nil, err
		}
		hooks, err := m.s.Store.FollowHooksFor(ctx, KindSearch, "")
		if err != nil {
			return nil, err
		}
		m.searches = []string{}
		for _, f := range mails {
			words[f.Target] = true
		}
		for _, h := range hooks {
			words[h.Target] = true
		}
		for w := range words {
			m.searches = append(m.searches, w)
		}
	}
	var out []string
	for _, w := range m.searches {
		if m.found[w] == nil {
			entries, _, err := m.s.Store.Registry(ctx, store.RegistryQuery{Text: w, Limit: 100000})
			if err != nil {
				return nil, err
			}
			m.found[w] = map[string]bool{}
			for _, e := range entries {
				m.found[w][e.Number] = true
			}
		}
		if m.found[w][number] {
			out = append(out, w)
		}
	}
	return out, nil
}

// notice is the mail of one event to one subscription, with its one-click
// unsubscribe link in the text and in the List-Unsubscribe headers
// (RFC 2369, RFC 8058).
func (s *Follow) notice(e store.RegistryEvent, t Target, sub store.FollowMail) mail.Message {
	lang := i18n.Japanese
	unsub := s.Config.BaseURL + "/follow/unsubscribe/" + sub.UnsubToken
	args := map[string]any{"Number": e.Number, "Service": e.ServiceName, "On": e.OccurredOn, "Words": t.Target,
		"Event": s.Msgs.T(lang, "follow.event."+e.Kind, nil), "URL": s.Config.BaseURL + "/registry/" + url.PathEscape(e.Number),
		"Unsubscribe": unsub}
	text := s.MailT(lang, "follow.mail.notice.body", args)
	if t.Kind == KindSearch {
		text = s.MailT(lang, "follow.mail.search_notice.body", args)
	}
	if items := strings.TrimSpace(e.Items); items != "" {
		text += "\n" + s.MailT(lang, "follow.mail.notice.items", map[string]any{"Items": "・" + strings.ReplaceAll(items, "\n", "\n・")})
	}
	text += "\n" + s.MailT(lang, "follow.mail.notice.footer", args)
	return mail.Message{To: sub.Email, Subject: s.MailT(lang, "follow.mail.notice.subject", args), Text: text,
		Headers: map[string]string{"List-Unsubscribe": "<" + unsub + ">", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}}
}

// payload is an event as webhooks receive it.
func (s *Follow) payload(e store.RegistryEvent) EventPayload {
	p := EventPayload{ID: e.ID, Kind: e.Kind, Number: e.Number, ServiceName: e.ServiceName, OccurredOn: e.OccurredOn,
		URL: s.Config.BaseURL + "/registry/" + url.PathEscape(e.Number)}
	if items := strings.TrimSpace(e.Items); items != "" {
		p.Items = strings.Split(items, "\n")
	}
	return p
}
