package ner

import (
	"bytes"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

func TestChunksAndBILOU(t *testing.T) {
	tests := []struct {
		tags   []string
		chunks []span
		bilou  []string
	}{
		{ // IOB1
			tags:   []string{"I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"},
			chunks: []span{{0, 2, "PER"}, {3, 4, "LOC"}, {4, 5, "LOC"}, {5, 6, "ORG"}},
			bilou:  []string{"B-PER", "L-PER", "O", "U-LOC", "U-LOC", "U-ORG"},
		},
		{ // IOB2
			tags:   []string{"B-ORG", "I-ORG", "I-ORG", "B-ORG", "O"},
			chunks: []span{{0, 3, "ORG"}, {3, 4, "ORG"}},
			bilou:  []string{"B-ORG", "I-ORG", "L-ORG", "U-ORG", "O"},
		},
	}
	types := []string{"LOC", "MISC", "ORG", "PER"}
	idx := map[string]int{}
	for i, t := range types {
		idx[t] = i
	}
	classes := bilouClasses(types)
	for _, tc := range tests {
		if got := chunks(tc.tags); !reflect.DeepEqual(got, tc.chunks) {
			t.Errorf("chunks(%v) = %v, want %v", tc.tags, got, tc.chunks)
		}
		var got []string
		for _, c := range goldClasses(tc.tags, idx) {
			got = append(got, classes[c])
		}
		if !reflect.DeepEqual(got, tc.bilou) {
			t.Errorf("BILOU of %v = %v, want %v", tc.tags, got, tc.bilou)
		}
	}
}

func TestTransitions(t *testing.T) {
	classes := bilouClasses([]string{"LOC", "PER"})
	a := transitions(len(classes))
	idx := map[string]int{}
	for i, c := range classes {
		idx[c] = i
	}
	start := len(classes)
	for _, c := range []struct {
		prev, next string
		ok         bool
	}{
		{"", "B-PER", true}, {"", "I-PER", false}, {"", "L-PER", false}, {"", "U-LOC", true}, {"", "O", true},
		{"B-PER", "I-PER", true}, {"B-PER", "L-PER", true}, {"B-PER", "I-LOC", false}, {"B-PER", "O", false},
		{"I-PER", "L-PER", true}, {"L-PER", "B-PER", true}, {"L-PER", "I-PER", false}, {"U-PER", "U-PER", true},
	} {
		p := start
		if c.prev != "" {
			p = idx[c.prev]
		}
		if a[p][idx[c.next]] != c.ok {
			t.Errorf("%q → %q allowed = %v, want %v", c.prev, c.next, !c.ok, c.ok)
		}
	}
}

func TestTable(t *testing.T) {
	tb := newTable(1000)
	for i := uint64(0); i < 1000; i++ {
		tb.put(i*0x9e3779b97f4a7c15, int32(i))
	}
	for i := uint64(0); i < 1000; i++ {
		if v, ok := tb.get(i * 0x9e3779b97f4a7c15); !ok || v != int32(i) {
			t.Fatalf("get %d = %d, %v", i, v, ok)
		}
	}
	if _, ok := tb.get(12345); ok {
		t.Fatal("found a key never put")
	}
	if tb.n != 1000 {
		t.Fatalf("n = %d", tb.n)
	}
}

func TestShapeAndNorm(t *testing.T) {
	for _, c := range []struct{ in, shape, norm string }{
		{"McDonald's", "XxXx'x", "mcdonald's"},
		{"1996-08-22", "d-d-d", "0000-00-00"},
		{"U.S.", "X.X.", "u.s."},
		{"Zürich", "Xx", "zürich"},
		{"", "", ""},
	} {
		if got := shapeOf(c.in); got != c.shape {
			t.Errorf("shapeOf(%q) = %q, want %q", c.in, got, c.shape)
		}
		if got := normWord(strings.ToLower(c.in)); got != c.norm {
			t.Errorf("normWord(%q) = %q, want %q", c.in, got, c.norm)
		}
	}
}

// synthetic builds small labelled documents from templates we made up.
func synthetic(n int) []Doc {
	people := []string{"Anna Berg", "Tomas Lind", "Maria Holm", "Piet Vos", "Lena Dahl", "Omar Said"}
	places := []string{"Oslo", "Bergen", "Tromso", "Malmo", "Aarhus", "Turku"}
	orgs := []string{"Norsk Hydro", "Statoil", "Telenor", "Orkla"}
	var docs []Doc
	for d := 0; d < n; d++ {
		var doc Doc
		for s := 0; s < 6; s++ {
			p := strings.Fields(people[(d+s)%len(people)])
			l := places[(d*3+s)%len(places)]
			o := strings.Fields(orgs[(d+2*s)%len(orgs)])
			var ws, ts []string
			add := func(words []string, typ string) {
				for i, w := range words {
					ws = append(ws, w)
					switch {
					case typ == "":
						ts = append(ts, "O")
					case i == 0:
						ts = append(ts, "B-"+typ)
					default:
						ts = append(ts, "I-"+typ)
					}
				}
			}
			add(p, "PER")
			add([]string{"of"}, "")
			add(o, "ORG")
			add([]string{"said", "in"}, "")
			add([]string{l}, "LOC")
			add([]string{"that", "prices", "rose", "."}, "")
			doc.Words = append(doc.Words, ws)
			doc.Tags = append(doc.Tags, ts)
		}
		docs = append(docs, doc)
	}
	return docs
}

func TestTrainSaveLoad(t *testing.T) {
	docs := synthetic(12)
	var logged []string
	m, err := Train(docs, Options{Epochs: 4, MinCount: 1, Folds: 2, Dev: docs[:2],
		Gazetteers: map[string][]string{"city": {"Oslo", "Bergen"}},
		Log:        func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(logged) == 0 || m.second == nil {
		t.Fatal("trained without log or second pass")
	}
	if r := Score(m, docs); r.F1 < 99 {
		t.Fatalf("F1 %.2f on its own training data", r.F1)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m.Tag(docs[0].Words), m2.Tag(docs[0].Words)) {
		t.Fatal("reloaded model tags differently")
	}
	// the decoding temperature travels with the model; none saved is the
	// package default
	if m2.Temperature() != BeamTemperature {
		t.Fatalf("temperature %v of a model saved without one, want %v", m2.Temperature(), BeamTemperature)
	}
	var hot bytes.Buffer
	if err := m.WithBeam(2, 96, BeamPrune).Save(&hot); err != nil {
		t.Fatal(err)
	}
	m3, err := Load(&hot)
	if err != nil {
		t.Fatal(err)
	}
	if m3.Temperature() != 96 {
		t.Fatalf("saved at temperature 96, loaded %v", m3.Temperature())
	}
	// Both passes with a beam: the loaded model's joint table and shared
	// static rows decode as the training-time tables do.
	// Words shuffled across sentences make text the model is unsure of.
	rng := rand.New(rand.NewSource(1))
	for _, d := range docs[:6] {
		var ws []string
		for _, s := range d.Words {
			ws = append(ws, s...)
		}
		rng.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
		sents := [][]string{ws[:len(ws)/3], ws[len(ws)/3:]}
		b1, b2 := m.WithBeam(3, 0.5, 0).Tag(sents), m2.WithBeam(3, 0.5, 0).Tag(sents)
		if !reflect.DeepEqual(b1, b2) {
			t.Fatalf("reloaded model's beam tags %v, the trained one's %v", b2, b1)
		}
	}
	if got := m2.FirstPass().Tag(docs[0].Words); !reflect.DeepEqual(got, m.FirstPass().Tag(docs[0].Words)) {
		t.Fatal("reloaded first pass tags differently")
	}
	// A name never seen, in a seen context.
	got := m2.Tag([][]string{{"Erik", "Moe", "of", "Telenor", "said", "in", "Oslo", "that", "prices", "rose", "."}})
	if got[0][6] != "B-LOC" || got[0][3] != "B-ORG" {
		t.Fatalf("tagged %v", got)
	}
	for _, n := range []int{0, 5, len(magic), len(magic) + 10, buf.Len() - 4} {
		if _, err := Load(bytes.NewReader(buf.Bytes()[:n])); err == nil {
			t.Errorf("model truncated to %d bytes loaded", n)
		}
	}
}

func TestTrainErrors(t *testing.T) {
	if _, err := Train(nil, Options{}); err == nil {
		t.Error("no documents: no error")
	}
	if _, err := Train([]Doc{{Words: [][]string{{"a", "b"}}, Tags: [][]string{{"O"}}}}, Options{}); err == nil {
		t.Error("mismatched tags: no error")
	}
	if _, err := Train([]Doc{{Words: [][]string{{"a"}}, Tags: [][]string{{"O"}}}}, Options{}); err == nil {
		t.Error("no entities: no error")
	}
}

func TestLearnClusters(t *testing.T) {
	c := NewClusterCorpus()
	// Weekdays and fruits occur in disjoint contexts.
	for i := 0; i < 200; i++ {
		day := []string{"Monday", "Tuesday", "Friday"}[i%3]
		fruit := []string{"apples", "pears", "plums"}[i%3]
		c.AddTokens([]string{"on", day, "morning", "we", "met", "."})
		c.AddText("they ate ripe " + fruit + " slowly .")
	}
	cl := LearnClusters(c, ClusterOptions{K: [3]int{5, 5, 5}, Dims: 32, Contexts: 20, Iters: 10})
	if cl["Monday"][0] != cl["Friday"][0] || cl["apples"][0] != cl["plums"][0] {
		t.Fatalf("similar words apart: %v", cl)
	}
	if cl["Monday"][0] == cl["apples"][0] {
		t.Fatalf("weekdays and fruits together: %v", cl)
	}
}

// TestGivenNames checks the list's form (one capitalised name a line,
// sorted, no repeats) and its deliberate omissions.
func TestGivenNames(t *testing.T) {
	names := GivenNames()
	if len(names) < 1000 {
		t.Fatalf("%d given names, want the full list", len(names))
	}
	for i, n := range names {
		if !startsUpper(n) || strings.ContainsAny(n, " \t") {
			t.Errorf("malformed name %q", n)
		}
		if i > 0 && names[i-1] >= n {
			t.Errorf("not sorted or repeated: %q then %q", names[i-1], n)
		}
	}
	tests := []struct {
		w    string
		want bool
	}{
		{"Ursula", true}, {"Volodymyr", true}, {"Keir", true}, {"Kamala", true}, {"Pieter", true},
		{"ursula", false}, {"Jordan", false}, {"Victoria", false}, {"Morgan", false}, {"Roman", false}, {"", false},
	}
	for _, tc := range tests {
		if got := IsGivenName(tc.w); got != tc.want {
			t.Errorf("IsGivenName(%q) = %v, want %v", tc.w, got, tc.want)
		}
	}
}

// TestGazetteerPrefixes checks that stopping a gazetteer look-up at the
// first word that begins no phrase finds exactly what trying every
// length finds.
func TestGazetteerPrefixes(t *testing.T) {
	docs := synthetic(6)
	m, err := Train(docs, Options{Epochs: 1, MinCount: 1,
		Gazetteers: map[string][]string{"city": {"Oslo", "New Bergen Harbour", "Tromso Old Town"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !m.gazKnowsPrefixes {
		t.Fatal("no phrase prefixes")
	}
	sents := append([][]string{{"the", "New", "Bergen", "Harbour", "and", "Tromso", "Old", "Town", "near", "Oslo"}}, docs[0].Words...)
	d := m.prepare(sents)
	slow := *m
	slow.gazKnowsPrefixes = false
	for si, ts := range d.sents {
		if got, want := m.gazFeatures(ts, nil), slow.gazFeatures(ts, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("sentence %d: gazetteer features %v, want %v", si, got, want)
		}
	}
}

// TestCrossValidate checks that every held-out fold of every corpus is
// scored once, that a score-only corpus is scored but not trained on,
// and that the folds split documents, not sentences.
func TestCrossValidate(t *testing.T) {
	docs := synthetic(9)
	for i := range docs[:3] {
		docs[i].Weight = 2
	}
	corpora := []Corpus{{Name: "a", Docs: docs[:6]}, {Name: "b", Docs: docs[6:], ScoreOnly: true}}
	res, err := CrossValidate(corpora, 3, Options{Epochs: 2, MinCount: 1}, Score, Score)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || len(res[0]) != 6 {
		t.Fatalf("got %d scorers × %d results, want 2 × 6", len(res), len(res[0]))
	}
	seen := map[string]int{}
	for _, r := range res[0] {
		seen[r.Corpus]++
		if r.Result.F1 < 90 {
			t.Errorf("fold %d of %s: F1 %.2f on this regular text", r.Fold, r.Corpus, r.Result.F1)
		}
	}
	if seen["a"] != 3 || seen["b"] != 3 {
		t.Errorf("folds scored per corpus: %v", seen)
	}
	fold := FoldOf(10, 3)
	n := make([]int, 3)
	for _, f := range fold {
		n[f]++
	}
	if n[0] != 4 || n[1] != 3 || n[2] != 3 || !reflect.DeepEqual(fold, FoldOf(10, 3)) {
		t.Errorf("FoldOf(10, 3) = %v", fold)
	}
	if _, err := CrossValidate(corpora, 1, Options{}); err == nil {
		t.Error("one fold: no error")
	}
}

func TestRowTable(t *testing.T) {
	mul := uint64(0x9e3779b97f4a7c15)
	tb := newRowTable(1000)
	for i := uint64(0); i < 1000; i++ {
		tb.put(i*0x9e3779b97f4a7c15, int32(i))
	}
	tb.put(5*mul, maxRows-1) // overwrite
	for i := uint64(0); i < 1000; i++ {
		want := int32(i)
		if i == 5 {
			want = maxRows - 1
		}
		if v, ok := tb.get(i * 0x9e3779b97f4a7c15); !ok || v != want {
			t.Fatalf("get(%d) = %d, %v; want %d", i, v, ok, want)
		}
	}
	for _, k := range []uint64{1, 2, 1000*mul + 7} {
		if _, ok := tb.get(k); ok {
			t.Errorf("get(%#x) found a key never put", k)
		}
	}
}

// TestBeam checks beam decoding with the shipped model: one hypothesis
// is greedy decoding exactly, and wider beams give legal IOB2 tags that
// still find the names of our own sentences.
func TestBeam(t *testing.T) {
	m, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{
		strings.Fields("Amina Diallo , the chief executive of Sahel Solar , said in Bamako on Monday that the Dakar plant would open ."),
		strings.Fields("Diallo told Reuters that Sahel Solar had hired 300 workers ."),
		strings.Fields("The Kenya Power and Lighting Company said Kisumu and Nakuru would get power first ."),
	}
	greedy := m.decode(m.prepare(doc), nil)
	one := m.WithBeam(1, 48, 0)
	if got := one.decodeBeam(one.prepare(doc)); !reflect.DeepEqual(got, greedy) {
		t.Fatalf("beam of one %v, greedy %v", got, greedy)
	}
	for _, k := range []int{2, 4, 8} {
		tags := m.WithBeam(k, 48, 0).Tag(doc)
		for si, s := range tags {
			for i, tg := range s {
				if strings.HasPrefix(tg, "I-") && (i == 0 || s[i-1][2:] != tg[2:] || s[i-1] == "O") {
					t.Errorf("beam %d: sentence %d: illegal %s after %s", k, si, tg, s[i-1])
				}
			}
		}
		if tags[0][0] != "B-PER" || tags[0][1] != "I-PER" || tags[0][12] != "B-LOC" {
			t.Errorf("beam %d: %v", k, tags[0])
		}
	}
}

// TestMarkRuns checks the runs of capitalised words that the run
// features read: connectors join a run only between capitalised words.
func TestMarkRuns(t *testing.T) {
	for _, tc := range []struct {
		sent string
		runs string // per token: the run's first and last index, or "-"
	}{
		{"the Kenya Power and Lighting Company said", "- 1:5 1:5 1:5 1:5 1:5 -"},
		{"Bank of Kenya", "0:2 0:2 0:2"},
		{"Kenya and the rest", "- - - -"},
		{"talks in Nairobi and Addis Ababa ended", "- - 2:5 2:5 2:5 2:5 -"},
		{"He met Ruto .", "- - - -"},
	} {
		m := &Model{}
		d := m.prepare([][]string{strings.Fields(tc.sent)})
		var got []string
		for _, tk := range d.sents[0] {
			if tk.runEnd > tk.runStart {
				got = append(got, fmt.Sprintf("%d:%d", tk.runStart, tk.runEnd))
			} else {
				got = append(got, "-")
			}
		}
		if g := strings.Join(got, " "); g != tc.runs {
			t.Errorf("%q: runs %s, want %s", tc.sent, g, tc.runs)
		}
	}
}

// TestContextAggregation checks that a mention sees the neighbours of
// the word's other mentions, and not its own.
func TestContextAggregation(t *testing.T) {
	m := &Model{}
	d := m.prepare([][]string{
		strings.Fields("Mr Setalvad told the court"),
		strings.Fields("Teesta Setalvad said no"),
		strings.Fields("Setalvad left"),
		strings.Fields("the Setalvad Foundation said"),
	})
	has := func(si, i int, f uint64) bool {
		for _, g := range m.staticFeatures(nil, d, si, i, nil) {
			if g == f {
				return true
			}
		}
		return false
	}
	mr, said, told := hN(hT(tAggL), hS(fnvOffset, "mr")), hN(hT(tAggR), hS(fnvOffset, "said")), hN(hT(tAggR), hS(fnvOffset, "told"))
	endFoundation := hN(hT(tAggRunEnd), hS(fnvOffset, "foundation"))
	if !has(2, 0, mr) || !has(2, 0, said) || !has(2, 0, told) {
		t.Error("the last mention does not see the others' neighbours")
	}
	if has(0, 1, told) || has(0, 1, mr) {
		t.Error("a mention sees its own neighbours as another's")
	}
	if !has(2, 0, endFoundation) {
		t.Error("the last mention does not see the longer name another stands in")
	}
	if has(3, 1, endFoundation) {
		t.Error("a name's last word sees its own run as another mention's")
	}
}

// TestMargin checks that the margin perceptron trains models that still
// learn the synthetic data and tag an unseen name from its context, that
// it changes the weights, and that it is deterministic for a seed.
func TestMargin(t *testing.T) {
	docs := synthetic(12)
	train := func(o Options) *Model {
		t.Helper()
		o.Epochs, o.MinCount, o.Seed = 4, 1, 7
		m, err := Train(docs, o)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	base := train(Options{})
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"margin 50", Options{Margin: 50}},
		{"margin 200", Options{Margin: 200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := train(tc.opts)
			if r := Score(m, docs); r.F1 < 99 {
				t.Fatalf("F1 %.2f on its own training data", r.F1)
			}
			got := m.Tag([][]string{{"Erik", "Moe", "of", "Telenor", "said", "in", "Oslo", "that", "prices", "rose", "."}})
			if got[0][0] != "B-PER" || got[0][3] != "B-ORG" || got[0][6] != "B-LOC" {
				t.Fatalf("tagged %v", got)
			}
			if reflect.DeepEqual(weightsOf(m), weightsOf(base)) {
				t.Fatal("same weights as without the option")
			}
			if !reflect.DeepEqual(weightsOf(train(tc.opts)), weightsOf(m)) {
				t.Fatal("two runs with one seed differ")
			}
		})
	}
}

// weightsOf maps a model's features to their quantised weights, which
// finish stores in map order.
func weightsOf(m *Model) map[uint64][]int16 {
	nc := len(m.classes)
	out := make(map[uint64][]int16, len(m.keys))
	for i, k := range m.keys {
		out[k] = m.w[i*nc : i*nc+nc]
	}
	return out
}

// TestBeamEdgeDocuments checks decoding on documents the news corpora
// seldom give: none, empty sentences, one-token sentences, words longer
// than any buffer, non-ASCII capitals, a sentence of one repeated word.
// A beam of one must tag as greedy decoding does, and every beam must
// give each token one tag, none an I- that does not continue its type.
func TestBeamEdgeDocuments(t *testing.T) {
	m, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Abcdefgh", 40)
	docs := map[string][][]string{
		"none":            nil,
		"empty sentences": {{}, {}},
		"one token":       {{"Paris"}},
		"mixed":           {{}, {"Reuters"}, {}, {"Amina", "Diallo", "said", "."}, {"."}, {}},
		"long words":      {{long, "said", strings.ToUpper(long), "in", "Oslo", "."}},
		"non-ASCII":       {{"İstanbul", "ÜBER", "Łódź", "Ærø", "São", "Paulo", "和", "Straße", "."}},
		"repeated":        {strings.Fields(strings.Repeat("Smith ", 300))},
	}
	for name, doc := range docs {
		greedy := m.decode(m.prepare(doc), nil)
		one := m.WithBeam(1, 48, 0)
		if got := one.decodeBeam(one.prepare(doc)); !reflect.DeepEqual(got, greedy) {
			t.Errorf("%s: beam of one %v, greedy %v", name, got, greedy)
		}
		for _, k := range []int{1, 2, 8} {
			for _, prune := range []float64{0, BeamPrune} {
				tags := m.WithBeam(k, 96, prune).Tag(doc)
				if len(tags) != len(doc) {
					t.Fatalf("%s: beam %d: %d sentences tagged, want %d", name, k, len(tags), len(doc))
				}
				for si, s := range tags {
					if len(s) != len(doc[si]) {
						t.Fatalf("%s: beam %d: sentence %d: %d tags for %d tokens", name, k, si, len(s), len(doc[si]))
					}
					for i, tg := range s {
						if strings.HasPrefix(tg, "I-") && (i == 0 || s[i-1] == "O" || s[i-1][2:] != tg[2:]) {
							t.Errorf("%s: beam %d: sentence %d: illegal %s at %d", name, k, si, tg, i)
						}
					}
				}
			}
		}
	}
}
