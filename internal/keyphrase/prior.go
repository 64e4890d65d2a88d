package keyphrase

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// A Prior is keyphraseness (Frank et al. 1999, Kea): for each phrase
// key, in how many training articles it was a candidate and in how many
// of those editors tagged it. It tells the nouns readers tag ("police",
// "economi") from the words they never do ("found", "make") better than
// any one article can.
type Prior struct {
	Seen, Tagged map[string]int32
	Rate         float64 // tagged over seen, over all keys: the rate of an unknown phrase

	// counts holds DefaultPrior's Seen and Tagged in one map, so that
	// Features looks a key up once (key phrases look up every candidate
	// and word); nil for every other Prior.
	counts map[string][2]int32
}

// priorSmoothing is how many articles' worth of the overall rate a
// phrase's own counts are blended with.
const priorSmoothing = 2

// Features returns the prior's two features for a key: the smoothed
// tagged rate and ln(1+seen)-like confidence, as a share in [0, 1).
func (p *Prior) Features(key string) (rate, seen float64) {
	if p == nil {
		return 0, 0
	}
	var s, t float64
	if p.counts != nil {
		c := p.counts[key]
		s, t = float64(c[0]), float64(c[1])
	} else {
		s, t = float64(p.Seen[key]), float64(p.Tagged[key])
	}
	return (t + priorSmoothing*p.Rate) / (s + priorSmoothing), s / (s + 4)
}

// FeaturesWithout is Features with some counts taken out: those of the
// article being scored and its duplicates, when a tuner scores articles
// the prior was counted on.
func (p *Prior) FeaturesWithout(key string, seen, tagged int32) (rate, s float64) {
	sn, t := float64(p.Seen[key]-seen), float64(p.Tagged[key]-tagged)
	sn, t = max(sn, 0), max(t, 0)
	return (t + priorSmoothing*p.Rate) / (sn + priorSmoothing), sn / (sn + 4)
}

// NewPrior counts a prior from articles' candidate keys and tagged keys.
func NewPrior() *Prior {
	return &Prior{Seen: map[string]int32{}, Tagged: map[string]int32{}}
}

// Add counts one article: its candidates' keys and which were tagged.
func (p *Prior) Add(keys []string, tagged func(string) bool) {
	for _, k := range keys {
		p.Seen[k]++
		if tagged(k) {
			p.Tagged[k]++
		}
	}
}

// Finish sets Rate from the counts and drops keys seen in fewer than
// minSeen articles, which say no more than Rate does.
func (p *Prior) Finish(minSeen int32) {
	var s, t float64
	for k, n := range p.Seen {
		s += float64(n)
		t += float64(p.Tagged[k])
	}
	if s > 0 {
		p.Rate = t / s
	}
	for k, n := range p.Seen {
		if n < minSeen {
			delete(p.Seen, k)
			delete(p.Tagged, k)
		}
	}
}

//go:embed prior.txt.gz
var priorRaw []byte

var (
	priorOnce sync.Once
	prior     *Prior
)

// DefaultPrior returns the shipped prior: counts over the 450 dev
// articles of 500N-KPCrowd (statistics only; no text ships), keys seen
// in at least 2 articles. Its first line is the overall rate. It is
// shared: do not modify it.
func DefaultPrior() *Prior {
	priorOnce.Do(func() {
		prior = NewPrior()
		zr, err := gzip.NewReader(bytes.NewReader(priorRaw))
		if err != nil {
			return
		}
		sc := bufio.NewScanner(zr)
		if sc.Scan() {
			prior.Rate, _ = strconv.ParseFloat(strings.TrimSpace(sc.Text()), 64)
		}
		for sc.Scan() {
			// "seen tagged key words..."
			f := strings.SplitN(sc.Text(), " ", 3)
			if len(f) != 3 {
				continue
			}
			s, err1 := strconv.Atoi(f[0])
			t, err2 := strconv.Atoi(f[1])
			if err1 == nil && err2 == nil {
				prior.Seen[f[2]], prior.Tagged[f[2]] = int32(s), int32(t)
			}
		}
		prior.counts = make(map[string][2]int32, len(prior.Seen))
		for k, n := range prior.Seen {
			prior.counts[k] = [2]int32{n, prior.Tagged[k]}
		}
	})
	return prior
}

// WriteTo writes p in DefaultPrior's format (uncompressed).
func (p *Prior) WriteTo(w *bufio.Writer) error {
	keys := make([]string, 0, len(p.Seen))
	for k := range p.Seen {
		keys = append(keys, k)
	}
	sortStrings(keys)
	w.WriteString(strconv.FormatFloat(p.Rate, 'g', 6, 64) + "\n")
	for _, k := range keys {
		w.WriteString(strconv.Itoa(int(p.Seen[k])) + " " + strconv.Itoa(int(p.Tagged[k])) + " " + k + "\n")
	}
	return w.Flush()
}
