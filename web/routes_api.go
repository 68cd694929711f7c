package web

// apiDoc is what the OpenAPI document says about a route beyond its method,
// path and access: the request and response schema names (components).
type apiDoc struct {
	Summary  string
	Request  string // schema of the JSON body, "" for none; "yaml" for a catalog file
	Response string // schema of the 200/201 body
	Status   int    // success status; 200 when zero
}

// apiRoutes is the route table of the JSON API. It uses the same access
// levels and the same service calls as the UI.
func (s *Server) apiRoutes() []route {
	return []route{
		{method: "GET", path: "/api/v1/openapi.json", access: public, handle: s.apiOpenAPI,
			doc: &apiDoc{Summary: "This document", Response: "OpenAPI"}},
		{method: "GET", path: "/api/v1/me", access: anyUser, handle: s.apiMe,
			doc: &apiDoc{Summary: "The authenticated user and organisation", Response: "Me"}},
		{method: "POST", path: "/api/v1/me/password", access: anyUser, handle: s.apiChangePassword,
			doc: &apiDoc{Summary: "Change the password (other sessions end)", Request: "PasswordChange", Status: 204}},
		{method: "GET", path: "/api/v1/tokens", access: anyUser, handle: s.apiTokens,
			doc: &apiDoc{Summary: "List personal API tokens", Response: "TokenList"}},
		{method: "POST", path: "/api/v1/tokens", access: anyUser, handle: s.apiCreateToken,
			doc: &apiDoc{Summary: "Create a personal API token (the secret is returned once)", Request: "TokenCreate", Response: "TokenCreated", Status: 201}},
		{method: "DELETE", path: "/api/v1/tokens/{id}", access: anyUser, handle: s.apiRevokeToken,
			doc: &apiDoc{Summary: "Revoke a personal API token", Status: 204}},
		{method: "GET", path: "/api/v1/members", access: applicant, handle: s.apiMembers,
			doc: &apiDoc{Summary: "People and invitations of the caller's provider", Response: "Members"}},
		{method: "POST", path: "/api/v1/invitations", access: owner, handle: s.apiInvite,
			doc: &apiDoc{Summary: "Invite a member by e-mail (single-use link)", Request: "InvitationCreate", Response: "Invitation", Status: 201}},
		{method: "GET", path: "/api/v1/catalog/editions", access: public, handle: s.apiEditions,
			doc: &apiDoc{Summary: "Installed catalog editions", Response: "EditionList"}},
		{method: "GET", path: "/api/v1/catalog/editions/{id}", access: public, handle: s.apiEdition,
			doc: &apiDoc{Summary: "One catalog edition with its categories and items", Response: "Edition"}},
		{method: "POST", path: "/api/v1/catalog/editions", access: admin, handle: s.apiImportEdition, upload: true,
			doc: &apiDoc{Summary: "Import a catalog edition file (YAML or JSON)", Request: "yaml", Response: "EditionImported", Status: 201}},
		{method: "GET", path: "/api/v1/audit/events", access: secretariat, handle: s.apiAuditEvents,
			doc: &apiDoc{Summary: "Audit events, newest first", Response: "AuditEventList"}},
		{method: "GET", path: "/api/v1/audit/verify", access: secretariat, handle: s.apiVerifyAudit,
			doc: &apiDoc{Summary: "Verify the audit hash chain", Response: "AuditVerification"}},
	}
}
