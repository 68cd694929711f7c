package request

// LifecycleView is what the application page shows about a certification
// after it was issued: its status today, how it ended, and the forms the
// viewer may use (termination, revocation, succession, certificate return).
// The API's certification status is built from it too.
type LifecycleView struct {
	Status  string
	InForce bool
	End     *EndView
	Grounds []string
	Kinds   []string
}

// EndView is how a certification ended.
type EndView struct {
	Kind, EffectiveOn, Reason, ReturnedOn string
	Grounds                               []string
}
