package public

// signInRoutes open the route table: signing in, the password reset, the
// language. The access column is enforced by the root package (web.wrap,
// authorize); the authorization matrix test reads this table.
func (s *Server) signInRoutes() []route {
	return []route{
		// Signing in (the dashboard, the account and the members follow in package ui).
		{Method: "GET", Path: "/login", Access: public, Handle: s.showLogin},
		{Method: "POST", Path: "/login", Access: public, Handle: s.logIn},
		{Method: "POST", Path: "/logout", Access: anyUser, Handle: s.logOut},
		{Method: "GET", Path: "/login/sso/{provider}", Access: public, Handle: s.startSSO},
		{Method: "GET", Path: "/login/sso/{provider}/callback", Access: public, Handle: s.finishSSO},
		{Method: "GET", Path: "/password/forgot", Access: public, Handle: s.showForgotPassword},
		{Method: "POST", Path: "/password/forgot", Access: public, Handle: s.requestPasswordReset},
		{Method: "GET", Path: "/password/reset/{token}", Access: public, Handle: s.showPasswordReset},
		{Method: "POST", Path: "/password/reset/{token}", Access: public, Handle: s.resetPassword},
		{Method: "POST", Path: "/lang", Access: public, Handle: s.switchLang},
	}
}

// publicRoutes are the public pages, between the certification's pages
// and the administration (package ui).
func (s *Server) publicRoutes() []route {
	return []route{
		// Public: the registry, comparison, verification, the catalog, the contact window.
		{Method: "GET", Path: "/{$}", Access: public, Handle: s.showHome},
		{Method: "GET", Path: "/registry", Access: public, Cached: true, Search: true, Handle: s.showRegistry},
		{Method: "GET", Path: "/registry.csv", Access: public, Cached: true, Handle: s.registryCSV},
		{Method: "GET", Path: "/registry/{number}", Access: public, Cached: true, Handle: s.showRegistryEntry},
		{Method: "GET", Path: "/verify", Access: public, Handle: s.showVerifyForm},
		{Method: "GET", Path: "/verify/{number}", Access: public, Cached: true, Handle: s.verify},
		{Method: "GET", Path: "/badge/{file}", Access: public, Cached: true, Handle: s.badge}, // {number}.svg, the live status badge
		{Method: "GET", Path: "/compare", Access: public, Handle: s.showCompare}, // cached by column (compare_columns.go)
		{Method: "GET", Path: "/compare.csv", Access: public, Cached: true, Handle: s.compareCSV},
		{Method: "GET", Path: "/registry/feed.atom", Access: public, Cached: true, Handle: s.registryFeed},
		{Method: "GET", Path: "/registry/{number}/feed.atom", Access: public, Cached: true, Handle: s.serviceFeed},
		{Method: "GET", Path: "/statistics", Access: public, Cached: true, Handle: s.showStatistics},
		{Method: "GET", Path: "/statistics.json", Access: public, Cached: true, Handle: s.statisticsJSON},
		{Method: "GET", Path: "/statistics.csv", Access: public, Cached: true, Handle: s.statisticsCSV},
		// The verifiable registry (docs/registry.md): the public log, the signed snapshot, its keys.
		{Method: "GET", Path: "/registry/log", Access: public, Handle: s.registryLog},
		{Method: "GET", Path: "/registry/snapshot.json", Access: public, Handle: s.registrySnapshot},
		{Method: "GET", Path: "/registry/snapshot.json.sig", Access: public, Handle: s.registrySnapshotSig},
		{Method: "GET", Path: "/.well-known/nintei-registry-key", Access: public, Handle: s.registryKeys},
		{Method: "GET", Path: "/contact", Access: public, Handle: s.showContact},
		{Method: "GET", Path: "/disclaimer", Access: public, Handle: s.showDisclaimer},
		{Method: "GET", Path: "/catalog", Access: public, Handle: s.showCatalogs},
		{Method: "GET", Path: "/catalog/diff", Access: public, Handle: s.showCatalogDiff},
		{Method: "GET", Path: "/catalog/{id}", Access: public, Handle: s.showCatalogEdition},
		// Following a service or a search (issue 20): by e-mail, double opt-in; webhooks for organisations.
		{Method: "GET", Path: "/follow", Access: public, Handle: s.showFollowForm},
		{Method: "POST", Path: "/follow", Access: public, Handle: s.subscribe},
		{Method: "GET", Path: "/follow/confirm/{token}", Access: public, Handle: s.showFollowConfirm},
		{Method: "POST", Path: "/follow/confirm/{token}", Access: public, Handle: s.confirmFollow},
		{Method: "GET", Path: "/follow/unsubscribe/{token}", Access: public, Handle: s.showUnsubscribe},
		{Method: "POST", Path: "/follow/unsubscribe/{token}", Access: public, Handle: s.unsubscribe},
		{Method: "GET", Path: "/follow/webhooks", Access: public, Handle: s.showHookForm},
		{Method: "POST", Path: "/follow/webhooks", Access: public, Handle: s.registerHook},
		{Method: "GET", Path: "/follow/webhooks/confirm/{token}", Access: public, Handle: s.showHookConfirm},
		{Method: "POST", Path: "/follow/webhooks/confirm/{token}", Access: public, Handle: s.confirmHook},
		{Method: "GET", Path: "/follow/webhooks/manage/{token}", Access: public, Handle: s.showHookLog},
		{Method: "POST", Path: "/follow/webhooks/manage/{token}/delete", Access: public, Handle: s.deleteHook},
	}
}
