package upload

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxNameBytes caps a sanitised name: well under the 255 bytes most file
// systems allow, with room for a prefix a download may add.
const MaxNameBytes = 200

// maxExtBytes is the longest ending kept as an extension when a long name is
// cut: longer endings are text, not an extension.
const maxExtBytes = 16

// fallbackName replaces a name with nothing left in it.
const fallbackName = "file"

// windowsForbidden are the characters Windows refuses in a name (and macOS
// shows ":" as "/"). They become "_" so words stay apart.
const windowsForbidden = `<>:"/\|?*`

// reservedNames are the Windows device names: a file called "CON.pdf" or
// "nul.txt" cannot be saved there, whatever its extension.
var reservedNames = setOf("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
	"COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
	"LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³")

// SanitizeName turns the file name a browser sent into one that is safe to
// show, to put in a Content-Disposition header, and to save on Windows, macOS
// or Linux when documents are returned. It keeps the base name only,
// normalises to NFC (macOS sends NFD: "ファイル" with separate dakuten), drops
// control and invisible formatting characters (a right-to-left override can
// disguise "exe.pdf" as "fdp.exe"), replaces characters Windows forbids,
// collapses whitespace, trims dots and spaces at the ends, renames Windows
// device names, and cuts the name to MaxNameBytes on a character boundary,
// keeping the extension. It never returns "". Japanese names survive intact.
func SanitizeName(name string) string {
	name = baseName(strings.ToValidUTF8(name, "\uFFFD"))
	name = norm.NFC.String(cleanRunes(name))
	name = strings.TrimFunc(name, isDotOrSpace)
	name = avoidReserved(capLength(name))
	name = capLength(name)
	if name == "" {
		return fallbackName
	}
	return name
}

// baseName drops everything up to the last separator of any platform.
func baseName(name string) string {
	return name[strings.LastIndexAny(name, `/\`)+1:]
}

// cleanRunes drops control and format characters, replaces characters
// Windows forbids, and turns every run of whitespace into one space (an
// ideographic space stays one, so Japanese names keep their look).
func cleanRunes(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	inSpace := false
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			if !inSpace {
				b.WriteRune(spaceFor(r))
			}
			inSpace = true
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue // invisible: dropping it must not split a run of spaces
		case strings.ContainsRune(windowsForbidden, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
		inSpace = false
	}
	return b.String()
}

func spaceFor(r rune) rune {
	if r == '\u3000' {
		return r
	}
	return ' '
}

func isDotOrSpace(r rune) bool { return r == '.' || unicode.IsSpace(r) }

// avoidReserved prefixes a Windows device name with "_". Windows compares the
// part before the first dot, ignoring case and trailing spaces.
func avoidReserved(name string) string {
	stem, _, _ := strings.Cut(name, ".")
	if reservedNames[strings.ToUpper(strings.TrimRight(stem, " "))] {
		return "_" + name
	}
	return name
}

// capLength cuts name to MaxNameBytes, keeping a short extension and never
// cutting a UTF-8 sequence. The name starts with neither dot nor space, so the
// stem is never cut to nothing.
func capLength(name string) string {
	if len(name) <= MaxNameBytes {
		return name
	}
	stem, ext := name, ""
	if i := strings.LastIndexByte(name, '.'); i > 0 && len(name)-i <= maxExtBytes {
		stem, ext = name[:i], name[i:]
	}
	stem = truncateUTF8(stem, MaxNameBytes-len(ext))
	return strings.TrimRightFunc(stem, isDotOrSpace) + ext
}

// truncateUTF8 cuts s to at most n bytes on a rune boundary.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
