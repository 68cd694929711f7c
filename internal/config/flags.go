package config

import (
	"flag"
	"strconv"
)

// declare adds a setting's flag to fs with its default def. A boolean
// setting (default true or false) is a bool flag, so that `--trust-proxy`
// alone means true as for any Go boolean flag; `--trust-proxy=false`
// turns it off. The value is kept as text and checked in build with every
// other setting, so a wrong `NINTEI_TRUST_PROXY=perhaps` is reported with
// the rest.
func declare(fs *flag.FlagSet, s setting, def string) *string {
	v := def
	if isBoolSetting(s) {
		fs.Var(&boolText{&v}, s.flag, s.help+" ("+s.env+")")
		return &v
	}
	fs.StringVar(&v, s.flag, def, s.help+" ("+s.env+")")
	return &v
}

// isBoolSetting reports whether a setting is a switch: its default is
// true or false.
func isBoolSetting(s setting) bool { return s.def == "true" || s.def == "false" }

// boolText is a bool flag that keeps its text (see declare).
type boolText struct{ s *string }

func (b *boolText) String() string {
	if b == nil || b.s == nil {
		return ""
	}
	return *b.s
}

// Set takes the flag's value: "true" for the bare form.
func (b *boolText) Set(v string) error {
	if _, err := strconv.ParseBool(v); err != nil {
		return err
	}
	*b.s = v
	return nil
}

// IsBoolFlag makes package flag accept the bare form.
func (b *boolText) IsBoolFlag() bool { return true }
