// Package fonts holds the one copy of the IPAex Gothic font that nintei
// embeds: the PDF documents subset it, and the PNG certification mark draws
// its lettering with it. The font is redistributed unmodified under the IPA
// Font License (IPAexfont-LICENSE.txt beside this file).
package fonts

import _ "embed"

//go:embed ipaexg.ttf
var gothic []byte

// Gothic returns the IPAex Gothic TrueType font. The slice is shared by
// every caller: read it, never modify it.
func Gothic() []byte { return gothic }
