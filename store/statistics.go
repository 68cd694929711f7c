package store

import "time"

// QuarterCount is how many services had a public registry event of one
// kind (certified, renewed, revoked, expired, terminated, lapsed) in one
// calendar quarter.
type QuarterCount struct {
	Kind    string
	Year    int
	Quarter int // 1 to 4
	Count   int
}

// FacetCount is how many services in force share one value of a facet: a
// base service, or a published answer to an item.
type FacetCount struct {
	Key   string // the base service, or the item ID
	Value string // the published answer ("" for a base service)
	Count int
}

// DecisionSpan is one certify decision of a published certification (a
// first term or a renewal): when its application was submitted and the
// day it was decided.
type DecisionSpan struct {
	SubmittedAt time.Time
	DecidedOn   string // YYYY-MM-DD
}
