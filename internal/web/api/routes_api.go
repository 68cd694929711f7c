package api

import (
	"nintei/application"
	"nintei/policy"
)

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
		// Signing in, the dashboard, the account and the provider's members.
		{method: "GET", path: "/api/v1/me", access: anyUser, handle: s.apiMe,
			doc: &apiDoc{Summary: "The authenticated user and organisation", Response: "Me"}},
		{method: "GET", path: "/api/v1/me/work", access: anyUser, handle: s.apiMyWork,
			doc: &apiDoc{Summary: "The dashboard's data for the caller's role. The secretariat: its inbox, grouped by kind, oldest first, each item with the application, provider, service, days waited and the screen's url. A committee member: the cases waiting for their conflict declaration or opinion. The administrator: users by role, catalog editions, failed background jobs. A reviewer: 403. A provider: what needs action now (open inquiries, unpaid invoices, an open renewal window, supervision requests, returned applications) and every application and certification with its state, next step, who takes it (provider or body) and deadlines. An inquiry has no answer due date in the data: due_on is null", Response: "Work"}},
		{method: "POST", path: "/api/v1/me/password", access: anyUser, handle: s.apiChangePassword,
			doc: &apiDoc{Summary: "Change the password (other sessions end)", Request: "PasswordChange", Status: 204}},
		{method: "GET", path: "/api/v1/tokens", access: anyUser, handle: s.apiTokens,
			doc: &apiDoc{Summary: "List personal API tokens", Response: "TokenList"}},
		{method: "POST", path: "/api/v1/tokens", access: anyUser, handle: s.apiCreateToken,
			doc: &apiDoc{Summary: "Create a personal API token (the secret is returned once)", Request: "TokenCreate", Response: "TokenCreated", Status: 201}},
		{method: "DELETE", path: "/api/v1/tokens/{id}", access: anyUser, handle: s.apiRevokeToken,
			doc: &apiDoc{Summary: "Revoke a personal API token", Status: 204}},
		{method: "GET", path: "/api/v1/members", access: policy.ViewMembers, handle: s.apiMembers,
			doc: &apiDoc{Summary: "People and invitations of the caller's provider", Response: "Members"}},
		{method: "POST", path: "/api/v1/invitations", access: policy.InviteMember, handle: s.apiInvite,
			doc: &apiDoc{Summary: "Invite a member by e-mail (single-use link)", Request: "InvitationCreate", Response: "Invitation", Status: 201}},

		// Apply: the application, Form A, Form B, the attachments.
		{method: "GET", path: "/api/v1/applications", access: anyUser, handle: s.apiApplications,
			doc: &apiDoc{Summary: "Applications the caller may see (own provider's; staff: submitted ones)", Response: "ApplicationList"}},
		{method: "POST", path: "/api/v1/applications", access: policy.Apply, handle: s.apiOpenApplication,
			doc: &apiDoc{Summary: "Open a draft application bound to the current catalog edition", Request: "ApplicationOpen", Response: "Application", Status: 201}},
		{method: "GET", path: "/api/v1/applications/{id}", access: anyUser, handle: s.apiApplication,
			doc: &apiDoc{Summary: "One application with its Form A", Response: "Application"}},
		{method: "PUT", path: "/api/v1/applications/{id}/form-a", access: policy.Apply, handle: s.apiSaveFormA,
			doc: &apiDoc{Summary: "Replace Form A of a draft (version must match; 409 when stale)", Request: "FormASave", Response: "Application"}},
		{method: "GET", path: "/api/v1/applications/{id}/form-b", access: anyUser, handle: s.apiFormB,
			doc: &apiDoc{Summary: "Form B entries in catalog order, with progress", Response: "FormB"}},
		{method: "PATCH", path: "/api/v1/applications/{id}/form-b", access: policy.Apply, handle: s.apiSaveFormB,
			doc: &apiDoc{Summary: "Save Form B entries of a draft (others unchanged; version must match)", Request: "FormBSave", Response: "FormB"}},
		{method: "GET", path: "/api/v1/applications/{id}/form-b.xlsx", access: anyUser, handle: s.exportWorkbook,
			doc: &apiDoc{Summary: "Form B as an Excel workbook (round trip with the import)", Response: "binary"}},
		{method: "POST", path: "/api/v1/applications/{id}/form-b/import", access: policy.Apply, handle: s.apiImportWorkbook, upload: true,
			doc: &apiDoc{Summary: "Replace Form B from a filled workbook (body: the .xlsx; ?version=); all or nothing, 422 lists every problem by sheet and cell", Request: "xlsx", Response: "WorkbookImported"}},
		{method: "GET", path: "/api/v1/applications/{id}/precheck", access: anyUser, handle: s.apiPrecheck,
			doc: &apiDoc{Summary: "Pre-check: what blocks submission, item by item (R-4.4, R-5.2, R-5.3)", Response: "Precheck"}},
		{method: "POST", path: "/api/v1/applications/{id}/submit", access: policy.Apply, handle: s.apiSubmit,
			doc: &apiDoc{Summary: "Submit a draft whose pre-check passes", Request: "Version", Response: "Application"}},
		{method: "POST", path: "/api/v1/applications/{id}/withdraw", access: policy.Apply, handle: s.apiWithdraw,
			doc: &apiDoc{Summary: "Withdraw before a decision", Request: "Version", Response: "Application"}},
		{method: "GET", path: "/api/v1/applications/{id}/attachments", access: anyUser, handle: s.apiAttachments,
			doc: &apiDoc{Summary: "Attachments with purpose, size, SHA-256 and the items they back", Response: "AttachmentList"}},
		{method: "POST", path: "/api/v1/applications/{id}/attachments", access: policy.Apply, handle: s.apiUploadAttachment, upload: true, stream: true,
			doc: &apiDoc{Summary: "Upload a file (multipart: purpose, item_id…, source_url, captured_on, original, then file)", Request: "multipart", Response: "Attachment", Status: 201}},
		{method: "GET", path: "/api/v1/applications/{id}/attachments/{aid}", access: anyUser, handle: s.downloadAttachment,
			doc: &apiDoc{Summary: "Download a file (provider's users and, once submitted, staff)", Response: "binary"}},
		{method: "DELETE", path: "/api/v1/applications/{id}/attachments/{aid}", access: policy.Apply, handle: s.apiRemoveAttachment,
			doc: &apiDoc{Summary: "Remove a file from a draft", Status: 204}},

		// Review: formal and document review, inquiries, investigation, the committee.
		{method: "GET", path: "/api/v1/applications/{id}/review", access: policy.ReadApplications, handle: s.apiReview,
			doc: &apiDoc{Summary: "Staff view: checklist, verdict, assessments, committee, investigations, available events (viewing is audited, R-12)", Response: "Review"}},
		{method: "POST", path: "/api/v1/applications/{id}/events", access: policy.ReadApplications, anyOf: application.StaffActions(), handle: s.apiFireEvent,
			doc: &apiDoc{Summary: "Fire a staff event of the state table; only roles that may fire one of them (x-access-any-of) get past the route, and each event is checked against the table (start_formal_review, return_for_correction, accept_formal, confirm_payment, open_inquiry, start_investigation, end_investigation, refer_to_committee, committee_concluded, certify, refuse)", Request: "Event", Response: "Application"}},
		{method: "POST", path: "/api/v1/applications/{id}/disclosures", access: policy.RecordDisclosure, handle: s.apiRecordDisclosure,
			doc: &apiDoc{Summary: "Record information about the provider given outside the body, with its basis (R-12.1, R-12.2): compelled (legal_basis), consent (consent_by, consent_on not after the disclosure), known_before, public, third_party or own_work (source); recipient and scope always; on defaults to today; written to the audit trail as disclosure.<basis>", Request: "DisclosureCreate", Status: 204}},
		{method: "POST", path: "/api/v1/applications/{id}/assessments", access: policy.Assess, handle: s.apiAssess,
			doc: &apiDoc{Summary: "Assess one item (ok, inquiry, not_met)", Request: "AssessmentSave", Status: 204}},
		{method: "POST", path: "/api/v1/applications/{id}/committee", access: policy.GiveOpinion, handle: s.apiCommitteeMember,
			doc: &apiDoc{Summary: "A committee member's conflict declaration and/or opinion", Request: "CommitteeInput", Status: 204}},
		{method: "GET", path: "/api/v1/applications/{id}/progress", access: anyUser, handle: s.apiProgress,
			doc: &apiDoc{Summary: "Invoices, inquiries and the decision", Response: "Progress2"}},
		{method: "POST", path: "/api/v1/applications/{id}/inquiries/{qid}/answer", access: policy.AnswerInquiry, handle: s.apiAnswerInquiry,
			doc: &apiDoc{Summary: "Answer an inquiry, optionally amending the item's entry", Request: "InquiryAnswer", Response: "Application"}},

		// Decide: certify or refuse, withholding, the certificate and the mark.
		{method: "GET", path: "/api/v1/applications/{id}/certification", access: anyUser, handle: s.apiCertificationStatus,
			doc: &apiDoc{Summary: "The application's certification: status today and how it ended (R-8, R-9.10, R-11.4, R-11.5)", Response: "CertificationStatus"}},
		{method: "GET", path: "/api/v1/applications/{id}/withholdings", access: anyUser, handle: s.apiWithholdings,
			doc: &apiDoc{Summary: "The application's requests to withhold answers from publication (R-7.3), oldest first; the provider's people and staff", Response: "WithholdingList"}},
		{method: "POST", path: "/api/v1/applications/{id}/withholdings", access: policy.RequestWithholding, handle: s.apiRequestWithholding,
			doc: &apiDoc{Summary: "Ask to withhold answers (items: Form B item ids) until a date after today, with the reason (R-7.3); with the application before a decision, or for a certified service; never published before the body decides", Request: "WithholdingCreate", Response: "Withholding", Status: 201}},
		{method: "POST", path: "/api/v1/applications/{id}/withholdings/{wid}/decision", access: policy.DecideWithholding, handle: s.apiDecideWithholding,
			doc: &apiDoc{Summary: "Decide a withholding request (R-7.3): approve true or false; until (optional, with an approval) replaces the requested last day; an approval for a certified service takes the answers out of the registry at once", Request: "WithholdingDecision", Response: "Withholding"}},

		// After certification: renewal, changes, the end, returns, incidents, supervision.
		{method: "POST", path: "/api/v1/applications/{id}/renewal", access: policy.FollowUp, handle: s.apiOpenRenewal,
			doc: &apiDoc{Summary: "Open the renewal of the certification (R-9): a draft starting from the current term's forms; from four months before expiry until 30 days before", Response: "Application"}},
		{method: "POST", path: "/api/v1/applications/{id}/change-notice", access: policy.FollowUp, handle: s.apiOpenChangeNotice,
			doc: &apiDoc{Summary: "Open a change notice (R-9.9): a draft starting from the current forms; file it with submit; the secretariat decides with the events accept_change or reject_change (explanation = reason)", Response: "Application"}},
		{method: "POST", path: "/api/v1/applications/{id}/mark-use", access: policy.FollowUp, handle: s.apiDeclareMarkUse,
			doc: &apiDoc{Summary: "Declare that the mark was used properly during the term (R-9.3); renewals only", Request: "Version", Response: "Application"}},
		{method: "GET", path: "/api/v1/applications/{id}/changes", access: anyUser, handle: s.apiChanges,
			doc: &apiDoc{Summary: "What a renewal changed against the term it renews, item by item, old and new (R-9.4, R-9.5, R-9.6, R-9.8)", Response: "RenewalChanges"}},
		{method: "POST", path: "/api/v1/applications/{id}/termination", access: policy.Terminate, handle: s.apiEndCertification("terminated"),
			doc: &apiDoc{Summary: "Termination notice of the certified service (R-9.10): reason optional, on defaults to today", Request: "Ending", Response: "CertificationStatus"}},
		{method: "POST", path: "/api/v1/applications/{id}/revocation", access: policy.Revoke, handle: s.apiEndCertification("revoked"),
			doc: &apiDoc{Summary: "Revoke the certification (R-11.5): grounds a–j and reasons required", Request: "Ending", Response: "CertificationStatus"}},
		{method: "POST", path: "/api/v1/applications/{id}/succession", access: policy.RecordSuccession, handle: s.apiEndCertification("lapsed"),
			doc: &apiDoc{Summary: "Record a succession that ends the certification (R-11.4): grounds [transfer|merger|split|inheritance]", Request: "Ending", Response: "CertificationStatus"}},
		{method: "POST", path: "/api/v1/applications/{id}/certificate-return", access: policy.RecordReturn, handle: s.apiCertificateReturn,
			doc: &apiDoc{Summary: "Record the return of the certificate after the certification ended (R-9.10)", Request: "CertificateReturn", Response: "CertificationStatus"}},
		{method: "GET", path: "/api/v1/applications/{id}/returns", access: anyUser, handle: s.apiReturnsOf,
			doc: &apiDoc{Summary: "The application's files on the return list, pending or returned/destroyed (R-10)", Response: "Returns"}},
		{method: "POST", path: "/api/v1/applications/{id}/returns", access: policy.ManageReturns, handle: s.apiDisposeDocuments,
			doc: &apiDoc{Summary: "Record that listed files were returned or destroyed (method returned|destroyed, on defaults to today); the stored files are then deleted (R-10)", Request: "Disposal", Response: "Returns"}},
		{method: "GET", path: "/api/v1/returns", access: policy.ManageReturns, handle: s.apiPendingReturns,
			doc: &apiDoc{Summary: "The return list: files waiting to be returned or destroyed (R-10.1–R-10.3)", Response: "Returns"}},
		{method: "GET", path: "/api/v1/applications/{id}/incidents", access: anyUser, handle: s.apiIncidents,
			doc: &apiDoc{Summary: "Incidents of a certified service with every report, and its recorded maintenance with the notice check (R-11.1, R-11.2); the provider's people and staff", Response: "IncidentList"}},
		{method: "POST", path: "/api/v1/applications/{id}/incidents", access: policy.ReportIncident, handle: s.apiReportIncident,
			doc: &apiDoc{Summary: "First report of a new incident (R-11.1): kind outage|leak|threat, occurred_at (YYYY-MM-DD HH:MM, Japan), summary, impact, measures; the secretariat is mailed", Request: "IncidentReportCreate", Response: "Incident", Status: 201}},
		{method: "POST", path: "/api/v1/applications/{id}/incidents/{iid}/reports", access: policy.ReportIncident, handle: s.apiFileIncidentReport,
			doc: &apiDoc{Summary: "Append a report: stage first (an incident flagged by the maintenance check), followup, or final (closes it; measures required); never edited", Request: "IncidentReportCreate", Response: "Incident", Status: 201}},
		{method: "POST", path: "/api/v1/applications/{id}/maintenance", access: policy.ReportIncident, handle: s.apiRecordMaintenance,
			doc: &apiDoc{Summary: "Record a planned maintenance (announced_on, starts_on, description); checked against the notice period disclosed in Form B: in_time, late (opens an incident needing a report) or unknown (R-11.2)", Request: "MaintenanceCreate", Response: "Maintenance", Status: 201}},
		{method: "GET", path: "/api/v1/incidents", access: policy.ReadIncidents, handle: s.apiOpenIncidents,
			doc: &apiDoc{Summary: "Open incidents of every certified service, oldest first, with age_days and the last report", Response: "IncidentList"}},
		{method: "GET", path: "/api/v1/applications/{id}/supervision", access: anyUser, handle: s.apiSupervision,
			doc: &apiDoc{Summary: "The body's requests to a certified service (explanation, documents, investigation, improvement) with the provider's responses (R-11.3)", Response: "SupervisionList"}},
		{method: "POST", path: "/api/v1/applications/{id}/supervision", access: policy.Supervise, handle: s.apiRequestSupervision,
			doc: &apiDoc{Summary: "Make a request (R-11.3): kind, body, due_on; publish (improvement only) shows it on the service's registry page; the provider is mailed", Request: "SupervisionCreate", Response: "SupervisionRequest", Status: 201}},
		{method: "POST", path: "/api/v1/applications/{id}/supervision/{rid}/responses", access: policy.ReportIncident, handle: s.apiRespondSupervision,
			doc: &apiDoc{Summary: "The provider's answer or follow-up (body), recorded with its time; never edited", Request: "SupervisionResponseCreate", Response: "SupervisionRequest", Status: 201}},
		{method: "POST", path: "/api/v1/applications/{id}/supervision/{rid}/resolve", access: policy.Supervise, handle: s.apiSupervisionAction(s.resolveSupervision),
			doc: &apiDoc{Summary: "Close a request as resolved (a published improvement request shows it in the registry)", Response: "SupervisionRequest"}},
		{method: "POST", path: "/api/v1/applications/{id}/supervision/{rid}/publish", access: policy.Supervise, handle: s.apiSupervisionAction(s.publishSupervision),
			doc: &apiDoc{Summary: "Publish an improvement request on the service's registry page and feed, once", Response: "SupervisionRequest"}},

		// Public: the registry, comparison, verification, the catalog, the contact window.
		{method: "GET", path: "/api/v1/openapi.json", access: public, handle: s.apiOpenAPI,
			doc: &apiDoc{Summary: "This document", Response: "OpenAPI"}},
		{method: "GET", path: "/api/v1/registry", access: public, cached: true, search: true, handle: s.apiRegistry,
			doc: &apiDoc{Summary: "The public registry: q (search), page, per_page; {items:[{number, service_name, provider_name, certified_on, valid_until, status, url}], total}", Response: "RegistryList"}},
		{method: "GET", path: "/api/v1/registry/{number}", access: public, cached: true, handle: s.apiRegistryEntry,
			doc: &apiDoc{Summary: "One certified service with its public answers", Response: "RegistryService"}},
		{method: "GET", path: "/api/v1/verify/{number}", access: public, cached: true, handle: s.apiVerify,
			doc: &apiDoc{Summary: "Whether a certificate number is genuine (R-8.4): any spelling a person types (full-width, lower case, other hyphens, no space) is answered as the number issued; {number, found, status, service_name, provider_name, certified_on, valid_until, url, ending{status, ended_on, grounds}}; 404 with found false when unknown", Response: "Verification"}},
		{method: "GET", path: "/api/v1/contact", access: public, handle: s.apiContact,
			doc: &apiDoc{Summary: "The certification body's contact window (問合せ窓口): name, hours, e-mail, telephone, address; hours in Japanese", Response: "Contact"}},
		{method: "GET", path: "/api/v1/catalog/editions", access: public, handle: s.apiEditions,
			doc: &apiDoc{Summary: "Installed catalog editions", Response: "EditionList"}},
		{method: "GET", path: "/api/v1/catalog/editions/{id}", access: public, handle: s.apiEdition,
			doc: &apiDoc{Summary: "One catalog edition with its categories and items", Response: "Edition"}},

		// Administration: catalog editions and the audit trail.
		{method: "POST", path: "/api/v1/catalog/editions", access: policy.EditCatalog, handle: s.apiImportEdition, upload: true,
			doc: &apiDoc{Summary: "Import a catalog edition file (YAML or JSON)", Request: "yaml", Response: "EditionImported", Status: 201}},
		{method: "GET", path: "/api/v1/audit/events", access: policy.ReadAudit, handle: s.apiAuditEvents,
			doc: &apiDoc{Summary: "Audit events, newest first", Response: "AuditEventList"}},
		{method: "GET", path: "/api/v1/audit/verify", access: policy.ReadAudit, handle: s.apiVerifyAudit,
			doc: &apiDoc{Summary: "Verify the audit hash chain", Response: "AuditVerification"}},
	}
}
