package scrape

import "fmt"

// Config holds the thresholds of Parse's rules. The body is the run of
// lines with the highest total score (see lineScore), so these decide
// what counts as prose and how much a menu or a teaser costs.
type Config struct {
	// A line that ends like a sentence and has at least ProseWords words
	// scores its word count.
	ProseWords int
	// Other lines of at least LongWords words score LongWeight times
	// their word count; of at least MidWords, MidWeight times.
	LongWords  int
	LongWeight float64
	MidWords   int
	MidWeight  float64
	// A line of three words or fewer costs ShortPenalty; consecutive
	// lines that are not prose cost twice as much as the one before,
	// up to MaxRunPenalty times.
	ShortPenalty  float64
	MaxRunPenalty float64
	// The run after the headline's own line is the body when it scores
	// at least AfterHeadlineShare of the best run anywhere, or when it
	// starts at most NearHeadline lines below the headline and scores at
	// least NearShare of it.
	AfterHeadlineShare float64
	NearHeadline       int
	NearShare          float64

	// Off turns rules off, so that cross-validation can check that each
	// earns its place on sites it was not written from.
	Off Rules
}

// Rules is a set of Parse's rules, by family.
type Rules uint16

// The rule families Config.Off can turn off.
const (
	Boilerplate   Rules = 1 << iota // share, subscribe, legal and comment-counter lines cost and are dropped
	Banners                         // cookie and consent banners end the story and are dropped
	RelatedStop                     // a "Related posts" heading ends the story
	TitleCase                       // short Title Case lines (other stories' headlines) cost
	Teasers                         // lines cut off with "..." cost
	AfterHeadline                   // the run below the headline's own line is preferred
	LastSentence                    // a short last sentence joins the story
	allRules      = 1<<iota - 1
)

var ruleNames = []string{"boilerplate", "banners", "related-stop", "title-case", "teasers", "after-headline", "last-sentence"}

// Default is the configuration byline.Parse uses. Its thresholds are the
// ones site-disjoint cross-validation keeps choosing (go run
// ./examples/evaluate extract -input text -folds 5): no neighbour helps
// on both benchmarks' held-out folds. The RelatedStop rule is off: a
// "Related" or "Don't miss" heading ending the story cost recall on
// every one of the five folds of article-extraction-benchmark (pages put
// such boxes inside the story), and the titles of a list after the story
// end it anyway, since short Title Case lines cost.
var Default = Config{
	ProseWords: 8, LongWords: 20, LongWeight: 0.8, MidWords: 12, MidWeight: 0.3,
	ShortPenalty: 1.5, MaxRunPenalty: 64,
	AfterHeadlineShare: 0.5, NearHeadline: 8, NearShare: 0.15,
	Off: RelatedStop,
}

// String names a configuration by its values, for reports.
func (c Config) String() string {
	s := fmt.Sprintf("prose>=%d long>=%d×%.2g mid>=%d×%.2g short-%.2g run<=%.0f after>=%.2g near<=%d×%.2g",
		c.ProseWords, c.LongWords, c.LongWeight, c.MidWords, c.MidWeight, c.ShortPenalty, c.MaxRunPenalty,
		c.AfterHeadlineShare, c.NearHeadline, c.NearShare)
	for i, name := range ruleNames {
		if c.Off&(1<<i) != 0 {
			s += " -" + name
		}
	}
	return s
}

// Candidates are the configurations cross-validation chooses among:
// Default and its neighbours along each threshold, one at a time.
func Candidates() []Config {
	out := []Config{Default}
	vary := func(f func(*Config)) {
		c := Default
		f(&c)
		out = append(out, c)
	}
	for _, v := range []int{5, 6, 10, 12} {
		vary(func(c *Config) { c.ProseWords = v })
	}
	for _, v := range []int{15, 30} {
		vary(func(c *Config) { c.LongWords = v })
	}
	for _, v := range []float64{0.5, 1} {
		vary(func(c *Config) { c.LongWeight = v })
	}
	for _, v := range []float64{0, 0.6} {
		vary(func(c *Config) { c.MidWeight = v })
	}
	for _, v := range []float64{1, 3} {
		vary(func(c *Config) { c.ShortPenalty = v })
	}
	for _, v := range []float64{8, 16} {
		vary(func(c *Config) { c.MaxRunPenalty = v })
	}
	for _, v := range []float64{0.3, 0.7} {
		vary(func(c *Config) { c.AfterHeadlineShare = v })
	}
	for _, v := range []int{4, 16} {
		vary(func(c *Config) { c.NearHeadline = v })
	}
	for r := Rules(1); r&allRules != 0; r <<= 1 {
		vary(func(c *Config) { c.Off ^= r })
	}
	return out
}
