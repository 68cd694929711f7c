package ui

import (
	"fmt"
	"net/http"
	"strings"

	"nintei"
	"nintei/civil"
	"nintei/internal/i18n"
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

// layout builds the shared page data for a request.
func (s *Server) layout(w http.ResponseWriter, r *http.Request) Layout {
	l := Layout{msgs: s.msgs, Lang: langOf(r), Path: r.URL.Path, RequestID: requestID(r)}
	if c := s.opts.DemoClock; c != nil && c.Offset() != 0 {
		l.DemoDate = i18n.Date(l.Lang, civil.DateOf(s.svc.Today()))
	}
	if p := principal(r); p != nil {
		u := p.User
		l.User, l.CSRF = &u, p.CSRFToken
	}
	if key := takeFlash(w, r); key != "" && s.msgs.Has(key) {
		l.Flash = s.msgs.T(l.Lang, key, nil)
	}
	return l
}
