package core

import (
	"nintei"
	"nintei/policy"
)

// May is the policy's answer for the principal (package policy, the one
// place that decides who may do what): nil, or a forbidden error. Use cases
// call it first, before they load anything.
func (p Principal) May(a policy.Action) error { return policy.Check(p.User.Role, a) }

// Can is may as a boolean, for what a page offers and for scoping reads.
func (p Principal) Can(a policy.Action) bool { return policy.Allows(p.User.Role, a) }

// MayAsActor is may for use cases that the command line also calls, with
// no user (nil): the operator at the console is trusted as the system's
// administrator.
func MayAsActor(actor *nintei.User, a policy.Action) error {
	if actor == nil {
		return nil
	}
	return policy.Check(actor.Role, a)
}
