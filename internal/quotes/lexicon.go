// Package quotes holds the word lists and the learned weights behind
// byline's quote extraction (quotes.go in the root package). It is kept
// apart so that the lists can grow and the weights can be retrained
// without touching the extraction logic.
package quotes

import (
	"maps"

	"github.com/byline-nlp/byline/internal/stopwords"
)

// CueClass says how a reporting verb attaches its speaker and content.
type CueClass uint8

// Cue classes.
const (
	NotCue    CueClass = iota
	Speech             // said, added, insisted: subject speaks, may invert ("said the minister")
	Addressed          // told, asked: subject speaks to an object ("she told reporters")
	Naming             // called, dubbed, described: names something with a quoted label
	Source             // according (to): the speaker follows the cue
	Written            // read, reads: a document speaks ("the sign read")
)

// Cue returns the class of the lowercased word w as a reporting verb.
func Cue(w string) CueClass {
	if !cueShapes.May(w) {
		return NotCue
	}
	return cues[w]
}

// cueShapes and particleShapes rule out most words before the map look-up.
var cueShapes, particleShapes = stopwords.NewShapes(maps.Keys(cues)), stopwords.NewShapes(maps.Keys(particles))

// cues are the reporting verbs in the inflections news uses. The list
// was written from the cue words most frequent in PolNeAR train (the
// data's README names the corpus); only the verb list is kept, no text.
var cues = func() map[string]CueClass {
	m := map[string]CueClass{}
	add := func(c CueClass, ws ...string) {
		for _, w := range ws {
			m[w] = c
		}
	}
	add(Speech,
		"say", "says", "said", "saying",
		"add", "adds", "added", "adding",
		"write", "writes", "wrote", "writing",
		"state", "states", "stated", "stating",
		"note", "notes", "noted", "noting",
		"explain", "explains", "explained", "explaining",
		"continue", "continues", "continued", "continuing",
		"respond", "responds", "responded", "responding",
		"reply", "replies", "replied", "replying",
		"declare", "declares", "declared", "declaring",
		"insist", "insists", "insisted", "insisting",
		"argue", "argues", "argued", "arguing",
		"warn", "warns", "warned", "warning",
		"claim", "claims", "claimed", "claiming",
		"tweet", "tweets", "tweeted", "tweeting",
		"post", "posted",
		"recall", "recalls", "recalled", "recalling",
		"admit", "admits", "admitted", "admitting",
		"acknowledge", "acknowledges", "acknowledged", "acknowledging",
		"announce", "announces", "announced", "announcing",
		"conclude", "concludes", "concluded", "concluding",
		"suggest", "suggests", "suggested", "suggesting",
		"promise", "promises", "promised", "promising",
		"pledge", "pledges", "pledged", "pledging",
		"vow", "vows", "vowed", "vowing",
		"assert", "asserts", "asserted", "asserting",
		"maintain", "maintains", "maintained",
		"contend", "contends", "contended",
		"counter", "counters", "countered",
		"remark", "remarks", "remarked",
		"observe", "observes", "observed",
		"comment", "comments", "commented",
		"joke", "jokes", "joked", "joking",
		"quip", "quips", "quipped",
		"shout", "shouts", "shouted", "shouting",
		"yell", "yells", "yelled",
		"chant", "chants", "chanted", "chanting",
		"scream", "screamed",
		"exclaim", "exclaimed",
		"proclaim", "proclaims", "proclaimed",
		"testify", "testifies", "testified",
		"wonder", "wonders", "wondered",
		"emphasize", "emphasizes", "emphasized", "emphasised",
		"stress", "stresses", "stressed",
		"report", "reports", "reported", "reporting",
		"boast", "boasts", "boasted",
		"complain", "complains", "complained",
		"predict", "predicts", "predicted",
		"caution", "cautions", "cautioned",
		"concede", "concedes", "conceded",
		"allege", "alleges", "alleged",
		"charge", "charged",
		"muse", "mused",
		"lament", "laments", "lamented",
		"mutter", "muttered",
		"whisper", "whispered",
		"recount", "recounts", "recounted",
		"confirm", "confirms", "confirmed",
		"reveal", "reveals", "revealed",
		"insist", "demand", "demands", "demanded",
		"urge", "urges", "urged",
		"explain", "elaborate", "elaborated",
		"begin", "began", "opine", "opined",
		"retort", "retorted", "snap", "snapped",
		"sing", "sang", "sings",
		"text", "texted", "email", "emailed",
		"answer", "answers", "answered",
		"think", "thinks", "thought",
		"believe", "believes", "believed",
		"agree", "agrees", "agreed",
		"blast", "blasted", "slam", "slammed",
		"mock", "mocked", "praise", "praised",
		"accuse", "accuses", "accused",
		"criticize", "criticizes", "criticized", "criticise", "criticised",
		"liken", "likens", "likened", "laud", "lauds", "lauded",
		"dismiss", "dismisses", "dismissed", "cite", "cites", "cited", "citing",
		"hail", "hails", "hailed", "decry", "decries", "decried",
		"denounce", "denounces", "denounced", "condemn", "condemns", "condemned",
		"dismissing", "describing", "pointing", "point", "pointed",
		"rate", "rates", "rated", "exhort", "exhorted", "attack", "attacks", "attacked",
		"reference", "referenced", "compare", "compares", "compared", "specified",
		"reiterate", "reiterates", "reiterated", "reiterating",
		"underscore", "underscores", "underscored", "underscoring",
		"underline", "underlines", "underlined", "underlining",
		"scold", "scolds", "scolded", "chide", "chides", "chided", "rebuke", "rebukes", "rebuked",
		"bemoan", "bemoans", "bemoaned", "tout", "touts", "touted",
	)
	add(Addressed,
		"tell", "tells", "told", "telling",
		"ask", "asks", "asked", "asking",
		"inform", "informs", "informed",
		"assure", "assures", "assured",
		"remind", "reminds", "reminded",
	)
	add(Naming,
		"call", "calls", "called", "calling",
		"dub", "dubs", "dubbed", "dubbing",
		"describe", "describes", "described", "describing",
		"label", "labels", "labeled", "labelled", "labeling",
		"term", "termed", "brand", "branded",
		"refer", "refers", "referred", "referring",
		"characterize", "characterized", "characterizes",
	)
	add(Source, "according")
	add(Written, "read", "reads")
	return m
}()

// Particle returns the particle that the lowercased reporting verb w
// takes in a phrasal cue ("pointed out", "shot back", "referred to"),
// or "". The cue is the verb and its particle together, as news
// attribution annotates it.
func Particle(w string) string {
	if !particleShapes.May(w) {
		return ""
	}
	return particles[w]
}

// PhrasalOnly returns the class of the lowercased verb w when it reports
// speech only together with its particle ("went on", "shot back"),
// whose bare verb is not a cue ("the talks went well").
func PhrasalOnly(w string) CueClass {
	if _, ok := phrasalOnly[w]; ok {
		return Speech
	}
	return NotCue
}

var particles = func() map[string]string {
	m := map[string]string{}
	add := func(p string, ws ...string) {
		for _, w := range ws {
			m[w] = p
		}
	}
	add("out", "point", "points", "pointed", "pointing", "spell", "spells", "spelled", "spelt",
		"lash", "lashed", "lashes", "cry", "cried", "speak", "spoke", "speaks")
	add("back", "shoot", "shoots", "shot", "fire", "fires", "fired", "hit", "hits", "push", "pushed",
		"pushes", "write", "writes", "wrote", "snap", "snapped", "text", "texted", "email", "emailed")
	add("on", "go", "goes", "went", "going")
	add("to", "refer", "refers", "referred", "referring")
	add("up", "sum", "sums", "summed", "summing", "pipe", "piped")
	add("it", "put", "puts") // "as the paper put it, “…”"
	return m
}()

// phrasalOnly are the verbs of particles whose bare form is not a cue.
var phrasalOnly = map[string]struct{}{
	"shoot": {}, "shoots": {}, "shot": {}, "fire": {}, "fires": {}, "fired": {}, "hit": {},
	"hits": {}, "push": {}, "pushed": {}, "pushes": {}, "go": {}, "goes": {}, "went": {},
	"going": {}, "lash": {}, "lashed": {}, "lashes": {}, "cry": {}, "cried": {},
	"spell": {}, "spells": {}, "spelled": {}, "spelt": {}, "sum": {}, "sums": {}, "summed": {},
	"summing": {}, "pipe": {}, "piped": {}, "speak": {}, "spoke": {}, "speaks": {},
	"put": {}, "puts": {},
}

// Invertible reports whether a cue of class c can precede its subject,
// as in "said the minister".
func Invertible(c CueClass) bool { return c == Speech || c == Addressed }

// Nounlike reports whether the lowercased cue w is also a common noun
// ("his claims", "the state", "her tweets"), so that context must decide.
func Nounlike(w string) bool {
	switch w {
	case "state", "states", "claim", "claims", "comment", "comments", "remark", "remarks", "note",
		"notes", "report", "reports", "tweet", "tweets", "post", "posts", "call", "calls",
		"reference", "answer", "answers", "charge", "charges", "warning", "warnings", "promise",
		"promises", "pledge", "pledges", "vow", "vows", "text", "email", "label", "labels", "brand",
		"term", "quip", "joke", "jokes", "thought", "thoughts", "read", "praise", "attack", "attacks",
		"demand", "demands", "counter", "reply", "replies", "response", "statement", "comments,":
		return true
	}
	return false
}

// Pronoun reports whether the lowercased word w is a personal pronoun
// that can be a speaker.
func Pronoun(w string) bool {
	switch w {
	case "he", "she", "they", "i", "we", "you", "it":
		return true
	}
	return false
}

// Skip reports whether the lowercased word w may sit between a speaker
// and its cue without ending the subject ("he also said", "she had
// previously said", "Smith later told").
func Skip(w string) bool {
	switch w {
	case "also", "has", "had", "have", "was", "is", "were", "are", "later", "then", "previously",
		"recently", "once", "repeatedly", "reportedly", "just", "again", "would", "will",
		"first", "often", "further", "simply", "last", "earlier", "shall", "may", "might", "can",
		"could", "did", "does", "do", "not", "never", "only", "even", "still", "been", "being",
		"publicly", "privately", "quickly", "flatly", "openly", "famously", "frequently",
		"elsewhere", "finally", "initially", "subsequently", "succinctly", "bluntly", "directly",
		"specifically", "explicitly", "angrily", "calmly", "proudly", "herself", "himself":
		return true
	}
	return false
}

// Determiner reports whether the lowercased word w opens a noun phrase.
func Determiner(w string) bool {
	switch w {
	case "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that",
		"these", "those", "one", "another", "some", "many", "several", "two", "three", "both",
		"other", "most", "few", "all":
		return true
	}
	return false
}

// Scare reports whether the lowercased word w, right before a quoted
// segment, marks it as a term or title rather than speech ("so-called",
// "dubbed", "the word").
func Scare(w string) bool {
	switch w {
	case "so-called", "dubbed", "titled", "entitled", "nicknamed", "term", "terms", "word",
		"words", "phrase", "slogan", "headline", "label", "named", "hashtag", "motto", "song",
		"book", "film", "movie", "show", "series", "program", "programme", "album",
		"mantra", "catchphrase", "tagline", "banner", "signs", "sign", "shirts", "hats", "caps":
		return true
	}
	return false
}

// Strong reports whether the lowercased word w is strong or evaluative
// language, which makes a quote more quotable.
func Strong(w string) bool { return strong[w] }

var strong = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"never", "always", "must", "will", "won't", "worst", "best", "terrible", "incredible",
		"disaster", "disgrace", "shame", "outrageous", "ridiculous", "absolutely", "totally",
		"completely", "nobody", "everyone", "everybody", "nothing", "everything", "love", "hate",
		"fear", "afraid", "angry", "proud", "sorry", "wrong", "right", "truth", "lie", "lies",
		"believe", "hope", "wish", "dream", "heart", "kill", "killed", "die", "died", "dead",
		"war", "fight", "crisis", "threat", "danger", "dangerous", "horrible", "amazing",
		"huge", "great", "greatest", "tragic", "tragedy", "evil", "crazy", "unacceptable",
		"deserve", "deserves", "need", "needs", "important", "historic", "unprecedented",
		"shocked", "shocking", "devastated", "devastating", "heartbroken", "scared", "happy",
		"sad", "miracle", "blessed", "god", "forever", "ever", "promise", "guarantee",
		"clearly", "simply", "really", "very", "so", "too", "!",
	} {
		m[w] = true
	}
	return m
}()

// Title reports whether the lowercased word w is a title or honorific
// that precedes a name ("Mr.", "Sen.", "President").
func Title(w string) bool {
	switch w {
	case "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.",
		"gov", "gov.", "gen", "gen.", "prof", "prof.", "president", "senator", "governor",
		"minister", "secretary", "judge", "justice", "mayor", "chairman", "sir", "lord", "lady",
		"sheriff", "chief", "officer", "detective", "coach", "pope", "king", "queen", "prince",
		"leader", "envoy", "spokesman", "spokeswoman", "spokesperson", "chancellor", "ambassador",
		"commissioner", "councillor", "councilor", "councilman", "councilwoman", "alderman", "premier":
		return true
	}
	return false
}
