package core

// ImportDetail is the detail of certification.import: the certification
// was brought in from the body's old site, not decided here; Source and Row
// name the CSV line it came from, FormB the workbook of its answers.
type ImportDetail struct {
	Source   string `json:"source"`
	Row      int    `json:"row"`
	FormB    string `json:"form_b"`
	Status   string `json:"status"`
	Renewals int    `json:"renewals"`
}
