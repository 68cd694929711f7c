package ops

import (
	"context"
	"errors"

	"nintei"
	"nintei/catalog"
	"nintei/policy"
	"nintei/service/core"
	"nintei/store"
)

// ImportResult says what an import did.
type ImportResult struct {
	Edition *catalog.Edition
	Created bool // false when the same content was already installed
	Moved   int  // applications moved to the new edition by its mapping
}

// ImportEdition validates a catalog file and installs it as a new edition.
// Validation problems come back as *catalog.ValidationError (every problem,
// with its line). Editions are immutable: re-importing identical content is a
// no-op, and different content under an existing edition ID is refused — a
// corrected catalog is a new edition with a new ID. A scheme keeps the number
// prefix it was first imported with, since issued numbers carry it.
func (s *Ops) ImportEdition(ctx context.Context, actor *nintei.User, data []byte) (ImportResult, error) {
	return s.ImportEditionMapped(ctx, actor, data, nil)
}

// ImportEditionMapped is ImportEdition with the mapping from the edition
// before it (mapping may be nil). With a mapping, the edition, the mapping
// and the move of every application still being written on the old
// edition (moveApplications) happen in one transaction: all or nothing.
func (s *Ops) ImportEditionMapped(ctx context.Context, actor *nintei.User, data, mapping []byte) (ImportResult, error) {
	if err := core.MayAsActor(actor, policy.EditCatalog); err != nil {
		return ImportResult{}, err
	}
	ed, err := catalog.Parse(data)
	if err != nil {
		return ImportResult{}, err
	}
	digest := ed.Digest()
	existing, err := s.Store.Edition(ctx, ed.ID)
	switch {
	case err == nil && existing.Digest == digest && mapping == nil:
		return ImportResult{Edition: ed}, nil
	case err == nil && existing.Digest == digest:
		return s.sameMapping(ctx, ed, mapping)
	case err == nil:
		return ImportResult{}, nintei.Errorf(nintei.KindConflict, "error.catalog.edition_exists").With("ID", ed.ID)
	case !errors.Is(err, nintei.ErrNotFound):
		return ImportResult{}, err
	}
	if err := s.checkSchemePrefix(ctx, ed); err != nil {
		return ImportResult{}, err
	}
	var mv *move
	if mapping != nil {
		if mv, err = s.prepareMove(ctx, ed, mapping); err != nil {
			return ImportResult{}, err
		}
	}
	var res ImportResult
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if err := installEdition(ctx, tx, actor, ed, data, digest); err != nil {
			return err
		}
		if mv == nil {
			return nil
		}
		res.Moved, err = s.moveApplications(ctx, tx, actor, mv)
		return err
	})
	if err != nil {
		// Another import may have committed first, as when two instances
		// start at once on an empty database: the same content installed is
		// what was asked for, whichever transaction installed it.
		if existing, rerr := s.Store.Edition(ctx, ed.ID); rerr == nil && existing.Digest == digest && mapping == nil {
			return ImportResult{Edition: ed}, nil
		}
	}
	res.Edition, res.Created = ed, err == nil
	return res, err
}

func installEdition(ctx context.Context, tx store.Tx, actor *nintei.User, ed *catalog.Edition, data []byte, digest string) error {
	sc := ed.Scheme
	if err := tx.UpsertScheme(ctx, store.CatalogScheme{ID: sc.ID, NameJA: sc.NameJA, NameEN: sc.NameEN, NumberPrefix: sc.NumberPrefix}); err != nil {
		return err
	}
	var by int64
	if actor != nil {
		by = actor.ID
	}
	err := tx.InsertEdition(ctx, store.CatalogEdition{ID: ed.ID, SchemeID: sc.ID, Version: ed.Version,
		TitleJA: ed.TitleJA, TitleEN: ed.TitleEN, Status: string(ed.Status), ItemCount: len(ed.Items),
		Digest: digest, Source: string(data), ImportedAt: tx.Time(), ImportedBy: by})
	if errors.Is(err, nintei.ErrDuplicate) {
		return nintei.Errorf(nintei.KindConflict, "error.catalog.edition_exists").With("ID", ed.ID)
	}
	if err != nil {
		return err
	}
	ev := core.Event(actor, "catalog.import", "catalog_edition", ed.ID)
	ev.AfterDigest = digest
	return tx.Audit(ctx, ev)
}

func (s *Ops) checkSchemePrefix(ctx context.Context, ed *catalog.Edition) error {
	sc, err := s.Store.Scheme(ctx, ed.Scheme.ID)
	if errors.Is(err, nintei.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if sc.NumberPrefix != ed.Scheme.NumberPrefix {
		return nintei.Errorf(nintei.KindConflict, "error.catalog.prefix_changed").
			With("Scheme", sc.ID).With("Prefix", sc.NumberPrefix)
	}
	return nil
}

// InstallBuiltinEditions imports the editions embedded in the binary that
// are not installed yet; it runs at every start and is a no-op afterwards.
func (s *Ops) InstallBuiltinEditions(ctx context.Context) error {
	for _, b := range catalog.Builtin() {
		if _, err := s.ImportEdition(ctx, nil, b.Data); err != nil {
			return err
		}
	}
	return nil
}

// VerifyAudit checks the whole audit chain.
func (s *Ops) VerifyAudit(ctx context.Context) (int64, *nintei.ChainBreak, error) {
	return s.Store.VerifyAudit(ctx)
}
