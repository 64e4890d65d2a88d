package quotes

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// This file is the PolNeAR scoring protocol of
// ../shared/data/quotes/README.md, shared by the evaluate CLI and the
// tests so that there is one implementation of it.

// A Unit is one scored quote unit: a quoted segment (byte offsets,
// end-exclusive, already shrunk to its core) and its speaker.
type Unit struct {
	Start, End   int
	HasSpeaker   bool
	Speaker      string
	SpeakerStart int
	SpeakerEnd   int
	Pronoun      bool // the gold speaker is a pronoun: only span overlap counts
	Speech       bool // a gold indirect unit whose cue is a plain reporting verb (SpeechCue)
}

// coreCut is the set stripped from both ends of every span.
const coreCut = " \t\n\"“”‘’'.,;:!?—–-()"

// Core shrinks [start, end) of text by stripping the protocol's
// characters at both ends; offsets stay in bytes.
func Core(text string, start, end int) (int, int) {
	start = max(start, 0)
	end = min(end, len(text))
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !strings.ContainsRune(coreCut, r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !strings.ContainsRune(coreCut, r) {
			break
		}
		end -= size
	}
	return start, end
}

// capToken is the README's [A-Z][\w'\-\.]+ with \w read as Unicode
// letters, digits and underscore, as the reference (Python) reads it.
var capToken = regexp.MustCompile(`[A-Z][\p{L}\p{N}_'\-\.]+`)

var protocolPronouns = map[string]bool{
	"he": true, "she": true, "they": true, "i": true, "we": true, "you": true, "it": true,
	"him": true, "her": true, "them": true, "us": true, "me": true, "his": true, "its": true,
	"their": true, "our": true, "my": true, "your": true,
}

func capTokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, m := range capToken.FindAllString(s, -1) {
		w := strings.Trim(strings.ToLower(m), ".,")
		if w != "" && !protocolPronouns[w] {
			out[w] = true
		}
	}
	return out
}

// SpeakerCorrect applies the protocol's speaker rules to a matched pair:
// for a named gold speaker the spans overlap or the strings share a
// capitalised token; for a pronoun the spans overlap.
func SpeakerCorrect(g, p Unit) bool {
	if !g.HasSpeaker || !p.HasSpeaker {
		return false
	}
	overlap := p.SpeakerStart < g.SpeakerEnd && g.SpeakerStart < p.SpeakerEnd
	if g.Pronoun || overlap {
		return overlap
	}
	gt := capTokens(g.Speaker)
	for w := range capTokens(p.Speaker) {
		if gt[w] {
			return true
		}
	}
	return false
}

// A Pair is a matched gold and predicted unit (indexes) and their Jaccard.
type Pair struct {
	Gold, Pred int
	Jaccard    float64
}

// Match scores every (gold, predicted) pair by the Jaccard of their byte
// intervals, sorts by it descending (stable, so ties keep gold-then-
// predicted order) and accepts pairs greedily when Jaccard >= 0.5 and
// neither side is taken.
func Match(gold, pred []Unit) []Pair {
	var pairs []Pair
	for gi, g := range gold {
		for pi, p := range pred {
			inter := min(g.End, p.End) - max(g.Start, p.Start)
			if inter <= 0 {
				continue
			}
			union := max(g.End, p.End) - min(g.Start, p.Start)
			if j := float64(inter) / float64(union); j >= 0.5 {
				pairs = append(pairs, Pair{gi, pi, j})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].Jaccard > pairs[b].Jaccard })
	gt, pt := map[int]bool{}, map[int]bool{}
	out := pairs[:0]
	for _, pr := range pairs {
		if gt[pr.Gold] || pt[pr.Pred] {
			continue
		}
		gt[pr.Gold], pt[pr.Pred] = true, true
		out = append(out, pr)
	}
	return out
}

// speechCue is the regular expression for a plain reporting
// cue, matched against the lowercased cue text.
var speechCue = regexp.MustCompile(`\b(say|says|said|saying|tell|tells|told|telling|add|adds|added|state|states|stated|note|notes|noted|according to|claim|claims|claimed|argue|argues|argued|announce|announces|announced|warn|warns|warned|explain|explains|explained|insist|insists|insisted|report|reports|reported|write|writes|wrote|ask|asks|asked|deny|denies|denied|suggest|suggests|suggested|acknowledge|acknowledges|acknowledged|respond|responds|responded|reply|replies|replied|confirm|confirms|confirmed|declare|declares|declared|assert|asserts|asserted|admit|admits|admitted|predict|predicts|predicted|urge|urges|urged|promise|promises|promised|recall|recalls|recalled|tweet|tweets|tweeted|testify|testified|contend|contends|contended|maintain|maintains|maintained)\b`)

// SpeechCue reports whether a gold cue is a plain reporting verb (said,
// told, according to, noted, …): the subset of PolNeAR's broad indirect
// attributions that reported speech proper makes up.
func SpeechCue(cue string) bool { return speechCue.MatchString(strings.ToLower(cue)) }

// A Tally accumulates the protocol's counts over documents.
type Tally struct {
	Documents  int
	Gold, Pred int
	Matched    int
	Speakers   int // matched pairs whose gold speaker is not null
	SpeakersOK int // of those, with a correct speaker (= attributed)

	// The gold units marked Speech, those of them matched, and those
	// matched with a correct speaker.
	Speech, SpeechMatched, SpeechOK int
}

// Add scores one document's units.
func (t *Tally) Add(gold, pred []Unit) {
	t.Documents++
	t.Gold += len(gold)
	t.Pred += len(pred)
	for _, g := range gold {
		if g.Speech {
			t.Speech++
		}
	}
	for _, pr := range Match(gold, pred) {
		t.Matched++
		g := gold[pr.Gold]
		if g.Speech {
			t.SpeechMatched++
		}
		if !g.HasSpeaker {
			continue
		}
		t.Speakers++
		if SpeakerCorrect(g, pred[pr.Pred]) {
			t.SpeakersOK++
			if g.Speech {
				t.SpeechOK++
			}
		}
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Quote returns quote precision, recall and F1 in percent.
func (t Tally) Quote() (p, r, f float64) {
	p, r = pct(t.Matched, t.Pred), pct(t.Matched, t.Gold)
	return p, r, f1(p, r)
}

// SpeakerAccuracy returns correct speakers over matched pairs with a
// gold speaker, in percent.
func (t Tally) SpeakerAccuracy() float64 { return pct(t.SpeakersOK, t.Speakers) }

// Attributed returns end-to-end precision, recall and F1 in percent: a
// matched pair counts only with a correct speaker.
func (t Tally) Attributed() (p, r, f float64) {
	p, r = pct(t.SpeakersOK, t.Pred), pct(t.SpeakersOK, t.Gold)
	return p, r, f1(p, r)
}

// SpeechRecall returns, in percent, the share of the Speech gold units
// that the matching took, and the share taken with a correct speaker.
func (t Tally) SpeechRecall() (matched, attributed float64) {
	return pct(t.SpeechMatched, t.Speech), pct(t.SpeechOK, t.Speech)
}
