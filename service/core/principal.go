package core

import "nintei"

// Principal is who makes a request: the user and how they authenticated.
type Principal struct {
	User        nintei.User
	SessionHash string // empty for API-token requests
	CSRFToken   string // empty for API-token requests
}
