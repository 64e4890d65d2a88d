package page

import (
	"regexp"
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/extracteval"
	"github.com/byline-nlp/byline/internal/shareddata"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

var benchToken = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// invisible are the characters our text drops and go-trafilatura keeps
// (soft hyphen, zero-width space, word joiner, BOM); upstream runners
// delete the soft hyphen from Go outputs too.
var invisible = strings.NewReplacer("\u00ad", "", "\u200b", "", "\u2060", "", "\ufeff", "")

// TestNoGluedWords runs every dev page of both benchmarks and looks for
// a token in our body that is two consecutive tokens of go-trafilatura's
// own text output run together, and that the page's visible text does
// not hold either: text read across an inline element without the space
// the page had there.
func TestNoGluedWords(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every dev page")
	}
	for _, set := range []string{"extraction/article-extraction-benchmark", "extraction/trafilatura-eval"} {
		_, pages, err := extracteval.Load(shareddata.Path(t, set))
		if err != nil {
			t.Fatal(err)
		}
		glued := 0
		for _, p := range pages {
			raw, err := p.HTML()
			if err != nil {
				t.Fatal(err)
			}
			a, _ := ParseBytes(raw, p.URL)
			if a == nil {
				continue
			}
			doc, err := html.Parse(strings.NewReader(decode(raw)))
			if err != nil {
				continue
			}
			res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{ExcludeComments: true})
			if err != nil || res == nil {
				continue
			}
			// Text the page itself runs together (CO<sub>2</sub>, 1<sup>st</sup>)
			// is no defect of ours.
			own := map[string]bool{}
			for _, w := range benchToken.FindAllString(strings.Join(paragraphs(doc, nil), "\n"), -1) {
				own[w] = true
			}
			ref := benchToken.FindAllString(invisible.Replace(res.ContentText), -1)
			single := make(map[string]bool, len(ref))
			for _, w := range ref {
				single[w] = true
			}
			pairs := map[string]bool{}
			for i := 0; i+1 < len(ref); i++ {
				if w := ref[i] + ref[i+1]; !single[w] {
					pairs[w] = true
				}
			}
			for _, w := range benchToken.FindAllString(strings.Join(a.Paragraphs, "\n"), -1) {
				if pairs[w] && !own[w] {
					glued++
					t.Errorf("%s: %s: %q is two of go-trafilatura's tokens run together", set, p.ID, w)
				}
			}
		}
		t.Logf("%s: %d glued tokens on %d pages", set, glued, len(pages))
	}
}
