package upload

import "strings"

// extensionKinds maps every extension an accepted file may carry to its kind.
var extensionKinds = map[string]Kind{
	".pdf":  PDF,
	".png":  PNG,
	".jpg":  JPEG,
	".jpeg": JPEG,
	".jpe":  JPEG,
	".xlsx": XLSX,
	".docx": DOCX,
}

// foreignExtensions are extensions of types nintei does not accept. A name
// ending in one of them claims a type the content does not have: the
// applicant probably picked the wrong file, or someone is trying a polyglot.
// Other endings (".v2", "第3版.確定") are not taken as extensions at all.
var foreignExtensions = setOf(
	// web content and scripts
	".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".xsl", ".js", ".mjs",
	".css", ".php", ".asp", ".aspx", ".jsp", ".cgi", ".py", ".rb", ".pl", ".hta", ".swf",
	// text and data
	".txt", ".csv", ".tsv", ".rtf", ".md", ".json", ".yaml", ".yml", ".eml", ".msg",
	// office formats other than xlsx and docx: legacy, macro-enabled, templates, others
	".doc", ".dot", ".docm", ".dotx", ".dotm", ".xls", ".xlt", ".xlsm", ".xltx", ".xltm",
	".xlsb", ".ppt", ".pptx", ".pptm", ".odt", ".ods", ".odp", ".pages", ".numbers", ".key",
	// archives
	".zip", ".7z", ".rar", ".gz", ".tgz", ".tar", ".lzh", ".bz2", ".xz",
	// executables and shortcuts
	".exe", ".dll", ".bat", ".cmd", ".msi", ".scr", ".ps1", ".vbs", ".wsf", ".sh",
	".jar", ".apk", ".dmg", ".iso", ".lnk", ".url",
	// images of other types
	".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif", ".avif", ".ico",
)

func setOf(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}

// extension is the lower-cased last extension of a sanitised name, with its
// dot, or "" if there is none.
func extension(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 {
		return ""
	}
	return strings.ToLower(name[i:])
}

// checkExtension refuses a name whose extension says another type than the
// content (kind). A missing or unknown extension is accepted: FileName
// adds the right one.
func checkExtension(kind Kind, name string) error {
	ext := extension(SanitizeName(name))
	claimed, known := extensionKinds[ext]
	if (known && claimed != kind) || foreignExtensions[ext] {
		return &Error{Code: ErrExtensionMismatch.Code, Ext: ext, Kind: kind}
	}
	return nil
}
