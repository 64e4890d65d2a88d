// Package conlleval scores chunk taggers exactly as the CoNLL shared
// tasks' conlleval script (version 2004-01-26) does, and reads the
// CoNLL column format it consumes.
//
// Scoring works on tag strings, so IOB1, IOB2 and IOE tags are all
// chunked by the same rules: a chunk starts and ends where conlleval's
// startOfChunk and endOfChunk say, and a guessed chunk is correct only if
// its first token, last token and type all match a gold chunk.
package conlleval

import (
	"sort"
	"strings"
)

// Boundary is the word conlleval treats as a sentence break, like a blank line.
const Boundary = "-X-"

// Score is precision, recall and F1 (all in percent) and the chunk counts
// behind them.
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"support"` // chunks in the gold tags
	Guessed   int     `json:"guessed"` // chunks in the guessed tags
	Correct   int     `json:"correct"` // guessed chunks that match a gold chunk exactly
}

// Result is a whole evaluation: overall and per chunk type.
type Result struct {
	Score
	Tokens        int              `json:"tokens"`       // tokens scored (boundaries excluded)
	CorrectTags   int              `json:"correct_tags"` // tokens whose guessed tag equals the gold tag
	Accuracy      float64          `json:"accuracy"`     // CorrectTags/Tokens in percent
	Types         map[string]Score `json:"types"`        // per chunk type, e.g. "PER"
	SortedTypeIDs []string         `json:"-"`            // the types, sorted as conlleval prints them
}

// An Evaluator accumulates tagged tokens one by one, as conlleval reads
// its input lines. The zero value is not ready; use New. An Evaluator is
// not safe for concurrent use.
type Evaluator struct {
	inCorrect                        bool
	lastCorrect, lastGuessed         string
	lastCorrectType, lastGuessedType string
	correctChunk, foundCorrect       int
	foundGuessed, correctTags, toks  int
	perCorrect, perGold, perGuessed  map[string]int
}

// New returns an Evaluator at the start of its input.
func New() *Evaluator {
	return &Evaluator{
		lastCorrect: "O", lastGuessed: "O",
		perCorrect: map[string]int{}, perGold: map[string]int{}, perGuessed: map[string]int{},
	}
}

// Boundary records a sentence break (a blank line in conlleval's input).
func (e *Evaluator) Boundary() { e.Add(Boundary, "O", "O") }

// Add records one token: its word (only compared with Boundary), its gold
// tag and its guessed tag.
func (e *Evaluator) Add(word, correctTag, guessedTag string) {
	guessed, guessedType := splitTag(guessedTag)
	correct, correctType := splitTag(correctTag)
	if word == Boundary {
		// conlleval: sentence breaks are always counted as out of chunk.
		guessed = "O"
	}
	endC := endOfChunk(e.lastCorrect, correct, e.lastCorrectType, correctType)
	endG := endOfChunk(e.lastGuessed, guessed, e.lastGuessedType, guessedType)
	if e.inCorrect {
		if endC && endG && e.lastGuessedType == e.lastCorrectType {
			e.inCorrect = false
			e.correctChunk++
			e.perCorrect[e.lastCorrectType]++
		} else if endC != endG || guessedType != correctType {
			e.inCorrect = false
		}
	}
	startC := startOfChunk(e.lastCorrect, correct, e.lastCorrectType, correctType)
	startG := startOfChunk(e.lastGuessed, guessed, e.lastGuessedType, guessedType)
	if startC && startG && guessedType == correctType {
		e.inCorrect = true
	}
	if startC {
		e.foundCorrect++
		e.perGold[correctType]++
	}
	if startG {
		e.foundGuessed++
		e.perGuessed[guessedType]++
	}
	if word != Boundary {
		if correct == guessed && guessedType == correctType {
			e.correctTags++
		}
		e.toks++
	}
	e.lastGuessed, e.lastCorrect = guessed, correct
	e.lastGuessedType, e.lastCorrectType = guessedType, correctType
}

// Result returns the scores of everything added so far. It does not
// change the Evaluator, so more tokens may follow.
func (e *Evaluator) Result() Result {
	correct := e.correctChunk
	perCorrect := make(map[string]int, len(e.perCorrect)+1)
	for k, v := range e.perCorrect {
		perCorrect[k] = v
	}
	if e.inCorrect {
		// conlleval closes a chunk still open at the end of input.
		correct++
		perCorrect[e.lastCorrectType]++
	}
	r := Result{
		Score:       score(correct, e.foundCorrect, e.foundGuessed),
		Tokens:      e.toks,
		CorrectTags: e.correctTags,
		Types:       map[string]Score{},
	}
	if e.toks > 0 {
		r.Accuracy = 100 * float64(e.correctTags) / float64(e.toks)
	}
	seen := map[string]bool{}
	for _, m := range []map[string]int{e.perGold, e.perGuessed} {
		for t := range m {
			if !seen[t] {
				seen[t] = true
				r.SortedTypeIDs = append(r.SortedTypeIDs, t)
			}
		}
	}
	sort.Strings(r.SortedTypeIDs)
	for _, t := range r.SortedTypeIDs {
		r.Types[t] = score(perCorrect[t], e.perGold[t], e.perGuessed[t])
	}
	return r
}

func score(correct, gold, guessed int) Score {
	s := Score{Gold: gold, Guessed: guessed, Correct: correct}
	if guessed > 0 {
		s.Precision = 100 * float64(correct) / float64(guessed)
	}
	if gold > 0 {
		s.Recall = 100 * float64(correct) / float64(gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// splitTag splits "B-PER" into "B" and "PER" at the first hyphen, as
// conlleval's /^([^-]*)-(.*)$/ does; a tag without a hyphen has no type.
func splitTag(t string) (tag, typ string) {
	if i := strings.IndexByte(t, '-'); i >= 0 {
		tag, typ = t[:i], t[i+1:]
	} else {
		tag = t
	}
	if typ == "0" {
		// conlleval's `$type ? $type : ""` turns the type "0" into "".
		typ = ""
	}
	return tag, typ
}

// endOfChunk reports whether a chunk ended between the previous token and
// this one; the rules are conlleval's, line for line.
func endOfChunk(prevTag, tag, prevType, typ string) bool {
	end := false
	switch {
	case prevTag == "B" && tag == "B",
		prevTag == "B" && tag == "O",
		prevTag == "I" && tag == "B",
		prevTag == "I" && tag == "O",
		prevTag == "E" && tag == "E",
		prevTag == "E" && tag == "I",
		prevTag == "E" && tag == "O":
		end = true
	}
	if prevTag != "O" && prevTag != "." && prevType != typ {
		end = true
	}
	// conlleval, corrected 1998-12-22: these chunks have length 1.
	if prevTag == "]" || prevTag == "[" {
		end = true
	}
	return end
}

// startOfChunk reports whether a chunk starts at this token; the rules
// are conlleval's, line for line.
func startOfChunk(prevTag, tag, prevType, typ string) bool {
	start := false
	switch {
	case prevTag == "B" && tag == "B",
		prevTag == "I" && tag == "B",
		prevTag == "O" && tag == "B",
		prevTag == "O" && tag == "I",
		prevTag == "E" && tag == "E",
		prevTag == "E" && tag == "I",
		prevTag == "O" && tag == "E":
		start = true
	}
	if tag != "O" && tag != "." && prevType != typ {
		start = true
	}
	if tag == "[" || tag == "]" {
		start = true
	}
	return start
}
