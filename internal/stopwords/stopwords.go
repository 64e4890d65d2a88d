// Package stopwords holds byline's one English stop-word list, shared by
// every stage that drops function words (similarity, key phrases,
// summaries, quote ranking).
package stopwords

import (
	"iter"
	"slices"
)

// Is reports whether w, already lowercased, is an English stop word.
func Is(w string) bool {
	if !shape.May(w) {
		return false
	}
	_, ok := set[w]
	return ok
}

// shape rules out most content words without hashing them for the map.
var shape = NewShapes(slices.Values(words))

// Shapes records, for a word list, which (length up to 15, first byte)
// pairs its words have, so that most words outside the list are ruled
// out by two array reads, far cheaper than hashing them for a map
// look-up. Read-only after NewShapes, so safe for concurrent use.
type Shapes [16][256]bool

// NewShapes returns the shapes of words.
func NewShapes(words iter.Seq[string]) *Shapes {
	var s Shapes
	for w := range words {
		if w != "" {
			s[min(len(w), 15)][w[0]] = true
		}
	}
	return &s
}

// May reports whether w has the shape of one of the list's words; false
// means w is certainly not in it.
func (s *Shapes) May(w string) bool { return w != "" && s[min(len(w), 15)][w[0]] }

// List returns the stop words in alphabetical order.
func List() []string {
	out := make([]string, len(words))
	copy(out, words)
	return out
}

var set = func() map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}()

// words are function words, auxiliaries, pronouns and a few adverbs that
// carry no topic. Contractions appear without their apostrophe halves
// because the tokenizers that feed this list split at apostrophes
// inconsistently; both "don't" and "dont" are listed.
var words = []string{
	"a", "about", "above", "after", "again", "against", "ain", "all", "almost", "along", "already",
	"also", "although", "always", "am", "among", "an", "and", "another", "any", "anyone", "anything",
	"are", "aren", "aren't", "around", "as", "at", "be", "became", "because", "become", "been", "before",
	"being", "below", "between", "both", "but", "by", "can", "cannot", "could", "couldn", "couldn't",
	"d", "did", "didn", "didn't", "do", "does", "doesn", "doesn't", "doing", "don", "don't", "done",
	"down", "during", "each", "either", "else", "enough", "etc", "even", "ever", "every", "few",
	"for", "from", "further", "had", "hadn", "hadn't", "has", "hasn", "hasn't", "have", "haven",
	"haven't", "having", "he", "hence", "her", "here", "hers", "herself", "him", "himself", "his",
	"how", "however", "i", "if", "in", "into", "is", "isn", "isn't", "it", "it's", "its", "itself",
	"just", "ll", "m", "many", "may", "me", "might", "mightn", "more", "most", "much", "must", "mustn",
	"my", "myself", "neither", "no", "nor", "not", "now", "o", "of", "off", "often", "on", "once",
	"only", "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own",
	"per", "perhaps", "quite", "rather", "re", "s", "same", "shan", "she", "she's", "should",
	"shouldn", "shouldn't", "since", "so", "some", "such", "t", "than", "that", "that's", "the",
	"their", "theirs", "them", "themselves", "then", "there", "therefore", "these", "they", "this",
	"those", "though", "through", "thus", "to", "too", "toward", "towards", "under", "until", "up",
	"upon", "us", "ve", "very", "via", "was", "wasn", "wasn't", "we", "were", "weren", "weren't",
	"what", "whatever", "when", "whenever", "where", "whereas", "whether", "which", "while", "who",
	"whom", "whose", "why", "will", "with", "within", "without", "won", "won't", "would", "wouldn",
	"wouldn't", "y", "yet", "you", "you're", "your", "yours", "yourself", "yourselves",
}
