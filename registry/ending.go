package registry

// Ending is how a published certification ended, as the public is told:
// its status, the day it ended and, for a revocation, the grounds of
// in the rules' words. The decision's own reasons are never part of
// it. The answers on the service page stand as they were on On.
type Ending struct {
	Status string `json:"status"` // expired, revoked, terminated or lapsed
	// On is the day the certification ended: the last valid day of an
	// expired one, the effective day of the others.
	On      string   `json:"ended_on"`
	Grounds []string `json:"grounds,omitempty"` // revocation: "a) 認定基準に適合しなくなったとき", …
}
