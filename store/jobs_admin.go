package store

// JobQuery selects jobs for the administrators' list.
type JobQuery struct {
	State JobState // "" for every state
	Kind  string   // "" for every kind
	Limit int      // at least 1
}
