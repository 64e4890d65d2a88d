package page

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A shownDate is a date printed in the page's visible text.
type shownDate struct {
	t       time.Time
	afterH1 bool // printed after the start of the page's first <h1>
}

// monthNumbers are month names and their common abbreviations in the
// languages of the pages we measured on (English, German, French,
// Spanish, Italian, Portuguese, Dutch, Polish in the genitive that dates
// use), lower-cased.
var monthNumbers = func() map[string]int {
	m := map[string]int{}
	for i, names := range [12]string{
		"january jan januar janvier enero gennaio janeiro januari stycznia jänner",
		"february feb februar février fevrier febrero febbraio fevereiro februari lutego",
		"march mar märz maerz mars marzo março maart marca",
		"april apr avril abril aprile kwietnia",
		"may mai mayo maggio maio mei maja",
		"june jun juni juin junio giugno junho czerwca",
		"july jul juli juillet julio luglio julho lipca",
		"august aug août aout agosto augustus sierpnia",
		"september sep sept septembre septiembre settembre setembro września wrzesnia",
		"october oct oktober octobre octubre ottobre outubro okt października pazdziernika",
		"november nov novembre noviembre novembro listopada",
		"december dec dezember décembre decembre diciembre dicembre dezembro grudnia dez",
	} {
		for _, n := range strings.Fields(names) {
			m[n] = i + 1
		}
	}
	return m
}()

// shownDatePattern finds the date shapes pages print: 2022-01-25,
// 25.01.2022, 25/01/2022, "25. Januar 2022", "25 de enero de 2022",
// "January 25, 2022", "25 January 2022", and the short 25.01.22 that
// German forums and news sites print under a post. The short shape must
// have two digits in each part, so that versions and decimals ("1.5.2")
// are not read as dates.
var shownDatePattern = regexp.MustCompile(`(?i)\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b` +
	`|\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d)\b` +
	`|\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b` +
	`|\b(\d{1,2})\.?\s+(?:de\s+)?(\pL{3,12})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)\b` +
	`|\b(\pL{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b` +
	`|\b(\d\d)\.(\d\d)\.(\d\d)\b`)

// maxShownScan bounds the text shownDates reads, so huge pages stay
// linear and cheap: a page's own date is printed near its top.
const maxShownScan = 256 << 10

// shownDates returns up to limit dates printed in the page's visible
// text, in document order. usFirst reads 03/04/2022 as March 4 (pages
// in American English), otherwise as 3 April.
func shownDates(doc *html.Node, usFirst bool, limit int) []shownDate {
	var out []shownDate
	seenH1, scanned := false, 0
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && len(out) < limit && scanned < maxShownScan; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				scanned += len(c.Data)
				for _, ix := range shownDatePattern.FindAllStringSubmatchIndex(c.Data, -1) {
					if inNumber(c.Data, ix[0], ix[1]) {
						continue
					}
					m := make([]string, len(ix)/2)
					for k := range m {
						if ix[2*k] >= 0 {
							m[k] = c.Data[ix[2*k]:ix[2*k+1]]
						}
					}
					if t := readShownDate(m, usFirst); !t.IsZero() && len(out) < limit {
						out = append(out, shownDate{t: t, afterH1: seenH1})
					}
				}
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Select, atom.Svg, atom.Iframe:
					continue
				case atom.H1:
					seenH1 = true
				}
				if depth < 256 {
					walk(c, depth+1)
				}
			}
		}
	}
	walk(doc, 0)
	return out
}

// inNumber reports whether s[i:j] is part of a longer dotted, dashed
// or slashed number, such as a version ("1.2.2025.4") or a phone number,
// and so no date.
func inNumber(s string, i, j int) bool {
	isDigit := func(k int) bool { return k >= 0 && k < len(s) && s[k] >= '0' && s[k] <= '9' }
	sep := func(k int) bool { return k >= 0 && k < len(s) && (s[k] == '.' || s[k] == '-' || s[k] == '/') }
	return sep(i-1) && isDigit(i-2) || sep(j) && isDigit(j+1)
}

// readShownDate turns one shownDatePattern match into a date, the zero
// time when it is no real or plausible date.
func readShownDate(m []string, usFirst bool) time.Time {
	num := func(s string) int { n, _ := strconv.Atoi(s); return n }
	var y, mo, d int
	switch {
	case m[1] != "":
		y, mo, d = num(m[1]), num(m[2]), num(m[3])
	case m[4] != "":
		d, mo, y = num(m[4]), num(m[5]), num(m[6])
	case m[7] != "":
		a, b := num(m[7]), num(m[8])
		y = num(m[9])
		switch {
		case a > 12:
			d, mo = a, b
		case b > 12 || usFirst:
			mo, d = a, b
		default:
			d, mo = a, b
		}
	case m[10] != "":
		d, mo, y = num(m[10]), monthNumbers[strings.ToLower(m[11])], num(m[12])
	case m[13] != "":
		mo, d, y = monthNumbers[strings.ToLower(m[13])], num(m[14]), num(m[15])
	case m[16] != "":
		// Two-digit years are this century's: plausible() bounds them.
		d, mo, y = num(m[16]), num(m[17]), 2000+num(m[18])
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 April
		return time.Time{}
	}
	return plausible(t)
}
