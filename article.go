package byline

import (
	"errors"
	"strings"

	"github.com/byline-nlp/byline/internal/langid"
	"github.com/byline-nlp/byline/internal/scrape"
)

// ErrEmpty is returned for input that holds no text.
var ErrEmpty = errors.New("byline: empty input")

// Parse reads the text a scraper took from a news page and returns the
// article in it: the headline, section and site from the title line
// ("Headline | Section | Site", with any of the separators | - – — » :),
// the byline's authors, the publication date, the body paragraphs in
// order, and the titles of a related-posts list. Navigation, repeated
// headlines, share and subscribe prompts, comment counters and cookie
// banners are dropped.
//
// Paragraphs are separated by line breaks. The body is the densest run
// of prose lines in the page, so whole-page dumps with menus before and
// after the story work as well as clean copies. Where a line is in doubt,
// Parse keeps it, except for banners, navigation and related lists.
//
// The Article's Language is detected from the body (ISO 639-1), empty
// when the text is too short to tell.
//
// Invalid UTF-8 is replaced by U+FFFD. Parse returns ErrEmpty when text
// holds nothing but white space. It is safe for concurrent use.
func Parse(text string) (*Article, error) {
	a := scrape.Parse(text, scrape.Default)
	if a == nil {
		return nil, ErrEmpty
	}
	// Scraped text declares no language: it is detected from the body.
	a.Language = langid.Detect(strings.Join(a.Paragraphs, "\n"))
	return a, nil
}
