package entity

import (
	"strings"

	"github.com/byline-nlp/byline/internal/ner"
	"github.com/byline-nlp/byline/internal/text"
)

// placeHeads end names of places and buildings that are often named
// after people ("Nelson Mandela Square").
var placeHeads = map[string]bool{
	"street": true, "st": true, "st.": true, "road": true, "avenue": true, "square": true, "bridge": true,
	"park": true, "station": true, "airport": true, "hall": true, "house": true, "tower": true,
	"stadium": true, "arena": true, "theatre": true, "theater": true, "river": true, "lake": true,
	"island": true, "islands": true, "valley": true, "county": true, "city": true, "bay": true,
	"prize": true, "award": true, "cup": true, "trophy": true, "boulevard": true, "lane": true,
}

// miscHeads end names of events and works, which CoNLL calls MISC
// ("Eras Tour", "Venice Film Festival").
var miscHeads = map[string]bool{
	"tour": true, "festival": true, "awards": true, "olympics": true, "championships": true,
	"championship": true, "cup": true, "prize": true, "trophy": true, "games": true, "expo": true,
}

// retypeByHead makes organisations of names whose last word only ever
// ends an organisation's name, and events of people and places whose
// last word ends an event's.
func retypeByHead(doc *text.Document, tags []string) []string {
	for _, s := range tagSpans(tags) {
		if (s.typ == "PER" || s.typ == "LOC") && s.end-s.start >= 2 && text.LookupLower(miscHeads, doc.Tokens[s.end-1].Text) {
			setSpan(tags, s.start, s.end, "MISC")
			continue
		}
		if s.typ == "ORG" || s.end-s.start < 2 || !text.LookupLower(orgTypeHeads, doc.Tokens[s.end-1].Text) {
			continue
		}
		setSpan(tags, s.start, s.end, "ORG")
	}
	return tags
}

// platformX tags "X", the social network formerly called Twitter, which
// the tagger cannot know: a lone capital X after "on" or "via" following
// a verb of saying or posting ("wrote on X"), after "platform", or
// glossed as formerly Twitter.
func platformX(doc *text.Document, tags []string) []string {
	toks := doc.Tokens
	for i, t := range toks {
		if t.Text != "X" || tags[i] != "O" {
			continue
		}
		low := func(k int) string {
			if k < 0 || k >= len(toks) {
				return ""
			}
			return strings.ToLower(CanonWord(toks[k].Text))
		}
		ok := false
		switch {
		case (low(i-1) == "on" || low(i-1) == "via") && postVerbs[low(i-2)]:
			ok = true
		case low(i-1) == "platform" || low(i-1) == "site" && low(i-2) == "social":
			ok = true
		case (low(i+1) == "," || low(i+1) == "(") && low(i+2) == "formerly" && low(i+3) == "twitter":
			ok = true
		case (low(i-1) == "on" || low(i-1) == "via") && (low(i+1) == "," || low(i+1) == "that" || low(i+1) == ":") && (low(i-2) == "posts" || low(i-2) == "post" || low(i-2) == "statement" || low(i-2) == "message" || low(i-2) == "video"):
			ok = true
		}
		if ok {
			tags[i] = "B-ORG"
			if i+1 < len(tags) && strings.HasPrefix(tags[i+1], "I-") {
				tags[i+1] = "B-" + tags[i+1][2:]
			}
		}
	}
	return tags
}

// postVerbs are verbs of saying and posting that take "on X".
var postVerbs = map[string]bool{
	"said": true, "says": true, "wrote": true, "writes": true, "posted": true, "posts": true, "post": true,
	"remarked": true, "commented": true, "announced": true, "shared": true, "stated": true, "tweeted": true,
	"published": true, "replied": true, "responded": true, "added": true, "warned": true, "claimed": true,
	"declared": true, "statement": true, "message": true, "video": true, "wrote:": true, "posting": true,
	"writing": true, "saying": true, "announcing": true, "reacted": true,
}

// listsAsPlaces types as places the one-word organisations in a list
// of one-word names that holds a place: "in Rathfarnham, Dundrum and
// Tallaght" tagged LOC, ORG, ORG. Acronyms ("NATO") keep their type.
func listsAsPlaces(doc *text.Document, tags []string) []string {
	spans := tagSpans(tags)
	for a := 0; a < len(spans); {
		b := a + 1
		for b < len(spans) && listGap(doc, spans[b-1].end, spans[b].start) {
			b++
		}
		if b-a >= 3 && strings.Contains(gapText(doc, spans[b-2].end, spans[b-1].start), "and") || b-a >= 3 && strings.Contains(gapText(doc, spans[b-2].end, spans[b-1].start), "or") {
			hasLoc, single := false, true
			for _, s := range spans[a:b] {
				hasLoc = hasLoc || s.typ == "LOC"
				single = single && s.end-s.start == 1
			}
			if hasLoc && single {
				for _, s := range spans[a:b] {
					if s.typ == "ORG" && !isAcronym(doc.Tokens[s.start].Text) {
						setSpan(tags, s.start, s.end, "LOC")
					}
				}
			}
		}
		a = b
	}
	// "in Thika and Machakos": two one-word names after "in" or "near",
	// one of them a place, are both places. ("between" and "from" are
	// left out: "between Italy and Juventus" pairs a country and a club,
	// and cost CoNLL dev F1.)
	spans = tagSpans(tags)
	for x := 0; x+1 < len(spans); x++ {
		s, n := spans[x], spans[x+1]
		if s.end-s.start != 1 || n.end-n.start != 1 || n.start != s.end+1 || doc.Tokens[s.end].Text != "and" ||
			s.start == 0 || !placePrepositions[doc.Tokens[s.start-1].Text] || (s.typ == "LOC") == (n.typ == "LOC") {
			continue
		}
		for _, o := range []tagSpan{s, n} {
			if o.typ == "ORG" && !isAcronym(doc.Tokens[o.start].Text) {
				setSpan(tags, o.start, o.end, "LOC")
			}
		}
	}
	// "Lockerbie, Scotland": a one-word name, a comma and a place that
	// ends the phrase is a town.
	spans = tagSpans(tags)
	for x := 0; x+1 < len(spans); x++ {
		s, n := spans[x], spans[x+1]
		if s.typ != "ORG" || s.end-s.start != 1 || n.typ != "LOC" || n.start != s.end+1 || doc.Tokens[s.end].Text != "," || isAcronym(doc.Tokens[s.start].Text) {
			continue
		}
		if n.end < len(doc.Tokens) && doc.Tokens[n.end].Kind != text.Punct {
			continue
		}
		setSpan(tags, s.start, s.end, "LOC")
	}
	return tags
}

// placePrepositions place what follows them, for the pair rule of
// listsAsPlaces.
var placePrepositions = map[string]bool{"in": true, "near": true}

func gapText(doc *text.Document, from, to int) string {
	var b strings.Builder
	for k := from; k < to; k++ {
		b.WriteString(doc.Tokens[k].Text)
		b.WriteByte(' ')
	}
	return b.String()
}

// listGap reports whether tokens [from, to) join two items of a list:
// ",", "and", "or", ", and".
func listGap(doc *text.Document, from, to int) bool {
	switch to - from {
	case 1:
		w := doc.Tokens[from].Text
		return w == "," || w == "and" || w == "or"
	case 2:
		w := doc.Tokens[from+1].Text
		return doc.Tokens[from].Text == "," && (w == "and" || w == "or")
	}
	return false
}

// orgNouns are common nouns that name what an organisation is; a name
// right after one is that organisation ("the consultancy Pampa Macro",
// "Nairobi startup Safari Volt").
var orgNouns = map[string]bool{
	"consultancy": true, "firm": true, "company": true, "startup": true, "start-up": true,
	"lender": true, "insurer": true, "broadcaster": true, "newspaper": true, "publisher": true,
	"carrier": true, "airline": true, "retailer": true, "carmaker": true, "automaker": true,
	"chipmaker": true, "charity": true, "nonprofit": true, "non-profit": true, "conglomerate": true,
	"supermarket": true, "outlet": true, "daily": true, "tabloid": true, "app": true, "platform": true,
	"manufacturer": true, "developer": true, "operator": true, "utility": true, "bank": true,
}

// geoNouns follow a place's name in lower case, at most one word
// between ("the Vaca Muerta shale field", "the Mithi river").
var geoNouns = map[string]bool{
	"field": true, "basin": true, "river": true, "valley": true, "region": true, "province": true,
	"district": true, "mountains": true, "desert": true, "coast": true, "peninsula": true,
	"island": true, "lake": true, "sea": true, "neighbourhood": true, "neighborhood": true,
	"suburb": true, "township": true, "county": true, "estuary": true, "delta": true, "creek": true,
}

// placeTypeHeads end only the names of places and roads.
var placeTypeHeads = map[string]bool{
	"street": true, "road": true, "avenue": true, "square": true, "boulevard": true, "station": true,
	"airport": true, "stadium": true, "subway": true, "underpass": true, "flyover": true,
	"expressway": true, "highway": true, "motorway": true, "freeway": true, "junction": true,
	"river": true, "valley": true, "province": true, "district": true, "peninsula": true,
}

// compass words before "of" place a town: "north of Lyon".
var compassWords = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northeast": true, "northwest": true,
	"southeast": true, "southwest": true, "outskirts": true, "suburbs": true, "outside": true,
}

// retypeByContext types a name by the common noun written beside it: an
// organisation noun before it, a geographic noun after it or a road or
// place noun ending it, a compass point and "of" before it.
func retypeByContext(doc *text.Document, tags []string) []string {
	toks := doc.Tokens
	low := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return strings.ToLower(toks[k].Text)
	}
	for _, s := range tagSpans(tags) {
		last := low(s.end - 1)
		switch {
		case s.typ != "ORG" && orgNouns[low(s.start-1)] && isLowerWord(toks[s.start-1].Text):
			setSpan(tags, s.start, s.end, "ORG")
		case s.typ != "ORG" && appositiveOrg(doc, s.end):
			setSpan(tags, s.start, s.end, "ORG")
		case (s.typ == "ORG" || s.typ == "PER") && s.end < len(toks) && isLowerWord(toks[s.end].Text) &&
			(geoNouns[low(s.end)] || geoNouns[low(s.end+1)] && s.end+1 < len(toks) && isLowerWord(toks[s.end+1].Text)):
			setSpan(tags, s.start, s.end, "LOC")
		case (s.typ == "ORG" || s.typ == "PER") && s.end-s.start >= 2 && placeTypeHeads[last] && !(s.typ == "PER" && s.end-s.start == 2 && ner.IsGivenName(toks[s.start].Text)):
			setSpan(tags, s.start, s.end, "LOC")
		case (s.typ == "ORG" || s.typ == "PER") && s.end-s.start == 1 && low(s.start-1) == "of" && compassWords[low(s.start-2)]:
			setSpan(tags, s.start, s.end, "LOC")
		}
	}
	return tags
}

// appositiveOrg reports whether the tokens from i say what a name is:
// ", a Nairobi company that", ", the lender, said". The organisation noun
// must head its phrase ("a company spokesman" is a person).
func appositiveOrg(doc *text.Document, i int) bool {
	toks := doc.Tokens
	if i+2 >= len(toks) || toks[i].Text != "," {
		return false
	}
	switch strings.ToLower(toks[i+1].Text) {
	case "a", "an", "the":
	default:
		return false
	}
	for k := i + 2; k < len(toks) && k <= i+5; k++ {
		w := strings.ToLower(toks[k].Text)
		if !orgNouns[w] || !isLowerWord(toks[k].Text) {
			if toks[k].Kind == text.Punct {
				return false
			}
			continue
		}
		if k+1 == len(toks) || toks[k+1].Kind == text.Punct {
			return true
		}
		switch strings.ToLower(toks[k+1].Text) {
		case "that", "which", "whose", "founded", "based", "in", "with", "backed", "run", "owned", "set", "from", "headquartered":
			return true
		}
		return false
	}
	return false
}

// recentOrgs and recentProducts are companies, platforms and products
// that became news after the tagger's 1996 training text, written as
// they are; the tagger misses them or takes them for people and places
// ("Tesla would cut prices", "Shares of Nvidia rose"). Words that are
// also common words or places ("Meta" aside: it is capitalised only as
// the firm), such as Signal, Threads, Amazon or Zoom, are left out.
var recentOrgs = map[string]bool{
	"OpenAI": true, "Anthropic": true, "DeepMind": true, "Nvidia": true, "Tesla": true, "SpaceX": true,
	"Meta": true, "TikTok": true, "ByteDance": true, "Huawei": true, "Xiaomi": true, "Alibaba": true,
	"Tencent": true, "Baidu": true, "Netflix": true, "Spotify": true, "Uber": true, "Lyft": true,
	"Airbnb": true, "Facebook": true, "Instagram": true, "WhatsApp": true, "YouTube": true, "Twitter": true,
	"Telegram": true, "Snapchat": true, "LinkedIn": true, "Reddit": true, "Bluesky": true, "Google": true,
	"Alphabet": true, "Microsoft": true, "PayPal": true, "Coinbase": true, "Binance": true, "Palantir": true,
	"Shein": true, "Temu": true, "Starlink": true, "Moderna": true, "BioNTech": true, "Pfizer": true,
	"AstraZeneca": true, "Novavax": true, "Rivian": true, "BYD": true, "Stellantis": true, "Aramco": true,
	"Hezbollah": true, "Hamas": true, "Houthis": true, "Taliban": true,
}

var recentProducts = map[string]bool{
	"ChatGPT": true, "iPhone": true, "iPad": true, "Android": true, "Bitcoin": true, "Ethereum": true,
	"Covid-19": true, "COVID-19": true, "Brexit": true, "Copilot": true,
}

// recentNames types one-word names from recentOrgs and recentProducts
// when the tagger left them out or gave them another type. A name inside
// a longer span ("Nikola Tesla") is the tagger's reading and stays.
func recentNames(doc *text.Document, tags []string, r Repairs) []string {
	for i, t := range doc.Tokens {
		typ := ""
		switch {
		case recentOrgs[t.Text] && r&RecentOrgs != 0:
			typ = "ORG"
		case recentProducts[t.Text] && r&RecentProducts != 0:
			typ = "MISC"
		default:
			continue
		}
		alone := (tags[i] == "O" || strings.HasPrefix(tags[i], "B-")) && (i+1 == len(tags) || !strings.HasPrefix(tags[i+1], "I-"))
		if !alone || tags[i] == "B-"+typ {
			continue
		}
		tags[i] = "B-" + typ
	}
	return tags
}
