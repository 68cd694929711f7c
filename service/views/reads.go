package views

import (
	"context"

	"nintei"
	"nintei/policy"
	"nintei/service/core"
)

// The small reads of the adapters' pages, each checked here.

// OwnOrganization is the organisation the actor belongs to.
func (s *Views) OwnOrganization(ctx context.Context, p core.Principal) (nintei.Organization, error) {
	return s.Store.Organization(ctx, p.User.OrgID)
}

// AuditEvents reads the audit trail, newest first, to those who may read
// it (the secretariat and the administrator).
func (s *Views) AuditEvents(ctx context.Context, p core.Principal, q core.AuditQuery) ([]nintei.AuditEvent, error) {
	if err := p.May(policy.ReadAudit); err != nil {
		return nil, err
	}
	return s.Store.AuditEvents(ctx, q)
}

// RegistryGeneration is the registry's change counter: the public pages'
// caches are valid while it stays the same.
func (s *Views) RegistryGeneration(ctx context.Context) (int64, error) {
	return s.Store.RegistryGeneration(ctx)
}
