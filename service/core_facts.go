package service

import (
	"context"
	"time"

	"nintei/application"
	"nintei/catalog"
	"nintei/civil"
	"nintei/internal/jobs"
	"nintei/internal/mail"
	"nintei/service/core"
	"nintei/store"
)

// The facts of the core that callers of the service read (see Service):
// the clock, the settings, the body's contact window, the catalog editions,
// an application as its reader may see it, and the mail job's handler.

// Now is the service's time, in UTC.
func (s *Service) Now() time.Time { return s.core.Now() }

// Today is the service's time as the date rules read it.
func (s *Service) Today() time.Time { return s.core.Today() }

// Day is today's date in Japan.
func (s *Service) Day() civil.Date { return s.core.Day() }

// Settings are the service's settings.
func (s *Service) Settings() Settings { return s.core.Settings() }

// ContactWindow is the body's public contact window.
func (s *Service) ContactWindow(ctx context.Context) core.ContactWindow {
	return s.core.ContactWindow(ctx)
}

// Application is an application as p may see it.
func (s *Service) Application(ctx context.Context, p Principal, id int64) (application.Application, error) {
	return s.core.Application(ctx, p, id)
}

// ApplicationEdition is the catalog edition an application answers.
func (s *Service) ApplicationEdition(ctx context.Context, a application.Application) (*catalog.Edition, error) {
	return s.core.ApplicationEdition(ctx, a)
}

// Editions lists the installed catalog editions.
func (s *Service) Editions(ctx context.Context) ([]store.CatalogEdition, error) {
	return s.core.Editions(ctx)
}

// Edition is one installed edition, parsed.
func (s *Service) Edition(ctx context.Context, id string) (store.CatalogEdition, *catalog.Edition, error) {
	return s.core.Edition(ctx, id)
}

// CurrentEdition is the scheme's edition new applications answer.
func (s *Service) CurrentEdition(ctx context.Context, schemeID string) (store.CatalogEdition, error) {
	return s.core.CurrentEdition(ctx, schemeID)
}

// SendQueuedMail is the mail job (see core.QueueMail).
func (s *Service) SendQueuedMail(ctx context.Context, j jobs.Job) error {
	return s.core.SendQueuedMail(ctx, j)
}

// SetMailer replaces the mail server the mail jobs send through, for a
// test that takes it down and brings it back.
func (s *Service) SetMailer(m mail.Sender) { s.core.Mail = m }

// ItemMarks lists the items of an application moved to a new edition that
// the applicant must still answer or confirm.
func (s *Service) ItemMarks(ctx context.Context, p Principal, a application.Application) ([]store.FormBMark, error) {
	return s.core.ItemMarks(ctx, p, a)
}

// Mapping is the mapping an edition was imported with (nil if none).
func (s *Service) Mapping(ctx context.Context, toID string) (*catalog.Mapping, error) {
	return s.core.Mapping(ctx, toID)
}

// MappingChain lists the mappings leading from edition fromID to toID.
func (s *Service) MappingChain(ctx context.Context, fromID, toID string) ([]*catalog.Mapping, bool, error) {
	return s.core.MappingChain(ctx, fromID, toID)
}
