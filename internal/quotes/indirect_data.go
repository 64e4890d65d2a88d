package quotes

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"sort"
	"sync"
)

// The indirect stage's learned tables ship as indirect.bin.gz, written by
// TestTrainIndirect (go test ./internal/quotes -run TestTrainIndirect
// -quotes.train-indirect) from PolNeAR v1.0.0 train (Newell, Margolin &
// Ruths, LREC 2018; a research corpus without a stated licence, so only
// these numbers ship, never its text).
//
// The file is gzip over:
//
//	magic "byline indirect\n", version (uvarint, 1)
//	the model: weight count (uvarint, must be numIndirectFeatures), each
//	  weight ×10⁴ (zigzag varint); threshold ×10³ (uvarint); the
//	  threshold for plain reporting cues ×10³ (uvarint)
//	the ranker: weight count (uvarint, 0 or numIndirectFeatures), each ×10⁴
//	  (zigzag varint)
//	the first filter: least cue prior ×10² (uvarint), flags (byte: 1 skip
//	  adjectival, 2 plain reporting verbs propose whatever their prior)
//	the cue priors, then the context logits, each a table of
//	  count (uvarint), then per entry in strictly increasing key order:
//	  bytes shared with the previous key (uvarint), the rest's length
//	  (uvarint), the rest, value (prior ×10⁴ as uvarint; logit ×10² as
//	  zigzag varint)
//	CRC-32 (IEEE) of all of the above, little-endian
//
// Values are stored at the precision they are learned to, so decoding
// gives back exactly what training wrote.
//
//go:embed indirect.bin.gz
var indirectData []byte

const (
	indirectMagic   = "byline indirect\n"
	indirectVersion = 1
)

// indirectTables are the indirect stage's learned parameters.
type indirectTables struct {
	// cues is the prior, per lowercased word, that an occurrence of the
	// word is the cue of an attribution without quotation marks.
	cues map[string]float64
	// context is the log-odds, relative to the base rate, that a
	// candidate clause in a lexical context (contextKey) is reported
	// speech; contexts too rare or too weak to learn are absent.
	context map[string]float64
	// model scores the clauses (features in the order of the g…
	// constants); its threshold, and speechThreshold for a clause whose
	// cue is a plain reporting verb (speechWord), were chosen by
	// cross-validation.
	model           *Model
	speechThreshold float64
	// ranker weighs the same features to choose among one cue's clauses
	// (where the clause ends); empty, the model's probability does
	ranker []float64
	// cueMin is the first filter's least cue prior, and skipAdjectival
	// whether it passes over a participle used as an adjective.
	cueMin         float64
	skipAdjectival bool
	// speechAnyPrior: a plain reporting verb proposes clauses whatever
	// its prior, against speechThreshold
	speechAnyPrior bool
}

// shippedIndirect decodes the embedded tables once, on first use, so that
// importing the package costs nothing. The file is built with the
// package and its loading is tested, so failing here is a build defect.
var shippedIndirect = sync.OnceValue(func() *indirectTables {
	t, err := decodeIndirect(indirectData)
	if err != nil {
		panic("quotes: embedded indirect.bin.gz: " + err.Error())
	}
	return t
})

var errIndirectCorrupt = errors.New("quotes: corrupt indirect tables")

// encodeIndirect writes t in the format above.
func encodeIndirect(t *indirectTables) ([]byte, error) {
	var p []byte
	p = append(p, indirectMagic...)
	p = binary.AppendUvarint(p, indirectVersion)
	p = binary.AppendUvarint(p, uint64(len(t.model.Weights)))
	for _, w := range t.model.Weights {
		p = binary.AppendVarint(p, int64(math.Round(w*1e4)))
	}
	p = binary.AppendUvarint(p, uint64(math.Round(t.model.Threshold*1e3)))
	p = binary.AppendUvarint(p, uint64(math.Round(t.speechThreshold*1e3)))
	p = binary.AppendUvarint(p, uint64(len(t.ranker)))
	for _, w := range t.ranker {
		p = binary.AppendVarint(p, int64(math.Round(w*1e4)))
	}
	p = binary.AppendUvarint(p, uint64(math.Round(t.cueMin*1e2)))
	p = append(p, b2byte(t.skipAdjectival)|b2byte(t.speechAnyPrior)<<1)
	p = appendTable(p, t.cues, func(p []byte, v float64) []byte {
		return binary.AppendUvarint(p, uint64(math.Round(v*1e4)))
	})
	p = appendTable(p, t.context, func(p []byte, v float64) []byte {
		return binary.AppendVarint(p, int64(math.Round(v*1e2)))
	})
	p = binary.LittleEndian.AppendUint32(p, crc32.ChecksumIEEE(p))
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(p); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func b2byte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func appendTable(p []byte, m map[string]float64, val func([]byte, float64) []byte) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	p = binary.AppendUvarint(p, uint64(len(keys)))
	prev := ""
	for _, k := range keys {
		n := 0
		for n < len(k) && n < len(prev) && k[n] == prev[n] {
			n++
		}
		p = binary.AppendUvarint(p, uint64(n))
		p = binary.AppendUvarint(p, uint64(len(k)-n))
		p = append(p, k[n:]...)
		p = val(p, m[k])
		prev = k
	}
	return p
}

// maxIndirectPayload bounds the decompressed size, so that a corrupt or
// hostile file cannot make decoding allocate without limit.
const maxIndirectPayload = 64 << 20

// decodeIndirect reads tables written by encodeIndirect, rejecting
// anything that is not exactly such a file: a bad gzip stream, magic,
// version, weight count, checksum, key order, value range, or bytes
// left over.
func decodeIndirect(data []byte) (*indirectTables, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errIndirectCorrupt, err)
	}
	p, err := io.ReadAll(io.LimitReader(zr, maxIndirectPayload+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errIndirectCorrupt, err)
	}
	if len(p) > maxIndirectPayload {
		return nil, fmt.Errorf("%w: larger than %d bytes", errIndirectCorrupt, maxIndirectPayload)
	}
	if len(p) < len(indirectMagic)+4 || string(p[:len(indirectMagic)]) != indirectMagic {
		return nil, fmt.Errorf("%w: not an indirect tables file", errIndirectCorrupt)
	}
	body, sum := p[:len(p)-4], binary.LittleEndian.Uint32(p[len(p)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", errIndirectCorrupt)
	}
	r := tableReader{p: body[len(indirectMagic):]}
	if v := r.uvarint(); r.err == nil && v != indirectVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", errIndirectCorrupt, v, indirectVersion)
	}
	nw := r.uvarint()
	if r.err == nil && nw != numIndirectFeatures {
		return nil, fmt.Errorf("%w: %d weights, want %d", errIndirectCorrupt, nw, numIndirectFeatures)
	}
	t := &indirectTables{model: &Model{Weights: make([]float64, 0, numIndirectFeatures)}}
	for i := uint64(0); i < nw && r.err == nil; i++ {
		t.model.Weights = append(t.model.Weights, float64(r.varint())/1e4)
	}
	t.model.Threshold = float64(r.uvarint()) / 1e3
	t.speechThreshold = float64(r.uvarint()) / 1e3
	nr := r.uvarint()
	if r.err == nil && nr != 0 && nr != numIndirectFeatures {
		return nil, fmt.Errorf("%w: %d ranker weights, want 0 or %d", errIndirectCorrupt, nr, numIndirectFeatures)
	}
	for i := uint64(0); i < nr && r.err == nil; i++ {
		t.ranker = append(t.ranker, float64(r.varint())/1e4)
	}
	t.cueMin = float64(r.uvarint()) / 1e2
	flags := r.byte()
	if flags > 3 {
		r.fail("unknown flags")
	}
	t.skipAdjectival, t.speechAnyPrior = flags&1 != 0, flags&2 != 0
	if r.err == nil && (t.model.Threshold > 1 || t.speechThreshold > 1 || t.cueMin > 1) {
		r.fail("threshold or least prior above 1")
	}
	t.cues = r.table(func() float64 {
		v := r.uvarint()
		if v > 1e4 {
			r.fail("prior above 1")
		}
		return float64(v) / 1e4
	})
	t.context = r.table(func() float64 { return float64(r.varint()) / 1e2 })
	if r.err == nil && len(r.p) != 0 {
		r.fail("bytes after the tables")
	}
	if r.err != nil {
		return nil, r.err
	}
	return t, nil
}

// A tableReader reads the payload, keeping the first error.
type tableReader struct {
	p   []byte
	err error
}

func (r *tableReader) fail(why string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", errIndirectCorrupt, why)
	}
	r.p = nil
}

func (r *tableReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.p)
	if n <= 0 {
		r.fail("truncated")
		return 0
	}
	r.p = r.p[n:]
	return v
}

func (r *tableReader) varint() int64 {
	v, n := binary.Varint(r.p)
	if n <= 0 {
		r.fail("truncated")
		return 0
	}
	r.p = r.p[n:]
	return v
}

func (r *tableReader) byte() byte {
	if len(r.p) == 0 {
		r.fail("truncated")
		return 0
	}
	b := r.p[0]
	r.p = r.p[1:]
	return b
}

// table reads a prefix-coded table whose values val reads. The keys are
// gathered in one buffer and become substrings of one string, so that
// loading makes a handful of allocations, not one per key.
func (r *tableReader) table(val func() float64) map[string]float64 {
	n := r.uvarint()
	// every entry takes at least three bytes
	if r.err != nil || n > uint64(len(r.p))/3 {
		r.fail("table longer than the file")
		return nil
	}
	ends := make([]int, n)
	vals := make([]float64, n)
	var buf []byte
	prev := 0 // where the previous key starts in buf
	for i := range ends {
		shared, rest := r.uvarint(), r.uvarint()
		if r.err != nil || shared > uint64(len(buf)-prev) || rest > uint64(len(r.p)) {
			r.fail("bad key")
			return nil
		}
		start := len(buf)
		buf = append(buf, buf[prev:prev+int(shared)]...)
		buf = append(buf, r.p[:rest]...)
		r.p = r.p[rest:]
		if i > 0 && string(buf[start:]) <= string(buf[prev:start]) {
			r.fail("keys out of order")
			return nil
		}
		vals[i] = val()
		if r.err != nil {
			return nil
		}
		ends[i], prev = len(buf), start
	}
	all := string(buf)
	m := make(map[string]float64, n)
	start := 0
	for i, e := range ends {
		m[all[start:e]] = vals[i]
		start = e
	}
	return m
}
