package movein

import (
	"archive/zip"
	"io"
	"path"

	"nintei"
)

// CSVName is the name of the CSV in a ZIP of a move.
const CSVName = "certifications.csv"

var (
	errNotZip = nintei.Errorf(nintei.KindInvalid, "error.movein.not_zip")
	errNoCSV  = nintei.Errorf(nintei.KindInvalid, "error.movein.no_csv")
)

// OpenZip reads a ZIP of a move (the administrator's upload, or a file
// given to the command) and finds its CSV: certifications.csv at the top,
// or in the one folder a zipped folder puts everything in. The workbooks
// are named relative to the CSV.
func OpenZip(r io.ReaderAt, size int64) (*zip.Reader, string, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, "", errNotZip
	}
	found := ""
	for _, f := range zr.File {
		dir, base := path.Split(f.Name)
		if base != CSVName || (dir != "" && path.Dir(path.Clean(dir)) != ".") {
			continue
		}
		if found == "" || len(f.Name) < len(found) {
			found = f.Name
		}
	}
	if found == "" {
		return nil, "", errNoCSV
	}
	return zr, found, nil
}
