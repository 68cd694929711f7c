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
		{Method: "GET", Path: "/dashboard", Access: anyUser, Handle: s.showDashboard},
		{Method: "GET", Path: "/account", Access: anyUser, Handle: s.showAccount},
		{Method: "POST", Path: "/account/password", Access: anyUser, Handle: s.changePassword},
		{Method: "POST", Path: "/account/tokens", Access: anyUser, Handle: s.createToken},
		{Method: "POST", Path: "/account/tokens/{id}/revoke", Access: anyUser, Handle: s.revokeToken},
		{Method: "POST", Path: "/account/identities/{id}/unlink", Access: anyUser, Handle: s.unlinkIdentity},
		{Method: "GET", Path: "/members", Access: policy.ViewMembers, Handle: s.showMembers},
		{Method: "POST", Path: "/members/invite", Access: policy.InviteMember, Handle: s.inviteMember},
		{Method: "GET", Path: "/invite/{token}", Access: public, Handle: s.showInvitation},
		{Method: "POST", Path: "/invite/{token}", Access: public, Handle: s.acceptInvitation},

		// Apply: the application, Form A, Form B, the attachments.
		{Method: "GET", Path: "/applications", Access: anyUser, Handle: s.showApplications},
		{Method: "POST", Path: "/applications", Access: policy.Apply, Handle: s.openApplication},
		{Method: "GET", Path: "/applications/{id}", Access: anyUser, Handle: s.showApplication},
		{Method: "GET", Path: "/applications/{id}/form-a", Access: anyUser, Handle: s.showFormA},
		{Method: "POST", Path: "/applications/{id}/form-a", Access: policy.Apply, Handle: s.saveFormA},
		{Method: "GET", Path: "/applications/{id}/form-b", Access: anyUser, Handle: s.showFormB},
		{Method: "POST", Path: "/applications/{id}/form-b", Access: policy.Apply, Handle: s.saveFormB},
		{Method: "POST", Path: "/applications/{id}/submit", Access: policy.Apply, Handle: s.submitApplication},
		{Method: "POST", Path: "/applications/{id}/withdraw", Access: policy.Apply, Handle: s.withdrawApplication},
		{Method: "GET", Path: "/applications/{id}/form-b.xlsx", Access: anyUser, Handle: s.exportWorkbook},
		{Method: "GET", Path: "/applications/{id}/form-b/workbook", Access: anyUser, Handle: s.showWorkbook},
		{Method: "POST", Path: "/applications/{id}/form-b/import", Access: policy.Apply, Handle: s.importWorkbook, Upload: true},
		{Method: "GET", Path: "/applications/{id}/attachments", Access: anyUser, Handle: s.showAttachments},
		{Method: "POST", Path: "/applications/{id}/attachments", Access: policy.Apply, Handle: s.uploadAttachment, Upload: true, Stream: true},
		{Method: "GET", Path: "/applications/{id}/attachments/{aid}", Access: anyUser, Handle: s.downloadAttachment},
		{Method: "POST", Path: "/applications/{id}/attachments/{aid}/remove", Access: policy.Apply, Handle: s.removeAttachment},

		// Review: formal and document review, inquiries, investigation, the committee.
		{Method: "GET", Path: "/queue", Access: policy.ViewQueue, Handle: s.showQueue},
		{Method: "GET", Path: "/applications/{id}/review", Access: policy.ReadApplications, Handle: s.showReview},
		{Method: "POST", Path: "/applications/{id}/review/start-formal", Access: policy.RunReview, Handle: s.reviewAction(s.startFormalReview)},
		{Method: "POST", Path: "/applications/{id}/review/return", Access: policy.RunReview, Handle: s.reviewAction(s.returnForCorrection)},
		{Method: "POST", Path: "/applications/{id}/review/accept", Access: policy.RunReview, Handle: s.reviewAction(s.acceptFormal)},
		{Method: "POST", Path: "/applications/{id}/review/payment", Access: policy.ConfirmPayment, Handle: s.reviewAction(s.confirmPayment)},
		{Method: "POST", Path: "/applications/{id}/review/assess", Access: policy.Assess, Handle: s.reviewAction(s.assessItem)},
		{Method: "POST", Path: "/applications/{id}/reviewers", Access: policy.AssignReviewers, Handle: s.assignReviewer},
		{Method: "POST", Path: "/applications/{id}/reviewers/{reviewer}/remove", Access: policy.AssignReviewers, Handle: s.unassignReviewer},
		{Method: "POST", Path: "/applications/{id}/close", Access: policy.CloseStalled, Handle: s.closeStalled},
		{Method: "POST", Path: "/applications/{id}/assessments", Access: policy.Assess, Handle: s.saveAssessments},
		{Method: "POST", Path: "/applications/{id}/review/inquiry", Access: policy.OpenInquiry, Handle: s.reviewAction(s.openInquiry)},
		{Method: "POST", Path: "/applications/{id}/review/investigation/start", Access: policy.RunReview, Handle: s.reviewAction(s.startInvestigation)},
		{Method: "POST", Path: "/applications/{id}/review/investigation", Access: policy.RunReview, Handle: s.reviewAction(s.recordInvestigation)},
		{Method: "POST", Path: "/applications/{id}/review/committee", Access: policy.RunReview, Handle: s.reviewAction(s.referToCommittee)},
		{Method: "POST", Path: "/applications/{id}/review/declare", Access: policy.GiveOpinion, Handle: s.reviewAction(s.declareConflict)},
		{Method: "POST", Path: "/applications/{id}/review/opinion", Access: policy.GiveOpinion, Handle: s.reviewAction(s.giveOpinion)},
		{Method: "POST", Path: "/applications/{id}/review/conclude", Access: policy.RunReview, Handle: s.reviewAction(s.concludeCommittee)},
		{Method: "POST", Path: "/applications/{id}/review/remind", Access: policy.RunReview, Handle: s.reviewAction(s.remind)},
		{Method: "POST", Path: "/applications/{id}/review/investigation/files", Access: policy.RunReview, Handle: s.uploadInvestigationFile, Upload: true, Stream: true},
		{Method: "POST", Path: "/applications/{id}/disclosures", Access: policy.RecordDisclosure, Handle: s.recordDisclosure},
		{Method: "POST", Path: "/applications/{id}/inquiries/{qid}/answer", Access: policy.AnswerInquiry, Handle: s.answerInquiry},
		{Method: "GET", Path: "/applications/{id}/invoices/{number}", Access: anyUser, Handle: s.invoicePDF},

		// Decide: certify or refuse, withholding, the certificate and the mark.
		{Method: "GET", Path: "/applications/{id}/decision", Access: policy.Certify, Handle: s.showDecision},
		{Method: "POST", Path: "/applications/{id}/decision/certify", Access: policy.Certify, Handle: s.decisionAction(s.certifyApplication)},
		{Method: "POST", Path: "/applications/{id}/decision/refuse", Access: policy.Certify, Handle: s.decisionAction(s.refuseApplication)},
		{Method: "POST", Path: "/applications/{id}/withholdings", Access: policy.RequestWithholding, Handle: s.requestWithholding},
		{Method: "POST", Path: "/applications/{id}/review/withholding", Access: policy.DecideWithholding, Handle: s.reviewAction(s.decideWithholding)},
		{Method: "GET", Path: "/applications/{id}/certificate.pdf", Access: anyUser, Handle: s.certificatePDF},
		{Method: "GET", Path: "/applications/{id}/mark.svg", Access: anyUser, Handle: s.markSVG},
		{Method: "GET", Path: "/applications/{id}/mark.png", Access: anyUser, Handle: s.markPNG},

		// After certification: renewal, changes, the end, returns, incidents, supervision.
		{Method: "POST", Path: "/applications/{id}/renewal", Access: policy.FollowUp, Handle: s.openRenewal},
		{Method: "POST", Path: "/applications/{id}/change-notice", Access: policy.FollowUp, Handle: s.openChangeNotice},
		{Method: "POST", Path: "/applications/{id}/review/accept-change", Access: policy.Certify, Handle: s.reviewAction(s.acceptChange)},
		{Method: "POST", Path: "/applications/{id}/review/reject-change", Access: policy.Certify, Handle: s.reviewAction(s.rejectChange)},
		{Method: "POST", Path: "/applications/{id}/mark-use", Access: policy.FollowUp, Handle: s.declareMarkUse},
		{Method: "GET", Path: "/applications/{id}/changes", Access: anyUser, Handle: s.showChanges},
		{Method: "POST", Path: "/applications/{id}/termination", Access: policy.Terminate, Handle: s.endCertification("terminated")},
		{Method: "POST", Path: "/applications/{id}/revocation", Access: policy.Revoke, Handle: s.endCertification("revoked")},
		{Method: "POST", Path: "/applications/{id}/succession", Access: policy.RecordSuccession, Handle: s.endCertification("lapsed")},
		{Method: "POST", Path: "/applications/{id}/certificate-return", Access: policy.RecordReturn, Handle: s.recordCertificateReturn},
		{Method: "GET", Path: "/returns", Access: policy.ManageReturns, Handle: s.showReturns},
		{Method: "POST", Path: "/applications/{id}/returns", Access: policy.ManageReturns, Handle: s.disposeDocuments},
		{Method: "GET", Path: "/incidents", Access: policy.ReadIncidents, Handle: s.showOpenIncidents},
		{Method: "GET", Path: "/applications/{id}/incidents", Access: anyUser, Handle: s.showIncidents},
		{Method: "POST", Path: "/applications/{id}/incidents", Access: policy.ReportIncident, Handle: s.reportIncident},
		{Method: "POST", Path: "/applications/{id}/incidents/{iid}/reports", Access: policy.ReportIncident, Handle: s.fileIncidentReport},
		{Method: "POST", Path: "/applications/{id}/maintenance", Access: policy.ReportIncident, Handle: s.recordMaintenance},
		{Method: "GET", Path: "/applications/{id}/supervision", Access: anyUser, Handle: s.showSupervision},
		{Method: "POST", Path: "/applications/{id}/supervision", Access: policy.Supervise, Handle: s.requestSupervision},
		{Method: "POST", Path: "/applications/{id}/supervision/{rid}/responses", Access: policy.ReportIncident, Handle: s.supervisionAction(s.respondSupervision, "respond", "flash.supervision.responded")},
		{Method: "POST", Path: "/applications/{id}/supervision/{rid}/resolve", Access: policy.Supervise, Handle: s.supervisionAction(s.resolveSupervision, "resolve", "flash.supervision.resolved")},
		{Method: "POST", Path: "/applications/{id}/supervision/{rid}/publish", Access: policy.Supervise, Handle: s.supervisionAction(s.publishSupervision, "publish", "flash.supervision.published")},
	}
}

// adminRoutes follow the public pages (package public) in the route table.
func (s *Server) adminRoutes() []route {
	return []route{
		// Administration: catalog editions, the audit trail, the users and the
		// background jobs.
		{Method: "GET", Path: "/admin/catalog/import", Access: policy.EditCatalog, Handle: s.showCatalogImport},
		{Method: "POST", Path: "/admin/catalog/import", Access: policy.EditCatalog, Handle: s.importCatalog, Upload: true},
		{Method: "GET", Path: "/admin/certifications/import", Access: policy.MoveIn, Handle: s.showMoveIn},
		{Method: "POST", Path: "/admin/certifications/import", Access: policy.MoveIn, Handle: s.previewMoveIn, Upload: true},
		{Method: "POST", Path: "/admin/certifications/import/confirm", Access: policy.MoveIn, Handle: s.confirmMoveIn},
		{Method: "GET", Path: "/audit", Access: policy.ReadAudit, Handle: s.showAudit},
		{Method: "GET", Path: "/audit.csv", Access: policy.ReadAudit, Handle: s.auditCSV},
		{Method: "GET", Path: "/admin/users", Access: policy.ManageUsers, Handle: s.showUsers},
		{Method: "POST", Path: "/admin/users/invite", Access: policy.InviteStaff, Handle: s.inviteStaff},
		{Method: "POST", Path: "/admin/users/{uid}/role", Access: policy.ChangeRole, Handle: s.changeUserRole},
		{Method: "POST", Path: "/admin/users/{uid}/deactivate", Access: policy.DeactivateUser, Handle: s.setUserActive(false)},
		{Method: "POST", Path: "/admin/users/{uid}/reactivate", Access: policy.DeactivateUser, Handle: s.setUserActive(true)},
		{Method: "GET", Path: "/admin/jobs", Access: policy.ManageJobs, Handle: s.showJobs},
		{Method: "POST", Path: "/admin/jobs/{id}/retry", Access: policy.ManageJobs, Handle: s.retryJob},
	}
}
