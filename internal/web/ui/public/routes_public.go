package public

// signInRoutes open the route table: signing in, the password reset, the
// language. The access column is enforced by the root package (web.wrap,
// authorize); the authorization matrix test reads this table.
func (s *Server) signInRoutes() []route {
	return []route{
		// Signing in (the dashboard, the account and the members follow in package ui).
		{method: "GET", path: "/login", access: public, handle: s.showLogin},
		{method: "POST", path: "/login", access: public, handle: s.logIn},
		{method: "POST", path: "/logout", access: anyUser, handle: s.logOut},
		{method: "GET", path: "/password/forgot", access: public, handle: s.showForgotPassword},
		{method: "POST", path: "/password/forgot", access: public, handle: s.requestPasswordReset},
		{method: "GET", path: "/password/reset/{token}", access: public, handle: s.showPasswordReset},
		{method: "POST", path: "/password/reset/{token}", access: public, handle: s.resetPassword},
		{method: "POST", path: "/lang", access: public, handle: s.switchLang},
	}
}

// publicRoutes are the public pages, between the certification's pages
// and the administration (package ui).
func (s *Server) publicRoutes() []route {
	return []route{
		// Public: the registry, comparison, verification, the catalog, the contact window.
		{method: "GET", path: "/{$}", access: public, handle: s.showHome},
		{method: "GET", path: "/registry", access: public, cached: true, search: true, handle: s.showRegistry},
		{method: "GET", path: "/registry.csv", access: public, cached: true, handle: s.registryCSV},
		{method: "GET", path: "/registry/{number}", access: public, cached: true, handle: s.showRegistryEntry},
		{method: "GET", path: "/verify", access: public, handle: s.showVerifyForm},
		{method: "GET", path: "/verify/{number}", access: public, cached: true, handle: s.verify},
		{method: "GET", path: "/compare", access: public, handle: s.showCompare}, // cached by column (compare_columns.go)
		{method: "GET", path: "/compare.csv", access: public, cached: true, handle: s.compareCSV},
		{method: "GET", path: "/registry/feed.atom", access: public, cached: true, handle: s.registryFeed},
		{method: "GET", path: "/registry/{number}/feed.atom", access: public, cached: true, handle: s.serviceFeed},
		{method: "GET", path: "/contact", access: public, handle: s.showContact},
		{method: "GET", path: "/disclaimer", access: public, handle: s.showDisclaimer},
		{method: "GET", path: "/catalog", access: public, handle: s.showCatalogs},
		{method: "GET", path: "/catalog/{id}", access: public, handle: s.showCatalogEdition},
	}
}
