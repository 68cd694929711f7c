package page

import (
	"fmt"
	"net/http"
	"strings"

	"nintei"
	"nintei/civil"
	"nintei/internal/i18n"
	"nintei/internal/web/request"
	"nintei/policy"
)

// Layout is the data every page shares; page data types embed it.
type Layout struct {
	msgs      *i18n.Catalog
	Lang      i18n.Lang
	User      *nintei.User
	CSRF      string
	Path      string
	Flash     string
	RequestID string
	DemoDate  string // the demo clock's day when it was moved; "" otherwise
}

// NewLayout is the layout of text written outside a page (the JSON API's
// labels, tests): the language and the user, nothing of a request.
func NewLayout(msgs *i18n.Catalog, lang i18n.Lang, user *nintei.User) Layout {
	return Layout{msgs: msgs, Lang: lang, User: user}
}

// T translates a message key; args are name, value pairs.
func (l Layout) T(key string, args ...any) string {
	var m map[string]any
	if len(args) > 1 {
		m = make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			m[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	return l.msgs.T(l.Lang, key, m)
}

// Catalog is the message catalog the layout translates with.
func (l Layout) Catalog() *i18n.Catalog { return l.msgs }

func (l Layout) pageLang() i18n.Lang { return l.Lang }

// OtherLang is the language the switch offers.
func (l Layout) OtherLang() i18n.Lang {
	if l.Lang == i18n.English {
		return i18n.Japanese
	}
	return i18n.English
}

// navItem is one link of the main navigation.
type navItem struct {
	Href, Key string
	Current   bool
}

// May reports whether the signed-in user may take an action of the policy
// (package policy), so that a page offers only what the routes admit.
func (l Layout) May(action string) bool {
	return l.User != nil && policy.Allows(l.User.Role, policy.Action(action))
}

// Nav lists the links this user may follow: the menu never offers what the
// route table would refuse.
func (l Layout) Nav() []navItem {
	items := []navItem{{Href: "/", Key: "nav.home"}, {Href: "/registry", Key: "nav.registry"}, {Href: "/catalog", Key: "nav.catalog"}}
	if l.User != nil {
		items = append(items, navItem{Href: "/dashboard", Key: "nav.dashboard"}, navItem{Href: "/applications", Key: "nav.applications"})
		for _, it := range []struct {
			navItem
			may policy.Action
		}{{navItem{Href: "/members", Key: "nav.members"}, policy.ViewMembers}, {navItem{Href: "/queue", Key: "queue.nav"}, policy.ViewQueue},
			{navItem{Href: "/returns", Key: "nav.returns"}, policy.ManageReturns}, {navItem{Href: "/audit", Key: "nav.audit"}, policy.ReadAudit}, {navItem{Href: "/admin/users", Key: "nav.users"}, policy.ManageUsers}} {
			if l.May(string(it.may)) {
				items = append(items, it.navItem)
			}
		}
		items = append(items, navItem{Href: "/account", Key: "nav.account"})
	}
	for i := range items {
		items[i].Current = items[i].Href == l.Path || (items[i].Href != "/" && strings.HasPrefix(l.Path, items[i].Href+"/"))
	}
	return items
}

// Layout builds the shared page data for a request.
func (s *Pages) Layout(w http.ResponseWriter, r *http.Request) Layout {
	l := Layout{msgs: s.msgs, Lang: request.LangOf(r), Path: r.URL.Path, RequestID: request.RequestID(r)}
	if c := s.opts.DemoClock; c != nil && c.Offset() != 0 {
		l.DemoDate = i18n.Date(l.Lang, civil.DateOf(s.svc.Today()))
	}
	if p := request.Principal(r); p != nil {
		u := p.User
		l.User, l.CSRF = &u, p.CSRFToken
	}
	if key := request.TakeFlash(w, r); key != "" && s.msgs.Has(key) {
		l.Flash = s.msgs.T(l.Lang, key, nil)
	}
	return l
}

// EndDate writes the day a certification ended as the page's language
// writes dates: 2026年12月7日 in Japanese.
func (l Layout) EndDate(d string) string {
	if l.Lang == i18n.Japanese {
		return request.JaDate(d)
	}
	return d
}

// JobKind names a kind of background job in the page's language; a kind
// without a label (one added later) shows as it is.
func (l Layout) JobKind(kind string) string {
	if key := "job.kind." + kind; l.msgs != nil && l.msgs.Has(key) {
		return l.T(key)
	}
	return kind
}
