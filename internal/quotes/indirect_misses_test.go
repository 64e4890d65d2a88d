package quotes

import (
	"flag"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/shareddata"
	"github.com/byline-nlp/byline/internal/text"
)

// Study the indirect stage's errors by 5-fold cross-validation on
// PolNeAR train (never dev): every gold indirect unit with a plain
// reporting cue that the fold's model misses is put in one category, and
// every kept clause that matches no gold unit is counted by its cue word.
//
//	go test ./internal/quotes -run TestIndirectMisses -quotes.indirect-misses
//
// It prints counts and a few examples; it changes nothing.
var (
	indirectMisses = flag.Bool("quotes.indirect-misses", false, "print the indirect stage's cross-validated errors on PolNeAR train")
	// the operating point studied (the shipped one, unless told)
	missTh       = flag.Float64("quotes.misses-th", 0.30, "threshold for -quotes.indirect-misses")
	missSpeechTh = flag.Float64("quotes.misses-speech-th", 0.10, "plain reporting cues' threshold for -quotes.indirect-misses")
	missCueMin   = flag.Float64("quotes.misses-cue-min", 0.22, "least cue prior for -quotes.indirect-misses")
	missNoAdj    = flag.Bool("quotes.misses-skip-adjectival", true, "pass over adjectival cues in -quotes.indirect-misses")
)

// Miss categories, in the order they are tested.
var missCategories = []string{
	"no gold cue",
	"cue taken by a quotation-mark quote",
	"cue not proposing (prior below the first filter or adjectival)",
	"cue proposing no clause",
	"clause boundary wrong (every clause of the cue has Jaccard < 0.5)",
	"  of which the gold runs over more than one sentence",
	"right clause below the threshold",
	"right clause kept but lost (another clause of the cue, or a duplicate)",
	"right clause kept but matched elsewhere",
}

func TestIndirectMisses(t *testing.T) {
	if !*indirectMisses {
		t.Skip("run with -quotes.indirect-misses to study the errors")
	}
	docs := loadIndirectDocs(t, shareddata.Path(t, "quotes/polnear/train.jsonl"))
	const folds = 5
	th, speechTh, cueMin, noAdj := *missTh, *missSpeechTh, *missCueMin, *missNoAdj
	count := map[string]int{}
	examples := map[string][]string{}
	lowPrior, noClause, falsePos := map[string]int{}, map[string]int{}, map[string]int{}
	cueWords, lostTo := map[string]int{}, map[string]int{}
	speech := 0
	var pooled Tally
	for f := 0; f < folds; f++ {
		trainSet := func(i int) bool { return i%folds != f }
		xs, ys, pairs, table := indirectExamples(docs, trainSet)
		m := trainIndirectModel(xs, ys)
		lex := cueLexicon(docs, trainSet)
		for _, s := range scoreIndirectDocs(docs, func(i int) bool { return i%folds == f }, lex, table, m, trainClauseRanker(xs, pairs)) {
			x := s.d.x
			var pass []indirectCand
			for j, c := range s.cands {
				if s.prior[j] >= cueMin && !(noAdj && s.adj[j]) {
					pass = append(pass, c)
				}
			}
			kept := pickIndirect(nil, append([]indirectCand(nil), pass...), th, speechTh)
			var pred []Unit
			for _, q := range x.indirectQuotes(nil, kept) {
				u := Unit{}
				u.Start, u.End = Core(x.body, q.Span.Start, q.Span.End)
				if q.Speaker != "" {
					u.HasSpeaker, u.Speaker, u.SpeakerStart, u.SpeakerEnd = true, q.Speaker, q.SpeakerSpan.Start, q.SpeakerSpan.End
				}
				pred = append(pred, u)
			}
			pooled.Add(s.d.gold, pred)
			matchedGold, matchedPred := map[int]bool{}, map[int]bool{}
			for _, pr := range Match(s.d.gold, pred) {
				matchedGold[pr.Gold], matchedPred[pr.Pred] = true, true
			}
			for pi, c := range kept {
				if !matchedPred[pi] {
					falsePos[x.lw(c.cue)]++
				}
			}
			taken := map[int]bool{}
			for _, q := range s.d.direct {
				if q.CueSpan.Start >= 0 {
					taken[q.CueSpan.Start] = true
				}
			}
			for gi, g := range s.d.gold {
				if !g.Speech {
					continue
				}
				speech++
				cue := s.d.goldCue[gi]
				if cue.Start >= 0 {
					cueWords[strings.ToLower(cue.Of(x.body))]++
				}
				if matchedGold[gi] {
					continue
				}
				onCue := func(c indirectCand) bool {
					st := x.toks[c.cue].Start
					return st >= cue.Start && st < cue.End
				}
				good := func(c indirectCand) bool {
					a, b := Core(x.body, c.content.Start, c.content.End)
					return jaccard(text.Span{Start: a, End: b}, text.Span{Start: g.Start, End: g.End}) >= 0.5
				}
				var best *indirectCand
				cat := ""
				switch {
				case cue.Start < 0:
					cat = missCategories[0]
				case cueTaken(x, taken, cue):
					cat = missCategories[1]
				}
				if cat == "" {
					var all, passing []indirectCand
					for _, c := range s.cands {
						if onCue(c) {
							all = append(all, c)
						}
					}
					for _, c := range pass {
						if onCue(c) {
							passing = append(passing, c)
						}
					}
					switch {
					case len(all) == 0:
						cat = missCategories[3]
						noClause[strings.ToLower(cue.Of(x.body))]++
					case len(passing) == 0:
						cat = missCategories[2]
						lowPrior[strings.ToLower(cue.Of(x.body))]++
					default:
						var right []indirectCand
						for _, c := range passing {
							if good(c) {
								right = append(right, c)
							}
						}
						if len(right) == 0 {
							cat = missCategories[4]
							if x.doc.SentenceAt(g.Start) != x.doc.SentenceAt(max(g.Start, g.End-1)) {
								count[missCategories[5]]++
							}
							best = &passing[0]
							for i := range passing {
								if passing[i].prob > best.prob {
									best = &passing[i]
								}
							}
						} else {
							sort.Slice(right, func(a, b int) bool { return right[a].prob > right[b].prob })
							best = &right[0]
							switch {
							case best.prob < th && !(best.speech && best.prob >= speechTh):
								cat = missCategories[6]
							default:
								isKept := false
								for _, k := range kept {
									if k.cue == best.cue && k.content == best.content {
										isKept = true
									}
								}
								if isKept {
									cat = missCategories[8]
								} else {
									cat = missCategories[7]
									for _, k := range kept {
										if k.cue == best.cue || jaccard(k.content, best.content) >= 0.5 {
											w := "other cue"
											if k.cue == best.cue {
												w = "same cue"
											}
											lostTo[fmt.Sprintf("%s: shape %d end %d over shape %d end %d", w, k.shape, k.end, best.shape, best.end)]++
											if count[cat]%7 == 0 && len(examples[cat]) < 12 {
												examples[cat] = append(examples[cat], "beaten by: "+missExample(x, g, cue, &k))
											}
											break
										}
									}
								}
							}
						}
					}
				}
				count[cat]++
				if len(examples[cat]) < 12 && count[cat]%7 == 1 {
					examples[cat] = append(examples[cat], missExample(x, g, cue, best))
				}
			}
		}
	}
	p, r, f1 := pooled.Quote()
	sr, sa := pooled.SpeechRecall()
	t.Logf("pooled CV: indirect P %.1f R %.1f F1 %.1f; speech recall %.1f attributed %.1f (of %d)", p, r, f1, sr, sa, speech)
	for _, c := range missCategories {
		t.Logf("%5d  %s", count[c], c)
	}
	for _, c := range missCategories {
		for _, e := range examples[c] {
			t.Logf("[%s] %s", c, e)
		}
	}
	t.Logf("missed with no clause, by cue: %s", top(noClause, 25))
	t.Logf("missed below the first filter, by cue: %s", top(lowPrior, 25))
	t.Logf("false positives by cue word: %s", top(falsePos, 40))
	t.Logf("lost to: %s", top(lostTo, 20))
	t.Logf("speech cues: %s", top(cueWords, 25))
}

// cueTaken reports whether a gold cue is the cue of a quotation-mark
// quote.
func cueTaken(x *quoteExtractor, taken map[int]bool, cue text.Span) bool {
	for k := x.tokAt(cue.Start); k < len(x.toks) && x.toks[k].Start < cue.End; k++ {
		if taken[x.toks[k].Start] {
			return true
		}
	}
	return false
}

// missExample shows the sentence(s) around gold unit g with the gold
// content in «», its cue in ⟨⟩ and the best clause in [].
func missExample(x *quoteExtractor, g Unit, cue text.Span, best *indirectCand) string {
	lo, hi := g.Start, g.End
	if cue.Start >= 0 {
		lo, hi = min(lo, cue.Start), max(hi, cue.End)
	}
	if best != nil {
		lo, hi = min(lo, best.content.Start), max(hi, best.content.End)
	}
	if si := x.doc.SentenceAt(lo); si >= 0 {
		lo = x.doc.Sentences[si].Span.Start
	}
	if si := x.doc.SentenceAt(max(lo, hi-1)); si >= 0 {
		hi = x.doc.Sentences[si].Span.End
	}
	type mark struct {
		at int
		s  string
	}
	marks := []mark{{g.Start, "«"}, {g.End, "»"}}
	if cue.Start >= 0 {
		marks = append(marks, mark{cue.Start, "⟨"}, mark{cue.End, "⟩"})
	}
	if best != nil {
		marks = append(marks, mark{best.content.Start, "["}, mark{best.content.End, "]"})
	}
	sort.SliceStable(marks, func(a, b int) bool { return marks[a].at < marks[b].at })
	var b strings.Builder
	at := lo
	for _, m := range marks {
		if m.at < lo || m.at > hi {
			continue
		}
		b.WriteString(x.body[at:m.at])
		b.WriteString(m.s)
		at = m.at
	}
	b.WriteString(x.body[at:hi])
	s := strings.ReplaceAll(b.String(), "\n", " ")
	if best != nil {
		s += fmt.Sprintf("  (p %.2f shape %d end %d)", best.prob, best.shape, best.end)
	}
	return s
}

// top formats the n commonest keys of m.
func top(m map[string]int, n int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if m[keys[a]] != m[keys[b]] {
			return m[keys[a]] > m[keys[b]]
		}
		return keys[a] < keys[b]
	})
	var b strings.Builder
	for i, k := range keys {
		if i == n {
			break
		}
		fmt.Fprintf(&b, "%q %d, ", k, m[k])
	}
	return b.String()
}
