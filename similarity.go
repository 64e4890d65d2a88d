package byline

import (
	"context"
	"sync"
	"time"

	"github.com/byline-nlp/byline/internal/index"
)

// ErrNotFound is returned by Related and Score for an id the index does
// not hold.
var ErrNotFound = index.ErrNotFound

// A Match is one related document and its similarity to the query, a
// cosine in [0, 1] (a blend of TF-IDF and LSA cosines when LSA is on).
type Match = index.Match

// Neighbors are the related documents of one indexed document, as
// AllPairs returns them.
type Neighbors = index.Neighbors

// An IndexOption configures an Index.
type IndexOption func(*index.Config)

// WithLSA turns on latent semantic analysis with k dimensions (k ≤ 0
// turns it off): a truncated SVD of the TF-IDF matrix, refitted when the
// index has grown or shrunk by a quarter since the last fit, with
// documents added in between folded in. Scores blend the TF-IDF and LSA
// cosines (see WithLSAWeight). LSA finds related documents that share
// topics rather than words, at the cost of a dense k-vector per document
// and a scan of all of them per query.
func WithLSA(k int) IndexOption {
	return func(c *index.Config) { c.LSAK = max(k, 0) }
}

// WithLSAWeight sets the share w in [0, 1] of the LSA cosine in the score
// (the rest is the TF-IDF cosine) when LSA is on; 1 ranks by LSA alone.
func WithLSAWeight(w float64) IndexOption {
	return func(c *index.Config) { c.LSAWeight = min(max(w, 0), 1) }
}

// WithTitleBoost makes every title token count as b body tokens (b ≥ 1;
// 1 treats the title as body text). Headlines name the story.
func WithTitleBoost(b float64) IndexOption {
	return func(c *index.Config) { c.TitleBoost = max(b, 1) }
}

// WithEntityBoost makes every capitalized word that does not start a
// sentence, a cheap stand-in for a named entity, count as b tokens
// (b ≥ 1). Stories about the same people and places share those names.
func WithEntityBoost(b float64) IndexOption {
	return func(c *index.Config) { c.EntityBoost = max(b, 1) }
}

// WithNumbers sets whether number tokens ("1987", "4.5") are terms. Dates
// and figures tie stories together less often than they add noise.
func WithNumbers(keep bool) IndexOption {
	return func(c *index.Config) { c.NoNumbers = !keep }
}

// An Index finds related documents: TF-IDF vectors (lowercased tokens,
// stop words dropped, Snowball English stems, sublinear tf, smoothed
// idf, L2 norm) in an inverted index searched exactly for the top k, with
// optional LSA. Documents can be added and removed at any time; idf is
// kept current (the vectors are recomputed on the first query after a
// change, in time linear in the index size).
//
// An Index is safe for concurrent use: many goroutines may query while
// others add or remove. The zero value is an empty index with the
// default configuration. The machinery lives in internal/index.
type Index struct {
	once sync.Once
	in   *index.Index
}

// index returns the machinery, creating it for the zero Index.
func (ix *Index) index() *index.Index {
	ix.once.Do(func() {
		if ix.in == nil {
			ix.in = index.New(index.DefaultConfig())
		}
	})
	return ix.in
}

// NewIndex returns an empty index. Without options it uses the
// configuration that scored best on the dev data (see WithLSA and the
// other options for what they are).
func NewIndex(opts ...IndexOption) *Index {
	return &Index{in: index.New(indexConfig(opts))}
}

// indexConfig applies opts to the default configuration.
func indexConfig(opts []IndexOption) index.Config {
	cfg := index.DefaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	return cfg
}

// Len reports the number of documents held.
func (ix *Index) Len() int { return ix.index().Len() }

// Has reports whether id is held.
func (ix *Index) Has(id string) bool { return ix.index().Has(id) }

// IDs returns the ids held, in the order they were added.
func (ix *Index) IDs() []string { return ix.index().IDs() }

// Add indexes doc under id, replacing any document already held under
// that id. Its terms come from doc.TitleTokens and doc.Tokens, lowercased,
// stop words and one-character words dropped, hyphenated words split and
// Snowball-stemmed; dotted abbreviations ("U.S.") are kept whole.
//
// Stemming runs before the index is locked, so Adds from several
// goroutines proceed in parallel; only recording the document takes the
// write lock.
func (ix *Index) Add(id string, doc *Document) error { return ix.index().Add(id, doc) }

// Remove drops the document held under id and reports whether there was one.
func (ix *Index) Remove(id string) bool { return ix.index().Remove(id) }

// A QueryOption shapes one query's results.
type QueryOption func(*index.QueryConfig)

func queryConfig(opts []QueryOption) index.QueryConfig {
	qc := index.DefaultQuery()
	for _, o := range opts {
		o(&qc)
	}
	return qc
}

// WithoutNearDuplicates drops results whose text resembles the query's,
// or a better-ranked result's, with an estimated shingle Jaccard
// similarity of at least threshold (0 < threshold ≤ 1; 0.5 when out of
// range): syndicated copies of one story should not fill "related
// posts".
func WithoutNearDuplicates(threshold float64) QueryOption {
	return func(q *index.QueryConfig) {
		if threshold <= 0 || threshold > 1 {
			threshold = 0.5
		}
		q.NearDup = threshold
	}
}

// Within keeps only results published within d of the reference time:
// the query article's publication date, or the AsOf time, or now when
// neither is known. Documents without a date are kept.
func Within(d time.Duration) QueryOption {
	return func(q *index.QueryConfig) { q.Window = max(d, 0) }
}

// WithRecencyDecay multiplies each score by 0.5^(Δ/halfLife), Δ being the
// time between a result's publication and the reference time (see
// Within). Documents without a date are not decayed.
func WithRecencyDecay(halfLife time.Duration) QueryOption {
	return func(q *index.QueryConfig) { q.HalfLife = max(halfLife, 0) }
}

// AsOf sets the reference time for Within and WithRecencyDecay.
func AsOf(t time.Time) QueryOption {
	return func(q *index.QueryConfig) { q.AsOf = t.Unix() }
}

// WithDiversity re-ranks results by maximal marginal relevance (Carbonell
// and Goldstein 1998): each pick maximizes λ·sim(query, d) − (1−λ)·max
// sim(d, picked), so the k results do not all retell one angle. λ in
// (0, 1); 1 or more means no re-ranking, 0.7 is a usual choice.
func WithDiversity(lambda float64) QueryOption {
	return func(q *index.QueryConfig) {
		if lambda > 0 && lambda < 1 {
			q.MMR = lambda
		} else {
			q.MMR = 0
		}
	}
}

// Related returns the k documents most similar to the one held under id,
// best first, leaving out that document itself. Without query options
// the result is exact: the top k of all held documents.
func (ix *Index) Related(id string, k int, opts ...QueryOption) ([]Match, error) {
	return ix.index().Related(id, k, queryConfig(opts))
}

// Query returns the k held documents most similar to doc, which need not
// be held, best first.
func (ix *Index) Query(doc *Document, k int, opts ...QueryOption) ([]Match, error) {
	return ix.index().Query(doc, k, queryConfig(opts))
}

// Score returns the similarity of two held documents, the score Related
// would give one for the other.
func (ix *Index) Score(id1, id2 string) (float64, error) { return ix.index().Score(id1, id2) }

// AllPairs returns the k most related documents of every held document
// (in the order they were added), the batch mode for a whole corpus,
// using workers goroutines (all CPUs when workers ≤ 0). It holds the
// index for reading throughout; ctx cancels it.
func (ix *Index) AllPairs(ctx context.Context, k, workers int) ([]Neighbors, error) {
	return ix.index().AllPairs(ctx, k, workers)
}

// Similarity returns the cosine similarity of two documents' TF-IDF
// vectors, with idf fitted on the two of them (so shared terms weigh
// less than the terms only one has) and the default boosts. To compare
// documents against a corpus's statistics, add them to an Index and use
// Score.
func Similarity(a, b *Document) float64 { return index.Similarity(a, b) }
