// Package xlsx exports Form B (申請書B) as an Excel workbook and imports it back, so that
// applicants can fill their disclosure answers and evidence references offline.
//
// # Workbook
//
// Export writes three sheets:
//
//   - 記入方法: how to fill every answer type, the rules below, and the edition id and
//     digest the workbook belongs to.
//   - 申請書B: a header block (service, provider, edition, generation time, application
//     reference), then one row per item in catalog order with a shaded separator row where
//     the category changes. Columns: A 項目ID, B No, C 区分, D 審査対象項目, E 記述内容,
//     F 必須/選択, G 回答の形式, H 申請内容, I 申請内容（内容・単位）, J 申請内容（期）,
//     K 添付書類等（資料名）, L 該当箇所. Only the yellow input cells are unlocked; choice,
//     有/無 and duration-unit cells have drop-down lists. See answerCells for how each
//     answer type uses H, I and J.
//   - _nintei (very hidden): the format version, edition id, version and digest, and the
//     item id of every table row (see control.go).
//
// Every sheet is protected without a password and the workbook structure is locked. The
// protection prevents accidents, not attacks; Import checks the structure itself.
//
// # Import: errors and warnings
//
// Import is all or nothing, but it distinguishes two kinds of problems, because an
// applicant must be able to upload a partly filled workbook as a draft:
//
//   - Errors (returned as *ImportError, no form): anything that makes a cell unusable or
//     the file untrustworthy — not an xlsx, limits exceeded, another edition or a changed
//     edition, edited structure (sheets, columns, rows, item ids), a formula without a
//     cached value or an error value, and every answer problem of Item.ValidateAnswer
//     (bad date, number, URL, corporate number, option not allowed …) except the
//     completeness ones below.
//   - Warnings (Result.Warnings, form returned): what a finished Form B needs but a draft
//     may lack — required items not answered (Edition.RequiredNow), evidence document or
//     location missing where formb.NeedsEvidence says it is needed, and the catalog's
//     "not finished" answer problems: a money period or a unit missing, a detail without
//     有/無, a contact without a value.
//
// Every problem names its sheet, cell and item and carries a Japanese and an English
// message; all problems are reported in one pass, sorted by sheet, row and column. Only a
// missing 申請書B sheet, another edition or format, and the file-level refusals stop the
// checks early, since later checks would only produce noise.
//
// # Limits
//
// Uploads are checked on the raw bytes and the zip directory before excelize sees them:
// file size (MaxFileSize), unpacked size and compression ratio (zip bombs), number of zip
// members and sheets, and per sheet the rows, cells and XML elements, measured by
// streaming the sheet XML and stopping at the limit. Rows and cells are measured as the
// grid excelize would build (up to the highest row number, each row up to its last
// column), so a single cell at XFD1048576 is refused too. PDFs, old .xls or
// password-protected files (OLE), Word, PowerPoint and OpenDocument files get their own
// messages. The table is then read cell by cell, never with GetRows, which would re-encode
// the sheet (and drops trailing empty cells).
//
// # Normalisation
//
// Cells are trimmed and line breaks normalised; answers go through Item.Normalize
// (full-width digits in number-like types); dates may be typed as 2024-04-01, 2024/4/1,
// 2024年4月1日 or be real Excel dates (serials); 有/無 also accepts あり/なし, はい/いいえ,
// yes/no, ○/×; contact kinds and duration units are written in Japanese (電話, か月 …)
// and also accepted as the catalog ids. Formula cells are read as their cached results.
// Input cells are text-formatted, so Excel keeps what is typed ("99.9%", "0312345678");
// a cell that nevertheless holds a number is read as its raw value (a percentage stored
// as 0.999 would read as 0.999).
//
// # Other decisions
//
//   - Export refuses form entries for items outside the edition instead of dropping them.
//   - Item ids, not positions, decide which row is which item: after a structural edit the
//     cell problems still point at the cells where the applicant sees them.
//   - An empty item row gives no form entry; a row with only evidence gives an entry with
//     an empty answer.
package xlsx
