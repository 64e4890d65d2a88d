package rouge

// This file is the Porter stemmer exactly as NLTK 3.8's PorterStemmer()
// runs it in its default NLTK_EXTENSIONS mode, which is what Google's
// rouge-score 0.1.2 calls with use_stemmer=True. It is written from the
// algorithm's definition (Porter 1980) plus NLTK's documented departures
// from it, because neither snowball's English stemmer (Porter2) nor a
// plain original-Porter implementation gives the same stems, and ROUGE
// figures only match the reference scorer when every stem does.
//
// NLTK's departures, all reproduced here:
//   - a fixed table of irregular forms ("skies"→"sky", "dying"→"die",
//     "news"→"news", "proceed"→"proceed", ...);
//   - words of one or two letters are returned unchanged;
//   - step 1a: a four-letter word in -ies keeps "ie" ("dies"→"die");
//   - step 1b: -ied becomes "ie" in four-letter words, "i" otherwise;
//   - step 1c: y→i only after a consonant that is not the first letter;
//   - *o (cvc) also holds for a two-letter vowel+consonant stem;
//   - step 2: -alli→-al is tried first and the result goes through
//     step 2 again; -bli→-ble replaces -abli→-able; -fulli→-ful and
//     -logi→-log (measure taken with the "l") are added.
//
// Like NLTK's rule lists, a step applies the first rule whose suffix
// matches and stops there even when that rule's condition fails.

// irregular maps NLTK's irregular forms to their stems.
var irregular = map[string]string{
	"skies": "sky", "sky": "sky",
	"dying": "die", "lying": "lie", "tying": "tie",
	"news":    "news",
	"innings": "inning", "inning": "inning",
	"outings": "outing", "outing": "outing",
	"cannings": "canning", "canning": "canning",
	"howe":    "howe",
	"proceed": "proceed", "exceed": "exceed", "succeed": "succeed",
}

// Stem returns the NLTK Porter stem of w, which must already be
// lowercase ASCII (rouge-score only stems [a-z0-9]+ tokens). Other bytes
// are treated as consonants, as NLTK treats any non-vowel character.
func Stem(w string) string {
	if s, ok := irregular[w]; ok {
		return s
	}
	if len(w) <= 2 {
		return w
	}
	w = step1a(w)
	w = step1b(w)
	w = step1c(w)
	w = step2(w)
	w = step3(w)
	w = step4(w)
	w = step5a(w)
	w = step5b(w)
	return w
}

// isConsonant reports whether w[i] is a consonant: not a, e, i, o, u,
// and a y only when it follows a vowel... or starts the word.
func isConsonant(w string, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		if i == 0 {
			return true
		}
		return !isConsonant(w, i-1)
	}
	return true
}

// measure is Porter's m: the number of vowel-run→consonant-run
// transitions ("vc" pairs in the word's c/v form).
func measure(w string) int {
	m := 0
	prevVowel := false
	for i := 0; i < len(w); i++ {
		c := isConsonant(w, i)
		if c && prevVowel {
			m++
		}
		prevVowel = !c
	}
	return m
}

func containsVowel(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isConsonant(w, i) {
			return true
		}
	}
	return false
}

func endsDoubleConsonant(w string) bool {
	n := len(w)
	return n >= 2 && w[n-1] == w[n-2] && isConsonant(w, n-1)
}

// endsCVC is Porter's *o condition, with NLTK's two-letter extension.
func endsCVC(w string) bool {
	n := len(w)
	if n >= 3 && isConsonant(w, n-3) && !isConsonant(w, n-2) && isConsonant(w, n-1) &&
		w[n-1] != 'w' && w[n-1] != 'x' && w[n-1] != 'y' {
		return true
	}
	return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1)
}

func hasSuffix(w, s string) bool { return len(w) >= len(s) && w[len(w)-len(s):] == s }

// rule is one suffix rewrite; cond sees the word with the suffix removed.
type rule struct {
	suffix, repl string
	cond         func(stem string) bool
}

// ruleSet is a step's rules bucketed by their suffix's last letter,
// each bucket in the step's order, so that a word is tried only against
// the rules that can match it: the first matching rule is the same.
type ruleSet [256][]rule

func bucket(rules []rule) *ruleSet {
	var rs ruleSet
	for _, r := range rules {
		last := r.suffix[len(r.suffix)-1]
		rs[last] = append(rs[last], r)
	}
	return &rs
}

// applyRules applies the first rule whose suffix w ends with, if its
// condition holds, and stops at that rule either way.
func applyRules(w string, rules *ruleSet) string {
	if w == "" {
		return w
	}
	for _, r := range rules[w[len(w)-1]] {
		if hasSuffix(w, r.suffix) {
			stem := w[:len(w)-len(r.suffix)]
			if r.cond == nil || r.cond(stem) {
				return stem + r.repl
			}
			return w
		}
	}
	return w
}

func positiveMeasure(s string) bool { return measure(s) > 0 }
func measureGT1(s string) bool      { return measure(s) > 1 }

var step1aRules = bucket([]rule{
	{"sses", "ss", nil},
	{"ies", "i", nil},
	{"ss", "ss", nil},
	{"s", "", nil},
})

func step1a(w string) string {
	if len(w) == 4 && hasSuffix(w, "ies") {
		return w[:1] + "ie"
	}
	return applyRules(w, step1aRules)
}

func step1b(w string) string {
	if hasSuffix(w, "ied") {
		if len(w) == 4 {
			return w[:1] + "ie"
		}
		return w[:len(w)-3] + "i"
	}
	if hasSuffix(w, "eed") {
		stem := w[:len(w)-3]
		if measure(stem) > 0 {
			return stem + "ee"
		}
		return w
	}
	var stem string
	ok := false
	for _, suf := range [...]string{"ed", "ing"} {
		if hasSuffix(w, suf) {
			stem = w[:len(w)-len(suf)]
			if containsVowel(stem) {
				ok = true
				break
			}
		}
	}
	if !ok {
		return w
	}
	switch {
	case hasSuffix(stem, "at"):
		return stem + "e"
	case hasSuffix(stem, "bl"):
		return stem + "e"
	case hasSuffix(stem, "iz"):
		return stem + "e"
	case endsDoubleConsonant(stem):
		// (*d and not (*L or *S or *Z)) → single letter; NLTK stops here
		// even when the letter is l, s or z.
		if last := stem[len(stem)-1]; last != 'l' && last != 's' && last != 'z' {
			return stem[:len(stem)-1]
		}
		return stem
	case measure(stem) == 1 && endsCVC(stem):
		return stem + "e"
	}
	return stem
}

func step1c(w string) string {
	if hasSuffix(w, "y") {
		stem := w[:len(w)-1]
		if len(stem) > 1 && isConsonant(stem, len(stem)-1) {
			return stem + "i"
		}
	}
	return w
}

var step2Rules = bucket([]rule{
	{"ational", "ate", positiveMeasure},
	{"tional", "tion", positiveMeasure},
	{"enci", "ence", positiveMeasure},
	{"anci", "ance", positiveMeasure},
	{"izer", "ize", positiveMeasure},
	{"bli", "ble", positiveMeasure},
	{"alli", "al", positiveMeasure},
	{"entli", "ent", positiveMeasure},
	{"eli", "e", positiveMeasure},
	{"ousli", "ous", positiveMeasure},
	{"ization", "ize", positiveMeasure},
	{"ation", "ate", positiveMeasure},
	{"ator", "ate", positiveMeasure},
	{"alism", "al", positiveMeasure},
	{"iveness", "ive", positiveMeasure},
	{"fulness", "ful", positiveMeasure},
	{"ousness", "ous", positiveMeasure},
	{"aliti", "al", positiveMeasure},
	{"iviti", "ive", positiveMeasure},
	{"biliti", "ble", positiveMeasure},
	{"fulli", "ful", positiveMeasure},
	// The "l" of -logi stays with the stem when measuring, so that short
	// stems such as "geo" and "theo" behave like "archaeo".
	{"logi", "log", func(stem string) bool { return positiveMeasure(stem + "l") }},
})

func step2(w string) string {
	if hasSuffix(w, "alli") && positiveMeasure(w[:len(w)-4]) {
		return step2(w[:len(w)-4] + "al")
	}
	return applyRules(w, step2Rules)
}

var step3Rules = bucket([]rule{
	{"icate", "ic", positiveMeasure},
	{"ative", "", positiveMeasure},
	{"alize", "al", positiveMeasure},
	{"iciti", "ic", positiveMeasure},
	{"ical", "ic", positiveMeasure},
	{"ful", "", positiveMeasure},
	{"ness", "", positiveMeasure},
})

func step3(w string) string { return applyRules(w, step3Rules) }

var step4Rules = bucket([]rule{
	{"al", "", measureGT1},
	{"ance", "", measureGT1},
	{"ence", "", measureGT1},
	{"er", "", measureGT1},
	{"ic", "", measureGT1},
	{"able", "", measureGT1},
	{"ible", "", measureGT1},
	{"ant", "", measureGT1},
	{"ement", "", measureGT1},
	{"ment", "", measureGT1},
	{"ent", "", measureGT1},
	{"ion", "", func(s string) bool {
		return measure(s) > 1 && (s[len(s)-1] == 's' || s[len(s)-1] == 't')
	}},
	{"ou", "", measureGT1},
	{"ism", "", measureGT1},
	{"ate", "", measureGT1},
	{"iti", "", measureGT1},
	{"ous", "", measureGT1},
	{"ive", "", measureGT1},
	{"ize", "", measureGT1},
})

func step4(w string) string { return applyRules(w, step4Rules) }

func step5a(w string) string {
	if hasSuffix(w, "e") {
		stem := w[:len(w)-1]
		m := measure(stem)
		if m > 1 || (m == 1 && !endsCVC(stem)) {
			return stem
		}
	}
	return w
}

func step5b(w string) string {
	// (m>1 and *d and *L) → single letter; NLTK measures the word less
	// one "l", not the stem less both.
	if hasSuffix(w, "ll") && measure(w[:len(w)-1]) > 1 {
		return w[:len(w)-1]
	}
	return w
}
