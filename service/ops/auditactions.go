package ops

import (
	"nintei/application"
	"nintei/certification"
	"nintei/incident"
	"nintei/service/aftercare"
	"nintei/service/apply"
)

// auditActions are the actions written with a fixed name. A test reads the
// service's source and fails when an event names an action missing here,
// so that the audit log can name every action in both languages
// (audit.action.<action>).
var auditActions = []string{
	"user.create", "user.login", "user.login_failed", "user.logout", "user.password_change",
	"user.password_reset_request", "user.password_reset", "user.role_change", "user.deactivate", "user.reactivate",
	"organization.create", "invitation.create", "invitation.accept", "api_token.create", "api_token.revoke",
	"catalog.import", "catalog.mapping_import", "application.edition_move", "application.form_b.confirm", "demo.clock_set", "job.retry", "mail.send",
	"application.open", "application.view", "application.form_a.save", "application.form_b.save",
	"application.form_b.import", "application.submit",
	"attachment.add", "attachment.remove", "attachment.link", "upload.discarded",
	"assessment.save", "inquiry.open", "inquiry.answer", "investigation.record", "investigation.file",
	"committee.assign", "committee.declare", "committee.opinion", "reviewer.assign", "reviewer.unassign",
	"application.closed_stalled",
	"invoice.issue", "invoice.paid", "reminder.send", "mail.send",
	"certification.issue", "certification.import", "certification.certificate_returned", "certification.expired",
	"certification.renewal_pending", "certification.renewal_ended", "certification.renew", "certificate.reissue",
	"renewal.open", "renewal.declare_mark_use", "change.open", "change.accept", "change.reject",
	"withholding.request", "supervision.request", "supervision.publish", "supervision.respond", "supervision.resolve",
	"incident.flagged", "maintenance.record", "document.file_deleted", "registry.snapshot",
	"user.login_sso", "user.identity_link", "user.identity_unlink",
	"follow.subscribe", "follow.confirm", "follow.unsubscribe", "follow.hook_register", "follow.hook_confirm", "follow.hook_delete",
}

// auditFamilies are the actions whose name ends in a value: the prefix
// written in the source, and every value it can take.
func auditFamilies() map[string][]string {
	events := []application.Event{application.EvSubmit, application.EvResubmit, application.EvStartFormalReview,
		application.EvReturnForCorrection, application.EvAcceptFormal, application.EvConfirmPayment,
		application.EvOpenInquiry, application.EvAnswerInquiries, application.EvStartInvestigation,
		application.EvEndInvestigation, application.EvReferToCommittee, application.EvCommitteeConcluded,
		application.EvCertify, application.EvRefuse, application.EvWithdraw, application.EvAcceptChange,
		application.EvRejectChange, application.EvCloseStalled}
	names := make([]string, 0, len(events))
	for _, e := range events {
		names = append(names, string(e))
	}
	bases := make([]string, 0, len(apply.DisclosureBases))
	for _, b := range apply.DisclosureBases {
		bases = append(bases, string(b))
	}
	return map[string][]string{
		"application.":     names,
		"withholding.":     {"approved", "rejected"},
		"certification.":   {string(certification.Terminated), string(certification.Revoked), string(certification.Lapsed)},
		"incident.report.": {incident.StageFirst, incident.StageFollowUp, incident.StageFinal},
		"decision.":        {string(application.Certified), string(application.NotCertified)},
		"disclosure.":      bases,
		"document.":        {aftercare.DisposeReturned, aftercare.DisposeDestroyed},
	}
}

// AuditActions lists every action the service writes to the audit trail,
// fixed names and families expanded, in no particular order.
func AuditActions() []string {
	out := append([]string{}, auditActions...)
	for prefix, values := range auditFamilies() {
		for _, v := range values {
			out = append(out, prefix+v)
		}
	}
	return out
}
