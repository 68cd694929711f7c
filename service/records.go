package service

import "nintei/internal/sqlstore"

// The records the use cases and read models hand to the adapters. They are
// the store's rows, named here so that the web layer depends on the
// service only: no adapter above the service imports sqlstore.
type (
	APIToken             = sqlstore.APIToken
	Invitation           = sqlstore.Invitation
	CatalogEdition       = sqlstore.CatalogEdition
	AuditQuery           = sqlstore.AuditQuery
	Incident             = sqlstore.Incident
	IncidentReport       = sqlstore.IncidentReport
	MaintenanceNotice    = sqlstore.MaintenanceNotice
	SupervisionRequest   = sqlstore.SupervisionRequest
	ReturnItem           = sqlstore.ReturnItem
	Withholding          = sqlstore.Withholding
	PublishedImprovement = sqlstore.PublishedImprovement
)
