package api

// The schemas of the OpenAPI document, by area of the program; components
// joins them.

// baseSchemas are the schemas of the error envelope, the user, tokens and invitations.
func baseSchemas() map[string]any {
	user := obj([]string{"id", "email", "name", "role"}, map[string]any{"id": integer, "email": str, "name": str,
		"role": map[string]any{"enum": []any{"owner", "member", "secretariat", "reviewer", "committee", "admin"}}})
	token := obj([]string{"id", "name", "prefix", "created_at"}, map[string]any{"id": integer, "name": str, "prefix": str,
		"created_at": when, "last_used_at": whenOpt, "revoked_at": whenOpt})
	invitation := obj([]string{"id", "email", "role", "expires_at"}, map[string]any{"id": integer, "email": str, "role": str,
		"created_at": when, "expires_at": when, "accepted_at": whenOpt})
	return map[string]any{
		"OpenAPI": map[string]any{"type": "object"},
		"Error": obj([]string{"error"}, map[string]any{"error": obj([]string{"code", "message"},
			map[string]any{"code": str, "message": str, "request_id": str}),
			"problems": arr(obj(nil, map[string]any{"line": integer, "field": str, "code": str, "message": str}))}),
		"User":             user,
		"Me":               obj([]string{"user", "organization"}, map[string]any{"user": ref("User"), "organization": obj(nil, map[string]any{"id": integer, "kind": str, "name": str})}),
		"PasswordChange":   obj([]string{"current", "new"}, map[string]any{"current": str, "new": str}),
		"Token":            token,
		"TokenList":        obj([]string{"tokens"}, map[string]any{"tokens": arr(ref("Token"))}),
		"TokenCreate":      obj([]string{"name"}, map[string]any{"name": str}),
		"TokenCreated":     obj([]string{"token", "secret"}, map[string]any{"token": ref("Token"), "secret": str}),
		"Invitation":       invitation,
		"InvitationCreate": obj([]string{"email"}, map[string]any{"email": str}),
		"Members":          obj([]string{"users", "invitations"}, map[string]any{"users": arr(ref("User")), "invitations": arr(ref("Invitation"))}),
	}
}

// catalogAuditSchemas are the schemas of catalog editions and the audit trail.
func catalogAuditSchemas() map[string]any {
	edition := obj([]string{"id", "scheme_id", "version", "status", "item_count", "digest"}, map[string]any{"id": str,
		"scheme_id": str, "version": str, "title_ja": str, "title_en": str, "status": str, "item_count": integer,
		"digest": str, "imported_at": when})
	return map[string]any{
		"EditionSummary":  edition,
		"EditionList":     obj([]string{"editions"}, map[string]any{"editions": arr(ref("EditionSummary"))}),
		"Edition":         obj([]string{"edition", "catalog"}, map[string]any{"edition": ref("EditionSummary"), "catalog": map[string]any{"type": "object", "description": "the parsed edition: scheme, categories, items"}}),
		"EditionImported": obj([]string{"id", "created", "digest"}, map[string]any{"id": str, "created": boolean, "digest": str}),
		"AuditEvent": obj([]string{"seq", "at", "action", "hash"}, map[string]any{"seq": integer, "at": when, "actor_id": integer, "actor": str,
			"actor_name": str, "action": str, "action_label": str, "object_type": str, "object_id": str,
			"target":        obj([]string{"type", "id"}, map[string]any{"type": str, "id": str, "label": str, "url": str}),
			"before_digest": str, "after_digest": str, "hash": str}),
		"AuditEventList":    obj([]string{"events"}, map[string]any{"events": arr(ref("AuditEvent"))}),
		"AuditVerification": obj([]string{"ok", "checked"}, map[string]any{"ok": boolean, "checked": integer, "broken_at": integer, "reason": str}),
	}
}

// applySchemas are the schemas of applying: Form A, Form B, files, the provider's work.
func applySchemas() map[string]any {
	dateOpt := map[string]any{"type": []any{"string", "null"}, "format": "date"}
	nextStep := map[string]any{"type": []any{"string", "null"}, "description": "the next step; null when none is left"}
	by := map[string]any{"enum": []any{"provider", "body", nil}, "description": "who takes the next step: the provider or the certification body; null when none is left"}
	deadline := obj([]string{"kind", "on", "overdue"}, map[string]any{"kind": map[string]any{"enum": []any{"invoice_due", "inquiry_asked", "inquiry_due",
		"renewal_opens", "renewal_closes", "valid_until", "withholding_ends", "withholding_asks", "supervision_due"}}, "on": date, "overdue": boolean})
	workTodo := obj([]string{"kind", "application_id", "service", "due_on", "overdue", "url"}, map[string]any{
		"kind":           map[string]any{"enum": []any{"inquiry", "invoice", "renewal", "supervision", "returned"}},
		"application_id": integer, "service": str, "number": str, "open_inquiries": integer, "asked_on": dateOpt, "opens": dateOpt,
		"due_on":  map[string]any{"type": []any{"string", "null"}, "format": "date", "description": "null when the data has no due date (inquiries)"},
		"overdue": boolean, "amount_yen": integer, "supervision_id": integer,
		"supervision_kind": map[string]any{"enum": []any{"explanation", "documents", "investigation", "improvement"}},
		"renewal_draft":    boolean, "url": str})
	workApplication := obj([]string{"id", "kind", "state", "service", "updated_at", "next", "by", "deadlines", "url"}, map[string]any{
		"id": integer, "kind": map[string]any{"enum": []any{"new", "renewal", "change"}}, "state": str, "service": str, "updated_at": when,
		"next": nextStep, "by": by, "deadlines": arr(deadline), "url": str})
	workCertification := obj([]string{"id", "application_id", "number", "service", "status", "valid_until", "renewal_application_id", "next", "by", "deadlines", "url"},
		map[string]any{"id": integer, "application_id": integer, "number": str, "service": str,
			"status":      map[string]any{"enum": []any{"valid", "renewal_pending", "expired", "revoked", "terminated", "lapsed"}},
			"valid_until": date, "renewal_application_id": map[string]any{"type": []any{"integer", "null"}}, "next": nextStep, "by": by,
			"deadlines": arr(deadline), "url": str})
	return map[string]any{
		"ApplicationOpen": obj(nil, map[string]any{"scheme": str}),
		"Attachment": obj([]string{"id", "purpose", "file_name", "sha256"}, map[string]any{"id": integer, "application_id": integer,
			"purpose": str, "file_name": str, "media_type": str, "size": integer, "sha256": str, "source_url": str,
			"captured_on": str, "original": boolean, "item_ids": arr(str), "uploaded_by": integer, "uploaded_at": when}),
		"WorkbookImported": obj([]string{"imported"}, map[string]any{"imported": boolean,
			"warnings": arr(obj(nil, map[string]any{"sheet": str, "cell": str, "item_id": str, "code": str, "message": str}))}),
		"AttachmentList": obj([]string{"attachments"}, map[string]any{"attachments": arr(ref("Attachment"))}),
		"FormA":          map[string]any{"type": "object", "description": "provider and service face sheet; see the Application example"},
		"Application": obj([]string{"id", "state", "version", "form_a"}, map[string]any{"id": integer, "edition_id": str,
			"kind": str, "state": str, "version": integer, "form_a": ref("FormA"), "created_at": when, "updated_at": when, "submitted_at": whenOpt,
			"renews_certification_id": integer, "previous_application_id": integer, "mark_use_declared_at": whenOpt}),
		"ApplicationList": obj([]string{"applications"}, map[string]any{"applications": arr(ref("Application"))}),
		"FormASave":       obj([]string{"version", "form_a"}, map[string]any{"version": integer, "form_a": ref("FormA")}),
		"Entry": obj([]string{"item_id", "answer"}, map[string]any{"item_id": str, "evidence_doc": str, "evidence_loc": str,
			"answer": obj(nil, map[string]any{"value": str, "yes": boolean, "detail": str, "choices": arr(str),
				"rows": arr(map[string]any{"type": "object"}), "contacts": arr(obj(nil, map[string]any{"kind": str, "value": str, "hours": str})),
				"unit": str, "period": str})}),
		"Progress":  obj(nil, map[string]any{"required_answered": integer, "required": integer, "answered": integer, "total": integer, "percent": integer}),
		"FormB":     obj([]string{"version", "entries"}, map[string]any{"version": integer, "entries": arr(ref("Entry")), "progress": ref("Progress")}),
		"FormBSave": obj([]string{"version", "entries"}, map[string]any{"version": integer, "entries": arr(ref("Entry"))}),
		"Version":   obj([]string{"version"}, map[string]any{"version": integer}),
		"Precheck": obj([]string{"blocking"}, map[string]any{"blocking": boolean, "progress": ref("Progress"),
			"form_a":   arr(obj(nil, map[string]any{"field": str, "code": str, "message": str})),
			"findings": arr(obj(nil, map[string]any{"item_id": str, "code": str, "blocking": boolean, "message": str}))}),
		"ProviderWork": obj([]string{"role", "today", "todo", "applications", "certifications"}, map[string]any{"role": str, "today": date,
			"todo":           arr(workTodo),
			"applications":   arr(workApplication),
			"certifications": arr(workCertification)}),
	}
}

// reviewSchemas are the schemas of review and decision.
func reviewSchemas() map[string]any {
	return map[string]any{
		"DisclosureCreate": obj([]string{"basis", "recipient", "scope"}, map[string]any{
			"basis":     map[string]any{"enum": disclosureBases()},
			"recipient": str, "scope": str, "on": str, "legal_basis": str, "consent_by": str, "consent_on": str, "source": str}),
		"Review":         map[string]any{"type": "object", "description": "application, events, checklist, verdict{pass,findings}, certifiable, blockers[{item_id,name,code}], assessments, committee, investigations, recent_revocations[{service_name, revoked_on, other_account}] (the provider's revocations within the year, for the secretariat to judge)"},
		"Event":          obj([]string{"event", "version"}, map[string]any{"event": str, "version": integer, "comments": map[string]any{"type": "object"}, "paid_on": str, "paid_yen": integer, "payment_ref": str, "item": str, "question": str, "members": arr(integer), "investigation": map[string]any{"type": "object"}, "conclusion": str, "met_on": str, "note": str, "explanation": str, "improvements": arr(obj(nil, map[string]any{"item_id": str, "note": str}))}),
		"AssessmentSave": obj([]string{"item", "verdict"}, map[string]any{"item": str, "verdict": map[string]any{"enum": []any{"ok", "inquiry", "not_met"}}, "comment": str}),
		"CommitteeInput": obj(nil, map[string]any{"conflict": boolean, "declaration": str, "opinion": str}),
		"Progress2":      obj([]string{"invoices", "inquiries"}, map[string]any{"invoices": arr(map[string]any{"type": "object"}), "inquiries": arr(map[string]any{"type": "object"}), "decision": map[string]any{"type": []any{"object", "null"}}}),
		"InquiryAnswer":  obj([]string{"version", "answer"}, map[string]any{"version": integer, "answer": str, "amend": map[string]any{"type": []any{"object", "null"}}}),
	}
}

// afterCertSchemas are the schemas of after certification: endings, renewal, incidents, supervision, withholding, returns.
func afterCertSchemas() map[string]any {
	return map[string]any{
		"Ending":            obj(nil, map[string]any{"grounds": arr(str), "reason": str, "on": str}),
		"CertificateReturn": obj(nil, map[string]any{"on": str}),
		"Disposal":          obj([]string{"attachment_ids", "method"}, map[string]any{"attachment_ids": arr(integer), "method": str, "on": str}),
		"Returns": obj([]string{"returns"}, map[string]any{"returns": arr(obj(nil, map[string]any{"attachment_id": integer, "application_id": integer,
			"provider": str, "service": str, "file_name": str, "sha256": str, "reason": str, "listed_on": str, "method": str, "disposed_on": str}))}),
		"RenewalChanges": obj([]string{"number", "changes", "unchanged"}, map[string]any{"number": str, "previous_application_id": integer,
			"opens": str, "closes": str, "unchanged": integer, "transcript_facts": arr(str), "reissue": boolean,
			"form_a":  arr(obj(nil, map[string]any{"field": str, "before": str, "after": str})),
			"changes": arr(obj(nil, map[string]any{"item_id": str, "kind": str, "before": ref("Entry"), "after": ref("Entry"), "before_text": str, "after_text": str, "new_files": arr(str)}))}),
		"CertificationStatus": obj([]string{"number", "status"}, map[string]any{"number": str, "status": str, "valid_until": str,
			"ended": obj(nil, map[string]any{"kind": str, "effective_on": str, "grounds": arr(str), "reason": str, "certificate_returned_on": str})}),
		"IncidentReport": obj([]string{"id", "stage", "summary", "filed_at"}, map[string]any{"id": integer,
			"stage": map[string]any{"enum": []any{"first", "followup", "final"}}, "occurred_at": when, "summary": str, "impact": str, "measures": str, "filed_at": when}),
		"Incident": obj([]string{"id", "kind", "state"}, map[string]any{"id": integer, "application_id": integer, "number": str, "service_name": str,
			"kind":  map[string]any{"enum": []any{"outage", "leak", "threat", "maintenance_notice"}},
			"state": map[string]any{"enum": []any{"report_needed", "open", "closed"}}, "opened_at": when, "first_reported_at": whenOpt,
			"closed_at": whenOpt, "age_days": integer, "reports": arr(ref("IncidentReport")), "last_report": ref("IncidentReport")}),
		"Maintenance": obj([]string{"id", "verdict"}, map[string]any{"id": integer, "announced_on": str, "starts_on": str, "description": str,
			"disclosed": str, "period": str, "verdict": map[string]any{"enum": []any{"in_time", "late", "unknown"}},
			"incident_id": map[string]any{"type": []any{"integer", "null"}}}),
		"IncidentList": obj([]string{"incidents"}, map[string]any{"incidents": arr(ref("Incident")), "maintenance": arr(ref("Maintenance"))}),
		"IncidentReportCreate": obj([]string{"summary"}, map[string]any{"kind": str, "stage": str, "occurred_at": str, "summary": str,
			"impact": str, "measures": str}),
		"MaintenanceCreate": obj([]string{"announced_on", "starts_on", "description"}, map[string]any{"announced_on": str, "starts_on": str, "description": str}),
		"SupervisionRequest": obj([]string{"id", "kind", "body", "due_on", "state"}, map[string]any{"id": integer, "application_id": integer,
			"number": str, "kind": map[string]any{"enum": []any{"explanation", "documents", "investigation", "improvement"}}, "body": str,
			"due_on": str, "state": map[string]any{"enum": []any{"open", "answered", "resolved"}}, "published_on": str, "requested_at": when,
			"resolved_at": whenOpt, "responses": arr(obj(nil, map[string]any{"id": integer, "body": str, "responded_at": when}))}),
		"SupervisionList":           obj([]string{"requests"}, map[string]any{"requests": arr(ref("SupervisionRequest"))}),
		"SupervisionCreate":         obj([]string{"kind", "body", "due_on"}, map[string]any{"kind": str, "body": str, "due_on": str, "publish": boolean}),
		"SupervisionResponseCreate": obj([]string{"body"}, map[string]any{"body": str}),
		"Withholding": obj([]string{"id", "application_id", "items", "reason", "until", "state", "requested_at", "decided_at"}, map[string]any{
			"id": integer, "application_id": integer, "items": arr(str), "reason": str, "until": date,
			"state":        map[string]any{"enum": []any{"requested", "approved", "rejected"}},
			"requested_at": when, "decided_at": whenOpt}),
		"WithholdingList":     obj([]string{"withholdings"}, map[string]any{"withholdings": arr(ref("Withholding"))}),
		"WithholdingCreate":   obj([]string{"items", "reason", "until"}, map[string]any{"items": map[string]any{"type": "array", "items": str, "minItems": 1}, "reason": str, "until": date}),
		"WithholdingDecision": obj([]string{"approve"}, map[string]any{"approve": boolean, "until": date}),
	}
}

// publicSchemas are the schemas of the public registry and the contact window.
func publicSchemas() map[string]any {
	return map[string]any{
		"Contact": obj([]string{"name", "hours", "email", "phone", "address", "page"}, map[string]any{"name": str, "department": str,
			"hours": str, "email": str, "phone": str, "postal_code": str, "address": str, "url": str, "page": str}),
		"RegistryItem": obj([]string{"number", "service_name", "provider_name", "certified_on", "valid_until", "status", "url"},
			map[string]any{"number": str, "service_name": str, "provider_name": str, "certified_on": str, "valid_until": str, "status": str, "url": str,
				"snippet": obj([]string{"item_id", "item", "parts"}, map[string]any{"item_id": str, "item": str, "description": str,
					"parts": arr(obj([]string{"text"}, map[string]any{"text": str, "match": boolean}))})}),
		"Verification": obj([]string{"number", "found"}, map[string]any{"number": str, "found": boolean, "status": str, "service_name": str,
			"provider_name": str, "certified_on": str, "valid_until": str, "url": str,
			"ending": obj([]string{"status", "ended_on"}, map[string]any{"status": str, "ended_on": str, "grounds": arr(str)})}),
		"RegistryList": obj([]string{"items", "total"}, map[string]any{"items": arr(ref("RegistryItem")), "total": integer, "page": integer, "per_page": integer}),
		"RegistryService": obj([]string{"service", "status"}, map[string]any{"service": map[string]any{"type": "object"}, "status": str, "url": str,
			"ending":               obj([]string{"status", "ended_on"}, map[string]any{"status": str, "ended_on": str, "grounds": arr(str)}),
			"improvement_requests": arr(obj(nil, map[string]any{"requested_on": str, "body": str, "due_on": str, "status": map[string]any{"enum": []any{"open", "resolved"}}}))}),
	}
}
