package service

import (
	"context"

	"nintei"
	"nintei/policy"
)

// The small reads of the adapters' pages, each checked here.

// OwnOrganization is the organisation the actor belongs to.
func (s *Service) OwnOrganization(ctx context.Context, p Principal) (nintei.Organization, error) {
	return s.store.Organization(ctx, p.User.OrgID)
}

// AuditEvents reads the audit trail, newest first, to those who may read
// it (the secretariat and the administrator).
func (s *Service) AuditEvents(ctx context.Context, p Principal, q AuditQuery) ([]nintei.AuditEvent, error) {
	if err := p.may(policy.ReadAudit); err != nil {
		return nil, err
	}
	return s.store.AuditEvents(ctx, q)
}

// RegistryGeneration is the registry's change counter: the public pages'
// caches are valid while it stays the same.
func (s *Service) RegistryGeneration(ctx context.Context) (int64, error) {
	return s.store.RegistryGeneration(ctx)
}
