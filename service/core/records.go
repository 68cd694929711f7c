package core

import "nintei/store"

// The records the use cases and read models hand to the adapters. They are
// the store's rows, named here so that the web layer depends on the
// service only: no adapter above the service imports store.
type (
	APIToken             = store.APIToken
	Invitation           = store.Invitation
	CatalogEdition       = store.CatalogEdition
	AuditQuery           = store.AuditQuery
	Incident             = store.Incident
	IncidentReport       = store.IncidentReport
	MaintenanceNotice    = store.MaintenanceNotice
	SupervisionRequest   = store.SupervisionRequest
	ReturnItem           = store.ReturnItem
	Withholding          = store.Withholding
	PublishedImprovement = store.PublishedImprovement
	Reviewer             = store.Reviewer
)
