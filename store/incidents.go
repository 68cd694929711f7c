package store

import (
	"time"
)

// Incident is an emergency a provider reports after certification
// or a late maintenance notice flagged as one.
type Incident struct {
	ID              int64
	ApplicationID   int64
	CertificationID int64
	Kind            string
	State           string // report_needed, open, closed
	OpenedAt        time.Time
	FirstReportedAt *time.Time
	ClosedAt        *time.Time
	// Filled by the listings that join them:
	Number      string
	ServiceName string
	Reports     int
	LastReport  *IncidentReport
}

// IncidentReport is one report on an incident: first, follow-up or final.
// Reports are appended, never edited (a trigger refuses it).
type IncidentReport struct {
	ID         int64
	IncidentID int64
	Stage      string
	OccurredAt *time.Time // the first report's time of occurrence
	Summary    string
	Impact     string
	Measures   string
	FiledBy    int64
	FiledAt    time.Time
}

// MaintenanceNotice is a planned maintenance the provider recorded, with
// the check of its notice against the disclosed period.
type MaintenanceNotice struct {
	ID            int64
	ApplicationID int64
	AnnouncedOn   string
	StartsOn      string
	Description   string
	Disclosed     string // the published answer the period was read from
	Period        string // the words read, e.g. "7日前"; empty when none
	Verdict       string // in_time, late, unknown
	IncidentID    *int64
	RecordedBy    int64
	RecordedAt    time.Time
	// Filled by MaintenanceWithVerdict:
	Number      string
	ServiceName string
}
