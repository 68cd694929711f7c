package config

import "strconv"

// Casework are the deadlines of the review's casework: when an inquiry's
// answer is due, and how long past a due date the secretariat may close
// an application the applicant has left (取下げ扱い).
type Casework struct {
	InquiryAnswerDays int // calendar days from an inquiry to its answer due date
	StalledCloseDays  int // days past an invoice's or an inquiry's due date before closing is allowed
}

// buildCasework reads the casework settings, reporting each problem.
func buildCasework(get func(string) string, bad func(f, why string)) Casework {
	var c Casework
	var err error
	if c.InquiryAnswerDays, err = strconv.Atoi(get("inquiry-answer-days")); err != nil || c.InquiryAnswerDays < 1 || c.InquiryAnswerDays > 365 {
		bad("inquiry-answer-days", "must be a whole number of days from 1 to 365")
	}
	if c.StalledCloseDays, err = strconv.Atoi(get("stalled-close-days")); err != nil || c.StalledCloseDays < 1 || c.StalledCloseDays > 365 {
		bad("stalled-close-days", "must be a whole number of days from 1 to 365")
	}
	return c
}
