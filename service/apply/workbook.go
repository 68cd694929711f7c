package apply

import (
	"context"
	"errors"
	"io"
	"strconv"

	"nintei"
	"nintei/formb"
	"nintei/internal/xlsx"
	"nintei/service/core"
	"nintei/store"
)

// ExportFormB writes an application's Form B as an Excel workbook, for an
// actor who may see the application.
func (s *Apply) ExportFormB(ctx context.Context, p core.Principal, id int64, w io.Writer) error {
	a, err := s.Application(ctx, p, id)
	if err != nil {
		return err
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return err
	}
	form, err := s.Store.FormB(ctx, id)
	if err != nil {
		return err
	}
	org, err := s.Store.Organization(ctx, a.OrgID)
	if err != nil {
		return err
	}
	meta := xlsx.Meta{ServiceName: a.FormA.Service.Name, ProviderName: org.Name, GeneratedAt: s.Now(),
		ApplicationRef: "#" + strconv.FormatInt(a.ID, 10)}
	return xlsx.Export(w, ed, form, meta)
}

// ImportFormB replaces a draft's Form B with a filled workbook. It is all or
// nothing: any problem that makes a cell unusable returns *xlsx.ImportError
// with every problem (sheet, cell, message) and changes nothing; what is
// merely incomplete is saved and returned as warnings.
func (s *Apply) ImportFormB(ctx context.Context, p core.Principal, id, version int64, r io.Reader, size int64) ([]xlsx.Problem, error) {
	a, err := s.EditableApplication(ctx, p, id)
	if err != nil {
		return nil, err
	}
	ed, err := s.ApplicationEdition(ctx, a)
	if err != nil {
		return nil, err
	}
	res, err := xlsx.Import(r, size, ed)
	if err != nil {
		return nil, err
	}
	entries := make([]formb.Entry, 0, len(ed.Items))
	for _, it := range ed.Items {
		e := res.Form[it.ID] // an item the workbook leaves empty is cleared
		e.ItemID = it.ID
		entries = append(entries, e)
	}
	if err := NormalizeEntries(ed, entries); err != nil {
		return nil, err
	}
	err = s.Store.InTx(ctx, func(tx store.Tx) error {
		if _, err := tx.TouchApplication(ctx, id, version); errors.Is(err, nintei.ErrConflict) {
			return core.ErrStaleVersion
		} else if err != nil {
			return err
		}
		if err := tx.SaveFormBEntries(ctx, id, p.User.ID, entries); err != nil {
			return err
		}
		ev := core.Event(&p.User, "application.form_b.import", "application", strconv.FormatInt(id, 10))
		ev.AfterDigest = nintei.StateDigest(entries)
		return tx.Audit(ctx, ev)
	})
	return res.Warnings, err
}
