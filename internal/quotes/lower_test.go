package quotes

import (
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/text"
)

// TestLowerBody checks the lowercased body against strings.ToLower: the
// same text when offsets are kept, "" when lowercasing would move them.
func TestLowerBody(t *testing.T) {
	for _, s := range []string{
		"", "Plain ASCII, SAID He.", "“Straße” ÜBER Ørsted — ΑΘΗΝΑ",
		"İstanbul",      // İ lowercases to two runes, three bytes
		"bad \xff byte", // repaired text never holds one, but it must not shift
		// eight bytes at a time: every ASCII byte around 'A' and 'Z',
		// and a word that straddles a non-ASCII byte
		"@ABCDEFGHIJKLMNOPQRSTUVWXYZ[`abcdefghijklmnopqrstuvwxyz{\x7f\t\n0189",
		"SEVEN7 Überall ELEVEN CHARS",
		// the ASCII bytes before a non-ASCII one, a word at a time
		"ABC’DEFGHIJKLMNOP", "ABCDEFGÜXYZ", "A“B”CDEFGHIJ ÉCOLE", "ABCDEFGH€ZYXWVUT«HELLO»",
	} {
		doc := text.NewTextDocument("", s)
		got, want := lowerBody(doc), strings.ToLower(doc.Body)
		if len(want) != len(doc.Body) {
			want = ""
		}
		if got != want {
			t.Errorf("lowerBody(%q) = %q, want %q", doc.Body, got, want)
		}
	}
}
