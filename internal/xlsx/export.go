package xlsx

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"nintei/catalog"
	"nintei/formb"
)

// Meta describes the application a workbook is generated for; it fills the header block of
// the 申請書B sheet and is not read back by Import.
type Meta struct {
	ServiceName  string
	ProviderName string
	GeneratedAt  time.Time
	// ApplicationRef is the application's reference (e.g. its number), if it has one.
	ApplicationRef string
}

// Export writes a Form B workbook for ed to w, prefilled with the answers and evidence of
// form. Entries for items that are not in ed are an error rather than silently dropped,
// since the applicant would lose them on the next import.
func Export(w io.Writer, ed *catalog.Edition, form formb.Form, meta Meta) error {
	if unknown := unknownEntries(ed, form); len(unknown) > 0 {
		return fmt.Errorf("xlsx: form has entries for items not in edition %s: %s",
			ed.ID, strings.Join(unknown, ", "))
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := buildWorkbook(f, ed, form, meta); err != nil {
		return fmt.Errorf("xlsx: building the workbook: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: writing the workbook: %w", err)
	}
	return nil
}

// unknownEntries returns the sorted ids of form entries that ed does not have.
func unknownEntries(ed *catalog.Edition, form formb.Form) []string {
	var out []string
	for id := range form {
		if _, ok := ed.Item(id); !ok {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// buildWorkbook creates the three sheets, fills them and protects them. The form sheet is
// active on opening, since that is where the applicant works.
func buildWorkbook(f *excelize.File, ed *catalog.Edition, form formb.Form, meta Meta) error {
	if err := f.SetSheetName("Sheet1", SheetGuide); err != nil {
		return err
	}
	for _, name := range sheetNames[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	ctl := &controlWriter{f: f}
	steps := []func() error{
		func() error { return f.SetDocProps(docProps(ed, meta)) },
		func() error { return writeGuide(f, st, ed) },
		func() error { return writeFormSheet(f, st, ctl, ed, form, meta) },
		func() error { return ctl.writeMeta(ed) },
		func() error { return protect(f) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	idx, err := f.GetSheetIndex(SheetForm)
	if err != nil {
		return err
	}
	f.SetActiveSheet(idx)
	return nil
}

// docProps names the workbook in the file properties; the timestamps come from meta so that
// the same input gives the same bytes.
func docProps(ed *catalog.Edition, meta Meta) *excelize.DocProperties {
	p := &excelize.DocProperties{
		Creator: "nintei", LastModifiedBy: "nintei", Title: "申請書B " + meta.ServiceName,
		Subject: ed.TitleJA, Identifier: ed.ID, Version: FormatVersion, Language: "ja-JP",
	}
	if !meta.GeneratedAt.IsZero() {
		p.Created = meta.GeneratedAt.UTC().Format(time.RFC3339)
		p.Modified = p.Created
	}
	return p
}

// protect locks every sheet (only unlocked input cells stay editable) and the workbook
// structure (no adding, renaming, moving or unhiding sheets). There is no password: the
// protection guards against accidental edits that would make the file unreadable, not
// against a determined user, and import re-checks the structure anyway.
func protect(f *excelize.File) error {
	opts := &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true, // widening a column or row is harmless
	}
	for _, name := range sheetNames {
		if err := f.ProtectSheet(name, opts); err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(SheetControl, false, true); err != nil {
		return err
	}
	return f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{LockStructure: true})
}
