package blob

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

// keyBytes is the randomness of a key: 160 bits, beyond guessing and beyond
// collisions, and exactly 32 base32 characters with no padding and no
// partially used last character, so that a key has a single spelling.
const keyBytes = 20

// KeyLen is the length of every key, in bytes.
const KeyLen = keyBytes * 8 / 5

// keyAlphabet is lowercase base32: safe in URLs, S3 keys and file names, and
// free of case so that two keys never collide on a case-insensitive disk
// (macOS, Windows).
const keyAlphabet = "abcdefghijklmnopqrstuvwxyz234567"

var keyEncoding = base32.NewEncoding(keyAlphabet).WithPadding(base32.NoPadding)

// NewKey draws a new random key. Stores call it; it is exported so that every
// implementation of Store produces keys of the same shape, and a key moved from
// one store to another stays valid.
func NewKey() string {
	var b [keyBytes]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails; it crashes the program instead
	return keyEncoding.EncodeToString(b[:])
}

// ValidKey reports whether key has the shape of a key NewKey could have
// produced. Stores check it before touching storage, which rules out path
// traversal ("../"), separators, NUL bytes and oversized input by
// construction rather than by a list of bad patterns.
func ValidKey(key string) bool {
	if len(key) != KeyLen {
		return false
	}
	for i := 0; i < len(key); i++ {
		if strings.IndexByte(keyAlphabet, key[i]) < 0 {
			return false
		}
	}
	return true
}
