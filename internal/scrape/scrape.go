// Package scrape is the machinery behind byline.Parse: it reads the text
// a scraper took from a news page (title line, menus, byline, body,
// related lists, banners) and finds the article in it. Its rules use no
// site-specific markup, only the shape of the lines, so that they carry
// to sites they were never written from; Config holds their thresholds,
// which examples/evaluate chooses and checks by site-disjoint
// cross-validation.
package scrape

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/byline-nlp/byline/internal/text"
)

// Parse reads scraped page text into an Article with the rules c sets;
// nil when text holds nothing but white space. Invalid UTF-8 is replaced
// by U+FFFD. It is safe for concurrent use.
func Parse(s string, c Config) *text.Article {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	lines := splitLines(s)
	if len(lines) == 0 {
		return nil
	}
	p := &pageParser{lines: lines, a: &text.Article{}, c: c}
	p.parse()
	return p.a
}

// A line is one trimmed, non-blank line of a scraped page.
type line struct {
	text  string
	words int  // letter-bearing tokens
	caps  int  // words that start with a capital letter
	prose bool // ends like a sentence
	gap   bool // a blank line precedes it
}

func splitLines(text string) []line {
	var out []line
	gap := false
	for len(text) > 0 {
		var l string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			l, text = text[:i], text[i+1:]
		} else {
			l, text = text, ""
		}
		l = strings.TrimFunc(l, isBlankRune)
		if l == "" {
			gap = true
			continue
		}
		ln := line{text: l, gap: gap}
		gap = false
		countWords(&ln)
		out = append(out, ln)
	}
	return out
}

func isBlankRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u200e' || r == '\u200f'
}

// countWords fills a line's word statistics with one scan of its bytes.
func countWords(ln *line) {
	s := ln.text
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		if isCJK(r) {
			// Chinese and Japanese put no spaces between words; count a
			// word for every two characters, about their mean word length.
			j, chars := i, 0
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !isCJK(r) {
					break
				}
				chars++
				j += n
			}
			ln.words += (chars + 1) / 2
			i = j
			continue
		}
		j := i + n
		hasLetter := unicode.IsLetter(r)
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' {
				break
			}
			hasLetter = hasLetter || unicode.IsLetter(r)
			j += n
		}
		if hasLetter {
			ln.words++
			if unicode.IsUpper(r) {
				ln.caps++
			}
		}
		i = j
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	switch last {
	case '.', '!', '?', '"', '”', '’', '…', ')', ':', '»', '。', '！', '？':
		ln.prose = true
	}
}

func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

type pageParser struct {
	lines []line
	a     *text.Article
	c     Config
}

// titleSeparators are the ways sites join headline, section and site in
// a page title, most specific first.
var titleSeparators = []string{" | ", " – ", " — ", " » ", " « ", " - ", " :: ", " : ", " · ", " / ", " ｜ "}

func (p *pageParser) parse() {
	a := p.a
	first := 0
	head := p.lines[0].text
	if len(head) <= 300 && !(p.lines[0].words > 25 && p.lines[0].prose) {
		p.title(head)
		first = 1
	}
	body := p.bodyRange(first)
	p.related(body.end)
	// Metadata lines (byline, date) sit between the title and the body.
	for i := first; i < body.end && i < first+60; i++ {
		if i >= body.start && len(a.Authors) > 0 && !a.Published.IsZero() {
			break
		}
		t := p.lines[i].text
		if len(a.Authors) == 0 {
			if names := authorsOf(t); len(names) > 0 {
				a.Authors = names
				if i >= body.start {
					p.lines[i].words = -1 // a byline inside the body is not body text
				}
				if a.Published.IsZero() {
					a.Published, _ = findDate(t) // "By Jane Doe | Published 5 March 2025"
				}
				continue
			}
		}
		if a.Published.IsZero() && p.lines[i].words <= 12 {
			if d, ok := findDate(t); ok {
				a.Published = d
				if i >= body.start && p.lines[i].words <= 8 {
					p.lines[i].words = -1
				}
			}
		}
	}
	for i := body.start; i < body.end; i++ {
		ln := p.lines[i]
		if ln.words < 0 || !p.keep(ln) {
			continue
		}
		a.Paragraphs = append(a.Paragraphs, ln.text)
	}
}

// title splits the page title into headline, section and site. The
// headline is the part the page repeats on a line of its own when it
// does; otherwise the longest part.
func (p *pageParser) title(head string) {
	a := p.a
	// The page repeats its headline on a line of its own; menus may
	// repeat the site's name too, so the longest repeated part wins.
	var bestLine, bestRest string
	siteFirst := false
	for _, ln := range p.lines[1:min(len(p.lines), 120)] {
		t := ln.text
		if len(t) <= len(bestLine) || len(t) >= len(head) || len(t) < 8 {
			continue
		}
		if strings.HasPrefix(head, t) {
			if rest, ok := cutSeparator(head[len(t):]); ok {
				bestLine, bestRest, siteFirst = t, rest, false
			}
		} else if strings.HasSuffix(head, t) {
			if rest, ok := cutSeparatorEnd(head[:len(head)-len(t)]); ok {
				bestLine, bestRest, siteFirst = t, rest, true
			}
		}
	}
	if bestLine != "" {
		a.Title = bestLine
		p.sectionSite(splitTitle(bestRest), siteFirst)
		return
	}
	parts := splitTitle(head)
	if len(parts) == 1 {
		a.Title = head
		return
	}
	best := 0
	for i, part := range parts {
		if len(part) > len(parts[best]) {
			best = i
		}
	}
	a.Title = parts[best]
	if best == 0 {
		p.sectionSite(parts[1:], false)
	} else {
		p.sectionSite(parts[:best], true)
		if best < len(parts)-1 && a.Section == "" {
			a.Section = parts[best+1]
		}
	}
}

// sectionSite assigns the parts of a title beside its headline: the last
// one (the first, when the site leads) is the site, the one next to the
// headline the section.
func (p *pageParser) sectionSite(parts []string, siteFirst bool) {
	if len(parts) == 0 {
		return
	}
	if siteFirst {
		p.a.Site = parts[0]
		if len(parts) > 1 {
			p.a.Section = parts[len(parts)-1]
		}
		return
	}
	p.a.Site = parts[len(parts)-1]
	if len(parts) > 1 {
		p.a.Section = parts[0]
	}
}

func cutSeparator(s string) (string, bool) {
	for _, sep := range titleSeparators {
		if strings.HasPrefix(s, sep) {
			return s[len(sep):], true
		}
	}
	return "", false
}

func cutSeparatorEnd(s string) (string, bool) {
	for _, sep := range titleSeparators {
		if strings.HasSuffix(s, sep) {
			return s[:len(s)-len(sep)], true
		}
	}
	return "", false
}

// splitTitle splits a title at the first separator kind it contains.
func splitTitle(s string) []string {
	for _, sep := range titleSeparators {
		if strings.Contains(s, sep) {
			var parts []string
			for _, part := range strings.Split(s, sep) {
				if part = strings.TrimSpace(part); part != "" {
					parts = append(parts, part)
				}
			}
			return parts
		}
	}
	return []string{strings.TrimSpace(s)}
}

type lineRange struct {
	start, end int
	score      float64
}

// bodyRange finds the article body: the run of lines with the highest
// total score, where prose lines score by their length and short,
// menu-like lines cost a little. A story broken by an advertisement or a
// subheading stays one run; menus and link lists fall outside it.
func (p *pageParser) bodyRange(first int) lineRange {
	best := p.densest(first)
	// Pages list other stories, with teasers that read like prose, before
	// the article; the article itself starts after its headline. Prefer
	// the densest run after the headline's own line when it holds most
	// of the prose, or when it starts right below the headline.
	if h := p.headlineLine(first); h > first && p.c.Off&AfterHeadline == 0 {
		after := p.densest(h + 1)
		if after.score >= best.score*p.c.AfterHeadlineShare || after.start-h <= p.c.NearHeadline && after.score >= best.score*p.c.NearShare {
			best = after
		}
	}
	// A story's last paragraph may be a short sentence ("The budget
	// takes effect on July 1.") that scores below zero on its own.
	for p.c.Off&LastSentence == 0 && best.end < len(p.lines) && best.end > best.start && p.sentenceLike(best.end) {
		best.end++
	}
	if best.end == best.start && first < len(p.lines) {
		// No prose at all: keep every line but the title.
		best = lineRange{start: first, end: len(p.lines)}
		for i := first; i < len(p.lines); i++ {
			if p.isStop(i) {
				best.end = i
				break
			}
		}
	}
	return best
}

// densest returns the run of lines from line first on with the highest
// total score. Prose lines score by their length; other lines cost more
// the longer their run, so an advertisement or subheading inside a story
// costs little while a menu or a list of links ends it.
func (p *pageParser) densest(first int) lineRange {
	var best, cur lineRange
	best = lineRange{start: first, end: first}
	cur.start = first
	run := 0 // consecutive non-prose lines
	for i := first; i < len(p.lines); i++ {
		if p.isStop(i) {
			// A related-posts heading or a cookie banner ends the story.
			cur, run = lineRange{start: i + 1}, 0
			continue
		}
		s := p.c.lineScore(p.lines[i], p.a.Title)
		if s > 0 {
			run = 0
		} else {
			run++
			s *= min(float64(int(1)<<min(run-1, 30)), p.c.MaxRunPenalty)
		}
		cur.score += s
		if cur.score <= 0 {
			cur, run = lineRange{start: i + 1}, 0
			continue
		}
		if cur.score > best.score {
			best = lineRange{start: cur.start, end: i + 1, score: cur.score}
		}
	}
	return best
}

// sentenceLike reports whether line i reads as a sentence of body text,
// however short: it ends like one and is neither boilerplate nor a
// headline of another story.
func (p *pageParser) sentenceLike(i int) bool {
	ln := p.lines[i]
	return ln.prose && ln.words >= 3 && !p.isStop(i) && !isBoilerplate(ln.text) &&
		ln.caps*3 <= ln.words*2 && !strings.HasSuffix(ln.text, "...")
}

// headlineLine returns the index of the first line from first on that
// repeats the headline, or -1.
func (p *pageParser) headlineLine(first int) int {
	if p.a.Title == "" {
		return -1
	}
	key := foldKey(p.a.Title)
	for i := first; i < len(p.lines); i++ {
		if t := p.lines[i].text; t == p.a.Title || len(t) < 2*len(key)+8 && foldKey(t) == key {
			return i
		}
	}
	return -1
}

// foldKey reduces a line to its lowercased letters and digits, so that a
// headline matches its repetition whatever quote marks or punctuation
// either uses ("doesn't" and "doesn’t").
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// lineScore rates how much a line looks like article prose. It uses no
// word lists, so it works for pages in any language.
func (c Config) lineScore(ln line, title string) float64 {
	w := float64(ln.words)
	switch {
	case ln.text == title:
		return -2
	case c.Off&Boilerplate == 0 && isBoilerplate(ln.text) || c.Off&Banners == 0 && isCookieBanner(ln.text):
		return -4
	case c.Off&TitleCase == 0 && ln.words < 25 && ln.caps*3 > ln.words*2, c.Off&Teasers == 0 && strings.HasSuffix(ln.text, "..."):
		// Title Case lines are headlines of other stories; lines cut off
		// with "..." are teasers.
		return -1
	case ln.words >= c.ProseWords && ln.prose:
		return w
	case ln.words >= c.LongWords:
		return w * c.LongWeight
	case ln.words >= c.MidWords:
		return w * c.MidWeight
	case ln.words <= 3:
		return -c.ShortPenalty
	default:
		return -1
	}
}

// isStop reports whether line i opens the page's trailing furniture: a
// cookie banner, or (when the RelatedStop rule is on) a related-posts
// heading.
func (p *pageParser) isStop(i int) bool {
	t := p.lines[i].text
	return p.c.Off&RelatedStop == 0 && isRelatedHeading(t) || p.c.Off&Banners == 0 && isCookieBanner(t)
}

// keep decides whether a line inside the body range is body text.
func (p *pageParser) keep(ln line) bool {
	t := ln.text
	if t == p.a.Title || p.c.Off&Boilerplate == 0 && isBoilerplate(t) || p.c.Off&Banners == 0 && isCookieBanner(t) {
		return false
	}
	if ln.words == 0 {
		return false
	}
	return true
}

// related collects the titles of a related-posts list that starts at or
// after line from.
func (p *pageParser) related(from int) {
	for i := from; i < len(p.lines); i++ {
		if !isRelatedHeading(p.lines[i].text) {
			continue
		}
		for j := i + 1; j < len(p.lines); j++ {
			ln := p.lines[j]
			if isCookieBanner(ln.text) || isRelatedHeading(ln.text) || isBoilerplate(ln.text) {
				break
			}
			if ln.words > 30 || ln.words < 2 || isPrompt(ln.text) {
				break
			}
			p.a.Related = append(p.a.Related, text.Link{Title: ln.text})
		}
		return
	}
}

// isPrompt recognises calls to action that end a related-posts list:
// "Follow us on LinkedIn", "Have your say: email letters@example.com".
func isPrompt(t string) bool {
	if strings.ContainsAny(t, "@") || strings.Contains(t, "://") || strings.Contains(t, "www.") {
		return true
	}
	for _, p := range []string{"Follow ", "Share ", "Subscribe", "Sign up", "Join ", "Have your say", "Tell us", "Contact ", "Email ", "Download ", "Listen ", "Watch "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

var relatedHeadings = []string{
	"related posts", "related articles", "related stories", "related news", "related content",
	"related coverage", "related", "read more", "read next", "read also", "also read", "more stories",
	"more from", "you may also like", "you might also like", "you may be interested in",
	"recommended", "recommended for you", "recommended stories", "more on this story", "trending",
	"trending now", "popular", "most popular", "most read", "latest news", "latest stories",
	"top stories", "don't miss", "see also", "further reading", "what to read next",
}

func isRelatedHeading(t string) bool {
	if len(t) > 40 {
		return false
	}
	l := strings.ToLower(strings.TrimRight(t, ":.!… "))
	for _, h := range relatedHeadings {
		if l == h || strings.HasSuffix(h, " from") && strings.HasPrefix(l, h+" ") {
			return true
		}
	}
	return false
}

// isCookieBanner recognises consent banners: "This website uses cookies
// ... Accept Read More".
func isCookieBanner(t string) bool {
	if !strings.Contains(t, "ookie") && !strings.Contains(t, "OOKIE") && !strings.Contains(t, "onsent") &&
		!strings.Contains(t, "ONSENT") && !strings.Contains(t, "GDPR") && !strings.Contains(t, "gdpr") {
		return false
	}
	l := strings.ToLower(t)
	if !strings.Contains(l, "cookie") && !strings.Contains(l, "consent") && !strings.Contains(l, "gdpr") {
		return false
	}
	for _, k := range []string{"we use", "uses cookies", "use of cookies", "accept", "consent", "privacy", "agree", "cookie policy", "cookie settings", "by continuing"} {
		if strings.Contains(l, k) {
			return true
		}
	}
	return false
}

// boilerplatePhrases mark lines that belong to the page, not the story:
// share bars, subscription prompts, comment counters, legal lines.
var boilerplatePhrases = []string{
	"share this", "share on", "share via", "click to share", "follow us", "subscribe to", "sign up for",
	"sign up to", "newsletter", "all rights reserved", "copyright ©", "© 20", "privacy policy",
	"terms of use", "terms of service", "log in", "sign in", "advertisement", "skip to content",
	"skip to main", "leave a comment", "leave a reply", "comments", "download the app", "follow on",
	"story continues below", "continue reading", "reprints & permissions", "print this",
	"email this", "image caption", "getty images", "photo:", "file photo",
}

func isBoilerplate(t string) bool {
	if strings.HasPrefix(t, "©") || strings.HasPrefix(t, "(c) ") || strings.HasPrefix(t, "Copyright ") {
		return true
	}
	if len(t) > 200 {
		return false
	}
	l := strings.ToLower(t)
	for _, k := range boilerplatePhrases {
		if strings.Contains(l, k) {
			// Long sentences that mention a phrase ("signed in to law") are prose.
			return len(l) < 120 || strings.HasPrefix(l, k)
		}
	}
	switch l {
	case "share", "tweet", "email", "print", "facebook", "twitter", "linkedin", "whatsapp", "reddit",
		"pinterest", "menu", "search", "home", "close", "more", "next", "previous", "top", "comment",
		"reply", "like", "follow", "subscribe", "accept", "read more":
		return true
	}
	// Comment counters: "12 comments", "Comments (4)".
	if strings.HasSuffix(l, " comments") || strings.HasSuffix(l, " comment") {
		if n := strings.Fields(l); len(n) == 2 {
			return true
		}
	}
	return false
}

// authorsOf reads a byline: "By Jane Doe and John Roe", "By Jane Doe,
// Reuters", "Jane Doe | Reuters".
func authorsOf(t string) []string {
	if len(t) > 120 {
		return nil
	}
	var rest string
	switch {
	case strings.HasPrefix(t, "By ") || strings.HasPrefix(t, "by ") || strings.HasPrefix(t, "BY "):
		rest = t[3:]
	case agencyByline(t):
		rest = t
	case strings.HasPrefix(t, "Written by ") || strings.HasPrefix(t, "Words by "):
		rest = t[strings.Index(t, "by ")+3:]
	default:
		return nil
	}
	// Cut what follows the names: a date, a pipe, "Updated ...".
	for _, cut := range []string{" | ", " - ", " – ", " — ", "•", " on ", " Updated", " Published", " updated", " published", "  "} {
		if i := strings.Index(rest, cut); i > 0 {
			rest = rest[:i]
		}
	}
	rest = strings.NewReplacer(" and ", ",", " & ", ",", " AND ", ",").Replace(rest)
	var names []string
	for _, n := range strings.Split(rest, ",") {
		n = strings.TrimSpace(strings.Trim(n, ".;:"))
		if n == "" || isAgency(n) {
			continue
		}
		if !looksLikeName(n) {
			continue
		}
		names = append(names, n)
	}
	return names
}

var agencies = []string{"reuters", "ap", "afp", "associated press", "agence france-presse", "bloomberg",
	"staff", "staff writer", "staff reporter", "cnn", "bbc news", "dpa", "xinhua", "pa", "pa media",
	"upi", "efe", "ansa", "tass", "the associated press"}

// agencyByline recognises a byline without "By" that names a news
// agency after the author: "Jane Doe, Reuters", "Jane Doe | AP".
func agencyByline(t string) bool {
	i := strings.LastIndexAny(t, ",|")
	if i <= 0 || len(t) > 80 {
		return false
	}
	return isAgency(strings.TrimSpace(t[i+1:])) && looksLikeName(strings.TrimSpace(t[:i]))
}

func isAgency(n string) bool {
	l := strings.ToLower(n)
	for _, ag := range agencies {
		if l == ag {
			return true
		}
	}
	return false
}

// looksLikeName accepts one to five capitalised words.
func looksLikeName(n string) bool {
	words := strings.Fields(n)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && w != "van" && w != "von" && w != "de" && w != "der" && w != "da" && w != "al" && w != "bin" {
			return false
		}
	}
	return true
}

var (
	monthNames = map[string]time.Month{
		"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
		"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
		"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
	}
	// Dates as news pages print them. RE2 matches in linear time.
	dateMDY = regexp.MustCompile(`(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b`)
	dateDMY = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)? (jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,? (\d{4})\b`)
	dateISO = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	timeHM  = regexp.MustCompile(`(?i)\b(\d{1,2}):(\d{2})(?:\s*([ap])\.?m\.?)?`)
)

// findDate finds a calendar date, and the time of day when the line gives
// one, in a short line such as "Published August 13, 2025 at 9:24 pm".
// Times carry no zone: they are read as UTC.
func findDate(t string) (time.Time, bool) {
	var y, d int
	var m time.Month
	if g := dateMDY.FindStringSubmatch(t); g != nil {
		m = monthNames[strings.ToLower(g[1])]
		d, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	} else if g := dateDMY.FindStringSubmatch(t); g != nil {
		d, _ = strconv.Atoi(g[1])
		m = monthNames[strings.ToLower(g[2])]
		y, _ = strconv.Atoi(g[3])
	} else if g := dateISO.FindStringSubmatch(t); g != nil {
		y, _ = strconv.Atoi(g[1])
		mm, _ := strconv.Atoi(g[2])
		m = time.Month(mm)
		d, _ = strconv.Atoi(g[3])
	} else {
		return time.Time{}, false
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	hh, mm := 0, 0
	if g := timeHM.FindStringSubmatch(t); g != nil {
		hh, _ = strconv.Atoi(g[1])
		mm, _ = strconv.Atoi(g[2])
		switch strings.ToLower(g[3]) {
		case "p":
			if hh < 12 {
				hh += 12
			}
		case "a":
			if hh == 12 {
				hh = 0
			}
		}
		if hh > 23 || mm > 59 {
			hh, mm = 0, 0
		}
	}
	date := time.Date(y, m, d, hh, mm, 0, 0, time.UTC)
	if date.Day() != d {
		return time.Time{}, false // February 30th
	}
	return date, true
}
