package quotes

import (
	"sort"
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/text"
)

// TestTokAt checks the block index against a search of every token, at
// every offset, on texts shorter and longer than a block.
func TestTokAt(t *testing.T) {
	for _, body := range []string{
		"a",
		"Hello, world. “Yes,” he said.",
		strings.Repeat("The minister said the talks had collapsed, officials added. ", 20),
		"word" + strings.Repeat(" ", 300) + "after a long gap",
	} {
		doc := text.NewTextDocument("", body)
		v := newVocab(doc, lowerBody(doc), nil)
		for off := -2; off < len(body)+2<<blockShift; off++ {
			want := sort.Search(len(doc.Tokens), func(i int) bool { return doc.Tokens[i].Start >= off })
			if got := v.tokAt(off); got != want {
				t.Fatalf("%.20q: tokAt(%d) = %d, want %d", body, off, got, want)
			}
		}
	}
}
