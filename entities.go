package byline

import (
	"fmt"
	"io"
	"sync"

	"github.com/byline-nlp/byline/internal/entity"
	"github.com/byline-nlp/byline/internal/ner"
	"github.com/byline-nlp/byline/internal/text"
)

// EntityType is a named entity's class, as in CoNLL-2003.
type EntityType = text.EntityType

// The entity classes byline tags.
const (
	Person       = text.Person
	Location     = text.Location
	Organization = text.Organization
	Misc         = text.Misc // nationalities, events, works, products
)

// A Mention is one place in the Document's Body where an entity is named.
type Mention = text.Mention

// An Entity is one referent named in an article: all its mentions merged
// ("Volodymyr Zelensky", "Zelensky", "Zelensky's"), titles stripped, and
// ranked by Salience, how central it is to the article.
type Entity = text.Entity

// NERModel is a trained named-entity tagger. The shipped one
// (DefaultNERModel) was trained on CoNLL-2003 English (Reuters news of
// 1996, under research terms) and the English Worldwide Newswire corpus
// (local news from Africa, Asia, Latin America and elsewhere, 2022; no
// licence stated, research use); LoadNERModel reads one trained with
// examples/train-ner. Either decodes each sentence with a small beam
// over the tagger's BILOU classes, which cross-validated better than
// greedy decoding.
// A NERModel is immutable and safe for concurrent use.
type NERModel struct {
	m *ner.Model
}

var (
	defaultNEROnce sync.Once
	defaultNER     *NERModel
	defaultNERErr  error
)

// DefaultNERModel returns the shipped model, decoding it on first use
// only; every call returns the same model.
func DefaultNERModel() (*NERModel, error) {
	defaultNEROnce.Do(func() {
		m, err := ner.Shared()
		if err != nil {
			defaultNERErr = fmt.Errorf("byline: load default NER model: %w", err)
			return
		}
		defaultNER = &NERModel{m: m.WithBeam(ner.Beam, m.Temperature(), ner.BeamPrune)}
	})
	return defaultNER, defaultNERErr
}

// LoadNERModel reads a model written by examples/train-ner. Truncated or
// corrupt files are errors.
func LoadNERModel(r io.Reader) (*NERModel, error) {
	m, err := ner.Load(r)
	if err != nil {
		return nil, fmt.Errorf("byline: load NER model: %w", err)
	}
	return &NERModel{m: m.WithBeam(ner.Beam, m.Temperature(), ner.BeamPrune)}, nil
}

// WriteTo writes the model in the binary form LoadNERModel reads.
func (m *NERModel) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	if err := m.m.Save(cw); err != nil {
		return cw.n, fmt.Errorf("byline: write NER model: %w", err)
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Types returns the entity types the model tags, such as PER and LOC.
func (m *NERModel) Types() []EntityType {
	var out []EntityType
	for _, t := range m.m.Types() {
		out = append(out, EntityType(t))
	}
	return out
}

// tagView maps the document's tokens to the words the tagger was trained
// on: curly quotes become straight ones and a possessive split into "'"
// and "s" becomes CoNLL's "'s". view[i] lists the document tokens behind
// word i.
type tagView struct {
	sents [][]string
	toks  [][][2]int // per sentence, per word: the [first, end) document tokens
}

func newTagView(doc *Document) *tagView {
	runs := entity.SentenceRuns(doc)
	v := &tagView{sents: make([][]string, 0, len(runs)), toks: make([][][2]int, 0, len(runs))}
	// Every sentence's words in one array, and their tokens in another:
	// there are at most as many words as tokens.
	words := make([]string, 0, len(doc.Tokens))
	spans := make([][2]int, 0, len(doc.Tokens))
	for _, r := range runs {
		ws, ix := words[len(words):], spans[len(spans):]
		for i := r[0]; i < r[1]; i++ {
			t := doc.Tokens[i]
			w := entity.CanonWord(t.Text)
			if w == "'" && i+1 < r[1] && doc.Tokens[i+1].Start == t.End && (doc.Tokens[i+1].Text == "s" || doc.Tokens[i+1].Text == "S") {
				possessive := "'s"
				if doc.Tokens[i+1].Text == "S" {
					possessive = "'S"
				}
				ws = append(ws, possessive)
				ix = append(ix, [2]int{i, i + 2})
				i++
				continue
			}
			if w == "" {
				w = "_"
			}
			ws = append(ws, w)
			ix = append(ix, [2]int{i, i + 1})
		}
		words, spans = words[:len(words)+len(ws)], spans[:len(spans)+len(ix)]
		v.sents = append(v.sents, ws[:len(ws):len(ws)])
		v.toks = append(v.toks, ix[:len(ix):len(ix)])
	}
	return v
}

// Tag returns one IOB2 tag ("B-PER", "I-PER", "O", ...) per entry of
// doc.Tokens. Sentences are tagged in order with the whole document as
// context, so a name tagged early informs its later mentions.
func (m *NERModel) Tag(doc *Document) []string {
	if doc == nil {
		return nil
	}
	tags := make([]string, len(doc.Tokens))
	for i := range tags {
		tags[i] = "O"
	}
	v := newTagView(doc)
	pred := m.m.Tag(v.sents)
	for si, ts := range pred {
		for wi, t := range ts {
			r := v.toks[si][wi]
			tags[r[0]] = t
			for j := r[0] + 1; j < r[1]; j++ {
				if t == "O" {
					tags[j] = "O"
				} else {
					tags[j] = "I-" + t[2:]
				}
			}
		}
	}
	return tags
}

// Entities tags doc and returns its entities: mentions of one referent
// merged, titles, honorifics and possessives stripped, and ranked by
// salience. It is DefaultNERModel().Entities(doc); it returns an error
// only if the shipped model cannot be decoded.
func Entities(doc *Document) ([]Entity, error) {
	m, err := DefaultNERModel()
	if err != nil {
		return nil, err
	}
	return m.Entities(doc), nil
}

// Entities tags doc and merges its mentions into entities, sorted by
// Salience, highest first. Mention spans are byte offsets into doc.Body.
//
// Merging: a shorter person name that ends or begins a longer one in the
// same article ("Zelensky", "Volodymyr Zelensky") is the same person; an
// organisation named without its corporate suffix, or by an acronym the
// text defines ("the Institute for the Study of War (ISW)") or that
// spells its initials, is the same organisation; otherwise mentions
// merge when their words match, case aside. An entity's type is the one
// most of its mentions were tagged with.
//
// Salience combines how often the entity is mentioned, how early it
// first appears, whether the headline (doc.Title) names it, and how
// often it is a sentence's subject.
func (m *NERModel) Entities(doc *Document) []Entity {
	if doc == nil || len(doc.Tokens) == 0 {
		return nil
	}
	return entity.Merge(doc, m.Tag(doc), entity.Default)
}

// MergeEntities builds entities from IOB2 (or IOB1) tags given for
// doc.Tokens, one per token, merging and ranking mentions as Entities
// does. It lets another tagger's output, or gold annotations, go through
// the same merging. Tags beyond len(doc.Tokens) are ignored; missing
// ones count as "O".
func MergeEntities(doc *Document, tags []string) []Entity {
	if doc == nil || len(doc.Tokens) == 0 {
		return nil
	}
	norm := make([]string, len(doc.Tokens))
	prevType := ""
	for i := range norm {
		t := "O"
		if i < len(tags) {
			t = tags[i]
		}
		typ := ""
		if len(t) > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-' {
			typ = t[2:]
		}
		switch {
		case typ == "":
			norm[i] = "O"
		case t[0] == 'B' || typ != prevType:
			norm[i] = "B-" + typ
		default:
			norm[i] = "I-" + typ
		}
		prevType = typ
	}
	return entity.Merge(doc, norm, entity.Default)
}
