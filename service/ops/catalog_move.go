package ops

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/formb"
	"nintei/service/core"
	"nintei/store"
)

// MappingInvalid wraps the problems of a mapping file, so that the pages
// can say the problems are in the mapping, not in the edition file.
type MappingInvalid struct{ Err *catalog.ValidationError }

func (e *MappingInvalid) Error() string { return "mapping: " + e.Err.Error() }
func (e *MappingInvalid) Unwrap() error { return e.Err }

// noticeEditionMoved tells the provider that its application now answers
// the new edition and how many items need its attention.
var noticeEditionMoved = core.Notice{Subject: "mail.edition_moved.subject", Body: "mail.edition_moved.body"}

// move is a checked mapping, ready to be applied.
type move struct {
	m        *catalog.Mapping
	from, to *catalog.Edition
	source   []byte
}

// movingStates are the states in which the applicant still writes the
// forms (application.Editable): these applications move to the new
// edition. Submitted ones are reviewed on the edition they were handed in
// on, and certified services keep theirs until their renewal.
var movingStates = []string{string(application.Draft), string(application.Returned)}

// prepareMove checks a mapping against the installed old edition and the
// new edition being imported.
func (s *Ops) prepareMove(ctx context.Context, ed *catalog.Edition, data []byte) (*move, error) {
	fromID, _, err := catalog.MappingHeader(data)
	var ve *catalog.ValidationError
	if errors.As(err, &ve) {
		return nil, &MappingInvalid{ve}
	}
	_, from, err := s.Edition(ctx, fromID)
	if errors.Is(err, nintei.ErrNotFound) {
		return nil, nintei.Errorf(nintei.KindConflict, "error.catalog.mapping_from_unknown").With("ID", fromID)
	}
	if err != nil {
		return nil, err
	}
	m, err := catalog.ParseMapping(data, from, ed)
	if errors.As(err, &ve) {
		return nil, &MappingInvalid{ve}
	}
	if err != nil {
		return nil, err
	}
	return &move{m: m, from: from, to: ed, source: data}, nil
}

// sameMapping answers the import of an edition already installed, with a
// mapping: a no-op when it came with the same mapping, else a conflict (an
// installed edition's applications have moved already).
func (s *Ops) sameMapping(ctx context.Context, ed *catalog.Edition, data []byte) (ImportResult, error) {
	row, err := s.Store.MappingTo(ctx, ed.ID)
	if err == nil && row.Digest == mappingDigest(data) {
		return ImportResult{Edition: ed}, nil
	}
	if err != nil && !errors.Is(err, nintei.ErrNotFound) {
		return ImportResult{}, err
	}
	return ImportResult{}, nintei.Errorf(nintei.KindConflict, "error.catalog.mapping_after_import").With("ID", ed.ID)
}

func mappingDigest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// moveApplications stores the mapping and moves every application still
// being written on the old edition: answers carried per the mapping
// (formb.Carry), new, merged and split items marked for the applicant,
// one audit event per application.
func (s *Ops) moveApplications(ctx context.Context, tx store.Tx, actor *nintei.User, mv *move) (int, error) {
	digest := mappingDigest(mv.source)
	if err := tx.InsertMapping(ctx, store.CatalogMapping{ToEdition: mv.to.ID, FromEdition: mv.from.ID,
		Source: string(mv.source), Digest: digest, ImportedAt: tx.Time()}); err != nil {
		return 0, err
	}
	ev := core.Event(actor, "catalog.mapping_import", "catalog_edition", mv.to.ID)
	ev.AfterDigest = digest
	if err := core.AuditWithDetail(ctx, tx, ev, core.EditionMoveDetail{From: mv.from.ID, To: mv.to.ID}); err != nil {
		return 0, err
	}
	ids, err := tx.ApplicationIDsOnEdition(ctx, mv.from.ID, movingStates)
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, id := range ids {
		ok, err := s.moveOne(ctx, tx, actor, mv, id)
		if err != nil {
			return 0, err
		}
		if ok {
			moved++
		}
	}
	return moved, nil
}

// moveOne moves one application. A change notice stays: it reports a
// change to the certified term, whose edition is kept until the renewal.
func (s *Ops) moveOne(ctx context.Context, tx store.Tx, actor *nintei.User, mv *move, id int64) (bool, error) {
	a, err := lockApplication(ctx, tx, id)
	if err != nil || a.Kind == application.Change || !a.Editable() || a.EditionID != mv.from.ID {
		return false, err
	}
	form, err := tx.FormB(ctx, id)
	if err != nil {
		return false, err
	}
	carried, marks := formb.Carry(mv.m, mv.from, mv.to, form)
	by := a.CreatedBy
	if actor != nil {
		by = actor.ID
	}
	if err := tx.MoveFormB(ctx, id, by, mv.to.ID, formb.Entries(mv.to, carried), StoreMarks(marks)); err != nil {
		return false, err
	}
	if err := relinkAttachments(ctx, tx, mv.m, id); err != nil {
		return false, err
	}
	a.EditionID = mv.to.ID
	if err := s.NotifyApplicant(ctx, tx, a, noticeEditionMoved, map[string]any{"Edition": mv.to.TitleJA, "Count": len(marks)}); err != nil {
		return false, err
	}
	ev := core.Event(actor, "application.edition_move", "application", strconv.FormatInt(id, 10))
	ev.BeforeDigest, ev.AfterDigest = nintei.StateDigest(form), nintei.StateDigest(carried)
	return true, core.AuditWithDetail(ctx, tx, ev, core.EditionMoveDetail{From: mv.from.ID, To: mv.to.ID, Marked: len(marks)})
}

// StoreMarks converts marks for the store.
func StoreMarks(marks []formb.Mark) []store.FormBMark {
	out := make([]store.FormBMark, 0, len(marks))
	for _, m := range marks {
		out = append(out, store.FormBMark{ItemID: m.ItemID, Kind: m.Kind, Map: m.Map, From: m.From})
	}
	return out
}

// lockApplication bumps the application's version before its Form B is
// read: the row stays locked until the import commits, so an applicant's
// save either committed before (and is carried) or fails as stale after,
// never lost in between.
func lockApplication(ctx context.Context, tx store.Tx, id int64) (application.Application, error) {
	for range 3 {
		a, err := tx.Application(ctx, id)
		if err != nil {
			return a, err
		}
		next, err := tx.TouchApplication(ctx, id, a.Version)
		if errors.Is(err, nintei.ErrConflict) {
			continue // saved meanwhile: read it again
		}
		a.Version = next
		return a, err
	}
	return application.Application{}, core.ErrStaleVersion
}

// relinkAttachments points the application's evidence files at the new
// items their old items became, so carried answers keep their evidence.
func relinkAttachments(ctx context.Context, tx store.Tx, m *catalog.Mapping, appID int64) error {
	atts, err := tx.Attachments(ctx, appID)
	if err != nil {
		return err
	}
	for _, att := range atts {
		if len(att.ItemIDs) == 0 {
			continue
		}
		if err := tx.SetAttachmentItems(ctx, att.ID, m.NewIDs(att.ItemIDs)); err != nil {
			return err
		}
	}
	return nil
}
