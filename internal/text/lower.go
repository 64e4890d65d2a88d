package text

import (
	"strings"
	"unicode/utf8"
)

// LookupLower returns m[strings.ToLower(w)] without building the
// lower-case string when w is ASCII and at most 32 bytes long: it is
// lowered into a buffer on the stack, and indexing a map with
// string(buf) does not allocate. Longer or non-ASCII words take
// strings.ToLower. The entity stages look many tokens up in word lists
// this way, and each capitalised one would otherwise cost an allocation.
func LookupLower[V any](m map[string]V, w string) V {
	var buf [32]byte
	if len(w) > len(buf) {
		return m[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return m[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return m[string(buf[:len(w)])]
}
