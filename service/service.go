// Package service holds the program's use cases — logging in, inviting a
// colleague, importing a catalog edition — written once and called by both
// the web UI and the JSON API (and the CLI). They own transactions and write
// an audit event for every state change; they know nothing about HTTP.
//
// The use cases live in area packages built on service/core: accounts,
// apply, examination, aftercare, views and ops. Service puts them together:
// it embeds each area, so every use case is a method of Service
// (svc.LogIn, svc.Submit, svc.Queue …) whichever area defines it.
package service

import (
	"log/slog"

	"nintei"
	"nintei/internal/blob"
	"nintei/internal/i18n"
	"nintei/internal/jobs"
	"nintei/internal/mail"
	"nintei/service/accounts"
	"nintei/service/aftercare"
	"nintei/service/apply"
	"nintei/service/core"
	"nintei/service/examination"
	"nintei/service/follow"
	"nintei/service/ops"
	"nintei/service/views"
	"nintei/store"
)

// Service is the entry point of every use case. It does not embed the
// core: the store, the mailer and the rest of the core stay out of reach
// of its callers (the web, the CLI), which read and write only through use
// cases; the few facts of the core they need have their methods below.
type Service struct {
	core *core.Core
	*accounts.Accounts
	*apply.Apply
	*examination.Examination
	*aftercare.Aftercare
	*views.Views
	*ops.Ops
	*follow.Follow
}

// Principal is who is acting. It is named here as well as in core because
// nearly every call into the service passes one.
type Principal = core.Principal

// Settings are the tunable rules of the service (see core.Settings); named
// here because every program that builds a Service passes them.
type Settings = core.Settings

// DefaultSettings are the values used when configuration says nothing.
func DefaultSettings() Settings { return core.DefaultSettings() }

// New wires a Service: one core shared by every area.
func New(st store.Store, blobs blob.Store, clock nintei.Clock, sender mail.Sender, msgs *i18n.Catalog, log *slog.Logger, s Settings) *Service {
	c := core.New(st, blobs, clock, sender, msgs, log, s)
	after := aftercare.New(c)
	app := apply.New(c, after)
	return &Service{
		core:        c,
		Accounts:    accounts.New(c),
		Apply:       app,
		Examination: examination.New(c, app, after),
		Aftercare:   after,
		Views:       views.New(c, after),
		Ops:         ops.New(c, app, after),
		Follow:      follow.New(c),
	}
}

// RegisterJobs gives the runner the program's scheduled work: the
// operations' (ops.RegisterJobs) and the follow notices'.
func (s *Service) RegisterJobs(r *jobs.Runner) {
	s.Ops.RegisterJobs(r)
	s.Follow.RegisterJobs(r)
}

// At returns a copy of the service that reads its dates from clock; the
// store still stamps records with the real time. The demo uses it to build
// a registry with history (a certification issued two years ago, so that
// it has expired today).
func (s *Service) At(clock nintei.Clock) *Service {
	c := s.core
	return New(c.Store, c.Blobs, clock, c.Mail, c.Msgs, c.Log, c.Config)
}
