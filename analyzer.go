package byline

import (
	"context"
	"fmt"

	"github.com/byline-nlp/byline/internal/langid"
	"github.com/byline-nlp/byline/internal/lexicon"
)

// An Analyzer runs every stage over a Document: entities, quotes, the
// summary and key phrases, each stage given the results of the ones before it (quotes use
// entities for speakers; the summary uses entity salience and quotes).
// Models are loaded once, on first use.
//
// The zero Analyzer is ready to use with the defaults. An Analyzer is
// safe for concurrent use; configure it with options at New and do not
// change it afterwards.
type Analyzer struct {
	ner        *NERModel // nil: the shipped model
	noEntities bool
	noQuotes   bool
	summary    []SummaryOption
	noSummary  bool

	keyPhrases   int // how many; 0 means defaultKeyPhrases
	noKeyPhrases bool

	anyLanguage bool // run the English-only stages on every language
}

// defaultKeyPhrases is how many key phrases an Analysis holds by default.
const defaultKeyPhrases = 10

// An Option configures an Analyzer.
type Option func(*Analyzer)

// New returns an Analyzer configured by opts.
func New(opts ...Option) *Analyzer {
	an := &Analyzer{}
	for _, o := range opts {
		o(an)
	}
	return an
}

// WithNERModel makes the Analyzer tag entities with m, such as a model
// trained on your own data and read with LoadNERModel, instead of the
// shipped one.
func WithNERModel(m *NERModel) Option { return func(an *Analyzer) { an.ner = m } }

// WithSummary sets the summary's options: its length in sentences or
// words, its method. The Analyzer adds the entities and quotes it found.
func WithSummary(opts ...SummaryOption) Option {
	return func(an *Analyzer) { an.summary = append(an.summary, opts...) }
}

// WithKeyPhrases sets how many key phrases an Analysis holds.
func WithKeyPhrases(k int) Option { return func(an *Analyzer) { an.keyPhrases = k } }

// WithoutKeyPhrases skips key phrases.
func WithoutKeyPhrases() Option { return func(an *Analyzer) { an.noKeyPhrases = true } }

// WithoutEntities skips entity tagging (and so speaker linking).
func WithoutEntities() Option { return func(an *Analyzer) { an.noEntities = true } }

// WithoutQuotes skips quote extraction.
func WithoutQuotes() Option { return func(an *Analyzer) { an.noQuotes = true } }

// WithAnyLanguage runs the stages whose models and rules are English
// (entities, quotes, key phrases) on text in any language. By default
// they run on English text only: on other languages they find nonsense
// (a Korean particle tagged as an organisation).
func WithAnyLanguage() Option { return func(an *Analyzer) { an.anyLanguage = true } }

// WithoutSummary skips summarization.
func WithoutSummary() Option { return func(an *Analyzer) { an.noSummary = true } }

// An Analysis is everything an Analyzer found in one Document. Every span
// in it is a byte offset into the Document's Body.
type Analysis struct {
	Entities []Entity `json:"entities,omitempty"`
	Quotes   []Quote  `json:"quotes,omitempty"`
	Summary  *Summary `json:"summary,omitempty"`
	// KeyPhrases are the article's key phrases (ten unless WithKeyPhrases
	// says otherwise), entity names merged in.
	KeyPhrases []KeyPhrase `json:"key_phrases,omitempty"`

	// Language is the document's language (ISO 639-1 or a BCP 47 tag):
	// its Article's, or else detected from its Body; empty when unknown.
	Language string `json:"language,omitempty"`
	// Skipped names the English-only stages ("entities", "quotes",
	// "key_phrases") that did not run because the document is in another
	// language (see WithAnyLanguage). Sentence splitting and the summary
	// run for every language.
	Skipped []string `json:"skipped,omitempty"`
}

// Stage names, as Analysis.Skipped reports them.
const (
	StageEntities   = "entities"
	StageQuotes     = "quotes"
	StageKeyPhrases = "key_phrases"
)

// documentLanguage is the language an Article declares, or else the one
// detected from the Body.
func documentLanguage(doc *Document) string {
	if doc.Article != nil && doc.Article.Language != "" {
		return doc.Article.Language
	}
	return langid.Detect(doc.Body)
}

// Analyze runs the stages over doc. It returns ErrEmpty for a document
// with no text, and ctx's error when ctx is done between stages.
func (an *Analyzer) Analyze(ctx context.Context, doc *Document) (*Analysis, error) {
	if doc == nil || len(doc.Tokens) == 0 {
		return nil, ErrEmpty
	}
	if an == nil {
		an = &Analyzer{}
	}
	res := &Analysis{Language: documentLanguage(doc)}
	// An unknown language is given the benefit of the doubt.
	english := an.anyLanguage || res.Language == "" || langid.IsEnglish(res.Language)
	if !english {
		for _, st := range []struct {
			name string
			off  bool
		}{{StageEntities, an.noEntities}, {StageQuotes, an.noQuotes}, {StageKeyPhrases, an.noKeyPhrases}} {
			if !st.off {
				res.Skipped = append(res.Skipped, st.name)
			}
		}
	}
	if !an.noEntities && english {
		m := an.ner
		if m == nil {
			var err error
			if m, err = DefaultNERModel(); err != nil {
				return nil, fmt.Errorf("byline: analyze: %w", err)
			}
		}
		res.Entities = m.Entities(doc)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !an.noQuotes && english {
		res.Quotes = Quotes(doc, res.Entities)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The summary and key phrases both match words by their stems:
	// lower-case and stem each distinct form once, for both.
	var forms *wordForms
	if !an.noSummary || !an.noKeyPhrases && english {
		forms = newWordForms(doc)
	}
	if !an.noSummary {
		opts := append([]SummaryOption{SummaryEntities(res.Entities), SummaryQuotes(res.Quotes), summaryForms(forms)}, an.summary...)
		res.Summary = Summarize(doc, opts...)
	}
	if !an.noKeyPhrases && english {
		k := an.keyPhrases
		if k <= 0 {
			k = defaultKeyPhrases
		}
		res.KeyPhrases = keyPhrases(doc, k, res.Entities, forms)
	}
	return res, ctx.Err()
}

// wordForms are a document's distinct word and number forms, each
// lower-cased and stemmed once (internal/lexicon), with each token's
// form: the work the summary and key phrases share.
type wordForms struct {
	lex   *lexicon.Lexicon
	body  []int32 // by index into Document.Tokens; -1 for tokens of other kinds
	title []int32 // likewise for Document.TitleTokens
}

func newWordForms(doc *Document) *wordForms {
	wf := &wordForms{lex: lexicon.New(len(doc.Tokens) + len(doc.TitleTokens))}
	wf.body = wf.add(doc.Tokens)
	wf.title = wf.add(doc.TitleTokens)
	return wf
}

func (wf *wordForms) add(toks []Token) []int32 {
	out := make([]int32, len(toks))
	for i, t := range toks {
		out[i] = -1
		if t.Kind == Word || t.Kind == Number {
			out[i] = wf.lex.Add(t.Text)
		}
	}
	return out
}
