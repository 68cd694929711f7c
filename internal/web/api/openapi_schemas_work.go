package api

import (
	"nintei/application"
	"nintei/certification"
	"nintei/incident"
	"nintei/review"
	"nintei/service/core"
	"nintei/service/views"
)

// applySchemas are the schemas of applying: Form A, Form B, files, the provider's work.
func applySchemas() map[string]any {
	kind, state := enum(enumOf(application.Kinds)), enum(enumOf(application.States))
	nextStep := map[string]any{"type": []any{"string", "null"}, "description": "the next step; null when none is left"}
	by := map[string]any{"enum": []any{"provider", "body", nil}, "description": "who takes the next step: the provider or the certification body; null when none is left"}
	deadline := with(typeOf[workDeadlineJSON](), map[string]any{"kind": stringsEnum(deadlineKinds), "on": date})
	todo := with(typeOf[workTodoJSON](), map[string]any{"kind": stringsEnum(todoKinds),
		"due_on":           map[string]any{"type": []any{"string", "null"}, "format": "date", "description": "null when the data has no due date (inquiries)"},
		"supervision_kind": stringsEnum(incident.RequestKinds)})
	app := with(typeOf[workApplicationJSON](), map[string]any{"kind": kind, "state": state, "next": nextStep, "by": by, "deadlines": arr(deadline)})
	cert := with(typeOf[workCertificationJSON](), map[string]any{"status": enum(enumOf(certification.Statuses)), "valid_until": date,
		"next": nextStep, "by": by, "deadlines": arr(deadline)})
	return map[string]any{
		"ApplicationOpen": obj(nil, map[string]any{"scheme": map[string]any{"type": "string", "description": "the scheme's ID; the current edition of the only scheme when absent"}}),
		"Attachment":      typeOf[application.Attachment](),
		"WorkbookImported": obj([]string{"imported", "warnings"}, map[string]any{"imported": boolean,
			"warnings": arr(typeOf[xlsxProblemJSON]())}),
		"AttachmentList": obj([]string{"attachments"}, map[string]any{"attachments": arr(ref("Attachment"))}),
		"Application":    typeOf[applicationJSON](),
		"Case":           with(typeOf[caseJSON](), map[string]any{"certification_status": nullable(enum(enumOf(certification.Statuses)))}),
		"ApplicationList": obj([]string{"applications"}, map[string]any{
			"applications": map[string]any{"type": "array", "description": "Application for a provider's people, Case for staff",
				"items": map[string]any{"anyOf": []any{ref("Application"), ref("Case")}}},
			"total": map[string]any{"type": "integer", "description": "staff only: how many match the filter"}}),
		"FormASave": obj([]string{"version", "form_a"}, map[string]any{"version": integer, "form_a": ref("FormA")}),
		"Progress": obj([]string{"required_answered", "required", "answered", "total", "percent"}, map[string]any{"required_answered": integer,
			"required": integer, "answered": integer, "total": integer, "percent": map[string]any{"type": "integer", "minimum": 0, "maximum": 100}}),
		"FormB":     obj([]string{"version", "entries", "progress"}, map[string]any{"version": integer, "entries": arr(ref("Entry")), "progress": ref("Progress")}),
		"FormBSave": obj([]string{"version", "entries"}, map[string]any{"version": integer, "entries": arr(ref("Entry"))}),
		"Version":   obj([]string{"version"}, map[string]any{"version": integer}),
		"Precheck": obj([]string{"blocking", "progress", "form_a", "findings"}, map[string]any{"blocking": boolean, "progress": ref("Progress"),
			"form_a":   arr(obj([]string{"field", "code", "message"}, map[string]any{"field": str, "code": str, "message": str})),
			"findings": arr(obj([]string{"item_id", "code", "blocking", "message"}, map[string]any{"item_id": str, "code": str, "blocking": boolean, "message": str}))}),
		"ProviderWork": with(typeOf[workJSON](), map[string]any{"role": map[string]any{"const": "provider", "description": "an owner's or member's work"}, "today": date,
			"todo": arr(todo), "applications": arr(app), "certifications": arr(cert)}),
	}
}

// The kinds of the provider's work items and deadlines.
var (
	deadlineKinds = []string{core.DeadlineInvoiceDue, core.DeadlineInquiryAsked, core.DeadlineInquiryDue, core.DeadlineRenewalOpens,
		core.DeadlineRenewalCloses, core.DeadlineValidUntil, core.DeadlineWithholdingEnds, core.DeadlineWithholdingAsks, core.DeadlineSupervisionDue}
	todoKinds = []string{views.TodoInquiry, views.TodoInvoice, views.TodoRenewal, views.TodoSupervision, views.TodoReturned}
)

// reviewSchemas are the schemas of review and decision.
func reviewSchemas() map[string]any {
	return map[string]any{
		"DisclosureCreate": obj([]string{"basis", "recipient", "scope"}, map[string]any{
			"basis":     enum(disclosureBases()),
			"recipient": str, "scope": str, "on": date, "legal_basis": str, "consent_by": str, "consent_on": date, "source": str}),
		"Event": obj([]string{"event", "version"}, map[string]any{"event": enum(tableEvents(true)), "version": integer,
			"comments": map[string]any{"type": "object", "description": "return_for_correction: a comment per checklist point key", "additionalProperties": str},
			"paid_on":  date, "paid_yen": integer, "payment_ref": str, "item": str, "question": str, "members": arr(integer),
			"investigation": obj(nil, map[string]any{"held_on": date, "place": str, "participants": str, "report": str}),
			"conclusion":    str, "met_on": date, "note": str, "explanation": str,
			"improvements": arr(obj([]string{"item_id"}, map[string]any{"item_id": str, "note": str}))}),
		"AssessmentSave": obj([]string{"item", "verdict"}, map[string]any{"item": str, "verdict": enum(assessVerdicts), "comment": str}),
		"CommitteeInput": obj(nil, map[string]any{"conflict": boolean, "declaration": str, "opinion": str}),
		"InquiryAnswer": obj([]string{"version", "answer"}, map[string]any{"version": integer, "answer": str,
			"amend": map[string]any{"description": "the item's entry as amended; null or absent to leave it", "anyOf": []any{ref("Entry"), map[string]any{"type": "null"}}}}),
	}
}

var assessVerdicts = []any{review.AssessOK, review.AssessInquiry, review.AssessNotMet}

// afterCertSchemas are the schemas of after certification: endings, renewal, incidents, supervision, withholding, returns.
func afterCertSchemas() map[string]any {
	// The store keeps these three states as literals (service/aftercare/withholding.go).
	withholdingStates := enum([]any{"requested", "approved", "rejected"})
	report := with(typeOf[incidentReportJSON](), map[string]any{"stage": enum([]any{incident.StageFirst, incident.StageFollowUp, incident.StageFinal})})
	return map[string]any{
		"Ending": obj(nil, map[string]any{"grounds": map[string]any{"type": "array", "description": "revocation: a–j; succession: its kind",
			"items": enum(groundLetters())}, "reason": str, "on": date}),
		"CertificateReturn": obj(nil, map[string]any{"on": date}),
		"Disposal": obj([]string{"attachment_ids", "method"}, map[string]any{"attachment_ids": arr(integer),
			"method": enum([]any{"returned", "destroyed"}), "on": date}),
		"Returns": obj([]string{"returns"}, map[string]any{"returns": arr(with(typeOf[returnJSON](), map[string]any{
			"method": enum([]any{"returned", "destroyed"})}))}),
		"RenewalChanges":      typeOf[renewalChangesJSON](),
		"CertificationStatus": with(typeOf[certificationStatusJSON](), map[string]any{"status": enum(enumOf(certification.Statuses))}),
		"IncidentReport":      report,
		"Incident": with(typeOf[incidentJSON](), map[string]any{"kind": stringsEnum(incident.Kinds),
			"state":   enum([]any{incident.StateReportNeeded, incident.StateOpen, incident.StateClosed}),
			"reports": arr(ref("IncidentReport")), "last_report": ref("IncidentReport")}),
		"Maintenance": with(typeOf[maintenanceJSON](), map[string]any{
			"verdict": enum([]any{incident.NoticeInTime, incident.NoticeLate, incident.NoticeUnknown})}),
		"IncidentList": obj([]string{"incidents"}, map[string]any{"incidents": arr(ref("Incident")),
			"maintenance": map[string]any{"type": "array", "description": "the service's recorded maintenance (per application only)", "items": ref("Maintenance")}}),
		"IncidentReportCreate": obj([]string{"summary"}, map[string]any{"kind": stringsEnum(incident.ReportableKinds),
			"stage":       enum([]any{incident.StageFirst, incident.StageFollowUp, incident.StageFinal}),
			"occurred_at": map[string]any{"type": "string", "description": "YYYY-MM-DD HH:MM, Japan time"}, "summary": str,
			"impact": str, "measures": str}),
		"MaintenanceCreate": obj([]string{"announced_on", "starts_on", "description"}, map[string]any{"announced_on": date, "starts_on": date, "description": str}),
		"SupervisionRequest": with(typeOf[supervisionJSON](), map[string]any{"kind": stringsEnum(incident.RequestKinds),
			"state": enum([]any{incident.RequestOpen, incident.RequestAnswered, incident.RequestResolved})}),
		"SupervisionList": obj([]string{"requests"}, map[string]any{"requests": arr(ref("SupervisionRequest"))}),
		"SupervisionCreate": obj([]string{"kind", "body", "due_on"}, map[string]any{"kind": stringsEnum(incident.RequestKinds), "body": str,
			"due_on": date, "publish": boolean}),
		"SupervisionResponseCreate": obj([]string{"body"}, map[string]any{"body": str}),
		"Withholding":               with(typeOf[withholdingJSON](), map[string]any{"state": withholdingStates, "until": date}),
		"WithholdingList":           obj([]string{"withholdings"}, map[string]any{"withholdings": arr(ref("Withholding"))}),
		"WithholdingCreate": obj([]string{"items", "reason", "until"}, map[string]any{"items": map[string]any{"type": "array", "items": str, "minItems": 1},
			"reason": str, "until": date}),
		"WithholdingDecision": obj([]string{"approve"}, map[string]any{"approve": boolean, "until": date}),
	}
}
