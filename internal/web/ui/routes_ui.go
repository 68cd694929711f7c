package ui

import (
	"nintei/policy"
)

// uiRoutes is the route table of the HTML surface. The access column is
// enforced by the root package (web.wrap, authorize); the authorization
// matrix test reads this table.
func (s *Server) uiRoutes() []route {
	return []route{
		// Signing in (package public), the dashboard, the account and the provider's members.
		{method: "GET", path: "/dashboard", access: anyUser, handle: s.showDashboard},
		{method: "GET", path: "/account", access: anyUser, handle: s.showAccount},
		{method: "POST", path: "/account/password", access: anyUser, handle: s.changePassword},
		{method: "POST", path: "/account/tokens", access: anyUser, handle: s.createToken},
		{method: "POST", path: "/account/tokens/{id}/revoke", access: anyUser, handle: s.revokeToken},
		{method: "GET", path: "/members", access: policy.ViewMembers, handle: s.showMembers},
		{method: "POST", path: "/members/invite", access: policy.InviteMember, handle: s.inviteMember},
		{method: "GET", path: "/invite/{token}", access: public, handle: s.showInvitation},
		{method: "POST", path: "/invite/{token}", access: public, handle: s.acceptInvitation},

		// Apply: the application, Form A, Form B, the attachments.
		{method: "GET", path: "/applications", access: anyUser, handle: s.showApplications},
		{method: "POST", path: "/applications", access: policy.Apply, handle: s.openApplication},
		{method: "GET", path: "/applications/{id}", access: anyUser, handle: s.showApplication},
		{method: "GET", path: "/applications/{id}/form-a", access: anyUser, handle: s.showFormA},
		{method: "POST", path: "/applications/{id}/form-a", access: policy.Apply, handle: s.saveFormA},
		{method: "GET", path: "/applications/{id}/form-b", access: anyUser, handle: s.showFormB},
		{method: "POST", path: "/applications/{id}/form-b", access: policy.Apply, handle: s.saveFormB},
		{method: "POST", path: "/applications/{id}/submit", access: policy.Apply, handle: s.submitApplication},
		{method: "POST", path: "/applications/{id}/withdraw", access: policy.Apply, handle: s.withdrawApplication},
		{method: "GET", path: "/applications/{id}/form-b.xlsx", access: anyUser, handle: s.exportWorkbook},
		{method: "GET", path: "/applications/{id}/form-b/workbook", access: anyUser, handle: s.showWorkbook},
		{method: "POST", path: "/applications/{id}/form-b/import", access: policy.Apply, handle: s.importWorkbook, upload: true},
		{method: "GET", path: "/applications/{id}/attachments", access: anyUser, handle: s.showAttachments},
		{method: "POST", path: "/applications/{id}/attachments", access: policy.Apply, handle: s.uploadAttachment, upload: true, stream: true},
		{method: "GET", path: "/applications/{id}/attachments/{aid}", access: anyUser, handle: s.downloadAttachment},
		{method: "POST", path: "/applications/{id}/attachments/{aid}/remove", access: policy.Apply, handle: s.removeAttachment},

		// Review: formal and document review, inquiries, investigation, the committee.
		{method: "GET", path: "/queue", access: policy.ViewQueue, handle: s.showQueue},
		{method: "GET", path: "/applications/{id}/review", access: policy.ReadApplications, handle: s.showReview},
		{method: "POST", path: "/applications/{id}/review/start-formal", access: policy.RunReview, handle: s.reviewAction(s.startFormalReview)},
		{method: "POST", path: "/applications/{id}/review/return", access: policy.RunReview, handle: s.reviewAction(s.returnForCorrection)},
		{method: "POST", path: "/applications/{id}/review/accept", access: policy.RunReview, handle: s.reviewAction(s.acceptFormal)},
		{method: "POST", path: "/applications/{id}/review/payment", access: policy.ConfirmPayment, handle: s.reviewAction(s.confirmPayment)},
		{method: "POST", path: "/applications/{id}/review/assess", access: policy.Assess, handle: s.reviewAction(s.assessItem)},
		{method: "POST", path: "/applications/{id}/reviewers", access: policy.AssignReviewers, handle: s.assignReviewer},
		{method: "POST", path: "/applications/{id}/reviewers/{reviewer}/remove", access: policy.AssignReviewers, handle: s.unassignReviewer},
		{method: "POST", path: "/applications/{id}/close", access: policy.CloseStalled, handle: s.closeStalled},
		{method: "POST", path: "/applications/{id}/assessments", access: policy.Assess, handle: s.saveAssessments},
		{method: "POST", path: "/applications/{id}/review/inquiry", access: policy.OpenInquiry, handle: s.reviewAction(s.openInquiry)},
		{method: "POST", path: "/applications/{id}/review/investigation/start", access: policy.RunReview, handle: s.reviewAction(s.startInvestigation)},
		{method: "POST", path: "/applications/{id}/review/investigation", access: policy.RunReview, handle: s.reviewAction(s.recordInvestigation)},
		{method: "POST", path: "/applications/{id}/review/committee", access: policy.RunReview, handle: s.reviewAction(s.referToCommittee)},
		{method: "POST", path: "/applications/{id}/review/declare", access: policy.GiveOpinion, handle: s.reviewAction(s.declareConflict)},
		{method: "POST", path: "/applications/{id}/review/opinion", access: policy.GiveOpinion, handle: s.reviewAction(s.giveOpinion)},
		{method: "POST", path: "/applications/{id}/review/conclude", access: policy.RunReview, handle: s.reviewAction(s.concludeCommittee)},
		{method: "POST", path: "/applications/{id}/review/remind", access: policy.RunReview, handle: s.reviewAction(s.remind)},
		{method: "POST", path: "/applications/{id}/review/investigation/files", access: policy.RunReview, handle: s.uploadInvestigationFile, upload: true, stream: true},
		{method: "POST", path: "/applications/{id}/disclosures", access: policy.RecordDisclosure, handle: s.recordDisclosure},
		{method: "POST", path: "/applications/{id}/inquiries/{qid}/answer", access: policy.AnswerInquiry, handle: s.answerInquiry},
		{method: "GET", path: "/applications/{id}/invoices/{number}", access: anyUser, handle: s.invoicePDF},

		// Decide: certify or refuse, withholding, the certificate and the mark.
		{method: "GET", path: "/applications/{id}/decision", access: policy.Certify, handle: s.showDecision},
		{method: "POST", path: "/applications/{id}/decision/certify", access: policy.Certify, handle: s.decisionAction(s.certifyApplication)},
		{method: "POST", path: "/applications/{id}/decision/refuse", access: policy.Certify, handle: s.decisionAction(s.refuseApplication)},
		{method: "POST", path: "/applications/{id}/withholdings", access: policy.RequestWithholding, handle: s.requestWithholding},
		{method: "POST", path: "/applications/{id}/review/withholding", access: policy.DecideWithholding, handle: s.reviewAction(s.decideWithholding)},
		{method: "GET", path: "/applications/{id}/certificate.pdf", access: anyUser, handle: s.certificatePDF},
		{method: "GET", path: "/applications/{id}/mark.svg", access: anyUser, handle: s.markSVG},
		{method: "GET", path: "/applications/{id}/mark.png", access: anyUser, handle: s.markPNG},

		// After certification: renewal, changes, the end, returns, incidents, supervision.
		{method: "POST", path: "/applications/{id}/renewal", access: policy.FollowUp, handle: s.openRenewal},
		{method: "POST", path: "/applications/{id}/change-notice", access: policy.FollowUp, handle: s.openChangeNotice},
		{method: "POST", path: "/applications/{id}/review/accept-change", access: policy.Certify, handle: s.reviewAction(s.acceptChange)},
		{method: "POST", path: "/applications/{id}/review/reject-change", access: policy.Certify, handle: s.reviewAction(s.rejectChange)},
		{method: "POST", path: "/applications/{id}/mark-use", access: policy.FollowUp, handle: s.declareMarkUse},
		{method: "GET", path: "/applications/{id}/changes", access: anyUser, handle: s.showChanges},
		{method: "POST", path: "/applications/{id}/termination", access: policy.Terminate, handle: s.endCertification("terminated")},
		{method: "POST", path: "/applications/{id}/revocation", access: policy.Revoke, handle: s.endCertification("revoked")},
		{method: "POST", path: "/applications/{id}/succession", access: policy.RecordSuccession, handle: s.endCertification("lapsed")},
		{method: "POST", path: "/applications/{id}/certificate-return", access: policy.RecordReturn, handle: s.recordCertificateReturn},
		{method: "GET", path: "/returns", access: policy.ManageReturns, handle: s.showReturns},
		{method: "POST", path: "/applications/{id}/returns", access: policy.ManageReturns, handle: s.disposeDocuments},
		{method: "GET", path: "/incidents", access: policy.ReadIncidents, handle: s.showOpenIncidents},
		{method: "GET", path: "/applications/{id}/incidents", access: anyUser, handle: s.showIncidents},
		{method: "POST", path: "/applications/{id}/incidents", access: policy.ReportIncident, handle: s.reportIncident},
		{method: "POST", path: "/applications/{id}/incidents/{iid}/reports", access: policy.ReportIncident, handle: s.fileIncidentReport},
		{method: "POST", path: "/applications/{id}/maintenance", access: policy.ReportIncident, handle: s.recordMaintenance},
		{method: "GET", path: "/applications/{id}/supervision", access: anyUser, handle: s.showSupervision},
		{method: "POST", path: "/applications/{id}/supervision", access: policy.Supervise, handle: s.requestSupervision},
		{method: "POST", path: "/applications/{id}/supervision/{rid}/responses", access: policy.ReportIncident, handle: s.supervisionAction(s.respondSupervision, "respond", "flash.supervision.responded")},
		{method: "POST", path: "/applications/{id}/supervision/{rid}/resolve", access: policy.Supervise, handle: s.supervisionAction(s.resolveSupervision, "resolve", "flash.supervision.resolved")},
		{method: "POST", path: "/applications/{id}/supervision/{rid}/publish", access: policy.Supervise, handle: s.supervisionAction(s.publishSupervision, "publish", "flash.supervision.published")},
	}
}

// adminRoutes follow the public pages (package public) in the route table.
func (s *Server) adminRoutes() []route {
	return []route{
		// Administration: catalog editions, the audit trail, the users and the
		// background jobs.
		{method: "GET", path: "/admin/catalog/import", access: policy.EditCatalog, handle: s.showCatalogImport},
		{method: "POST", path: "/admin/catalog/import", access: policy.EditCatalog, handle: s.importCatalog, upload: true},
		{method: "GET", path: "/audit", access: policy.ReadAudit, handle: s.showAudit},
		{method: "GET", path: "/audit.csv", access: policy.ReadAudit, handle: s.auditCSV},
		{method: "GET", path: "/admin/users", access: policy.ManageUsers, handle: s.showUsers},
		{method: "POST", path: "/admin/users/invite", access: policy.InviteStaff, handle: s.inviteStaff},
		{method: "POST", path: "/admin/users/{uid}/role", access: policy.ChangeRole, handle: s.changeUserRole},
		{method: "POST", path: "/admin/users/{uid}/deactivate", access: policy.DeactivateUser, handle: s.setUserActive(false)},
		{method: "POST", path: "/admin/users/{uid}/reactivate", access: policy.DeactivateUser, handle: s.setUserActive(true)},
		{method: "GET", path: "/admin/jobs", access: policy.ManageJobs, handle: s.showJobs},
		{method: "POST", path: "/admin/jobs/{id}/retry", access: policy.ManageJobs, handle: s.retryJob},
	}
}
