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
		{method: "GET", path: "/api/v1/applications", access: anyUser, handle: s.apiApplications,
			doc: &apiDoc{Summary: "Applications the caller may see (own provider's; staff: submitted ones)", Response: "ApplicationList"}},
		{method: "POST", path: "/api/v1/applications", access: applicant, handle: s.apiOpenApplication,
			doc: &apiDoc{Summary: "Open a draft application bound to the current catalog edition", Request: "ApplicationOpen", Response: "Application", Status: 201}},
		{method: "GET", path: "/api/v1/applications/{id}", access: anyUser, handle: s.apiApplication,
			doc: &apiDoc{Summary: "One application with its Form A", Response: "Application"}},
		{method: "PUT", path: "/api/v1/applications/{id}/form-a", access: applicant, handle: s.apiSaveFormA,
			doc: &apiDoc{Summary: "Replace Form A of a draft (version must match; 409 when stale)", Request: "FormASave", Response: "Application"}},
		{method: "GET", path: "/api/v1/applications/{id}/form-b", access: anyUser, handle: s.apiFormB,
			doc: &apiDoc{Summary: "Form B entries in catalog order, with progress", Response: "FormB"}},
		{method: "PATCH", path: "/api/v1/applications/{id}/form-b", access: applicant, handle: s.apiSaveFormB,
			doc: &apiDoc{Summary: "Save Form B entries of a draft (others unchanged; version must match)", Request: "FormBSave", Response: "FormB"}},
		{method: "GET", path: "/api/v1/applications/{id}/form-b.xlsx", access: anyUser, handle: s.exportWorkbook,
			doc: &apiDoc{Summary: "Form B as an Excel workbook (round trip with the import)", Response: "binary"}},
		{method: "POST", path: "/api/v1/applications/{id}/form-b/import", access: applicant, handle: s.apiImportWorkbook, upload: true,
			doc: &apiDoc{Summary: "Replace Form B from a filled workbook (body: the .xlsx; ?version=); all or nothing, 422 lists every problem by sheet and cell", Request: "xlsx", Response: "WorkbookImported"}},
		{method: "GET", path: "/api/v1/applications/{id}/precheck", access: anyUser, handle: s.apiPrecheck,
			doc: &apiDoc{Summary: "Pre-check: what blocks submission, item by item (R-4.4, R-5.2, R-5.3)", Response: "Precheck"}},
		{method: "POST", path: "/api/v1/applications/{id}/submit", access: applicant, handle: s.apiSubmit,
			doc: &apiDoc{Summary: "Submit a draft whose pre-check passes", Request: "Version", Response: "Application"}},
		{method: "POST", path: "/api/v1/applications/{id}/withdraw", access: applicant, handle: s.apiWithdraw,
			doc: &apiDoc{Summary: "Withdraw before a decision", Request: "Version", Response: "Application"}},
		{method: "GET", path: "/api/v1/applications/{id}/attachments", access: anyUser, handle: s.apiAttachments,
			doc: &apiDoc{Summary: "Attachments with purpose, size, SHA-256 and the items they back", Response: "AttachmentList"}},
		{method: "POST", path: "/api/v1/applications/{id}/attachments", access: applicant, handle: s.apiUploadAttachment, upload: true, stream: true,
			doc: &apiDoc{Summary: "Upload a file (multipart: purpose, item_id…, source_url, captured_on, original, then file)", Request: "multipart", Response: "Attachment", Status: 201}},
		{method: "GET", path: "/api/v1/applications/{id}/attachments/{aid}", access: anyUser, handle: s.downloadAttachment,
			doc: &apiDoc{Summary: "Download a file (provider's users and, once submitted, staff)", Response: "binary"}},
		{method: "DELETE", path: "/api/v1/applications/{id}/attachments/{aid}", access: applicant, handle: s.apiRemoveAttachment,
			doc: &apiDoc{Summary: "Remove a file from a draft", Status: 204}},
	}
}
