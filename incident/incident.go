// Package incident holds the rules of emergencies after certification
// and of the body's supervision: the kinds of
// incident, the stages of a report, the kinds of supervision request, and
// how a maintenance notice period disclosed in Form B is read and checked.
package incident

// Kinds of incident a provider reports, and the late maintenance
// notice that counts as one.
const (
	KindOutage      = "outage"             // a service stop caused by a failure
	KindLeak        = "leak"               // a leak of personal or corporate information
	KindThreat      = "threat"             // anything else that threatens safety or reliability
	KindMaintenance = "maintenance_notice" // maintenance announced later than disclosed
)

// Kinds lists every kind; ReportableKinds those a provider chooses when it
// files a first report itself (the late maintenance notice is flagged by
// the check, never chosen).
var (
	Kinds           = []string{KindOutage, KindLeak, KindThreat, KindMaintenance}
	ReportableKinds = []string{KindOutage, KindLeak, KindThreat}
)

// States of an incident.
const (
	StateReportNeeded = "report_needed" // flagged by the maintenance check; no report yet
	StateOpen         = "open"          // first report filed
	StateClosed       = "closed"        // final report filed
)

// Stages of a report. Reports are appended, never edited.
const (
	StageFirst    = "first"
	StageFollowUp = "followup"
	StageFinal    = "final"
)

// Kinds of supervision request.
const (
	RequestExplanation   = "explanation"
	RequestDocuments     = "documents"
	RequestInvestigation = "investigation"
	RequestImprovement   = "improvement"
)

// RequestKinds lists the supervision requests the secretariat may make.
var RequestKinds = []string{RequestExplanation, RequestDocuments, RequestInvestigation, RequestImprovement}

// States of a supervision request: open until the provider answers;
// improvement requests stay open through the provider's responses until
// the secretariat closes them as resolved.
const (
	RequestOpen     = "open"
	RequestAnswered = "answered"
	RequestResolved = "resolved"
)

// Verdicts of the maintenance notice check.
const (
	NoticeInTime  = "in_time"
	NoticeLate    = "late"
	NoticeUnknown = "unknown" // the disclosed period could not be read
)

// MaintenanceItemJA is the catalog's wording of the key item in which the
// provider discloses its advance notice of maintenance (R-5.3 4). The
// item is found by this wording, not by an ID, so another edition with
// other IDs still works.
const MaintenanceItemJA = "メンテナンス等の一時的サービス停止時の事前告知"
