// Command train-ner trains byline's named-entity tagger on CoNLL-format
// data and writes a model that byline.LoadNERModel reads.
//
//	go run ./examples/train-ner -train train.txt -dev dev.txt -out ner.model
//
// Several comma-separated -train files are several corpora; -weights
// scales each one's perceptron updates. The shipped model is
//
//	-train ../shared/data/ner/conll2003/train.txt,../shared/data/ner/worldwide/train.txt -weights 3,1 -epochs 5 -out internal/ner/english.model
//
// with the word clusters it already holds (they are the default). Those
// were learned with -text over the three ../shared/data/unlabeled
// news-*.jsonl.gz files and the Reuters-21578, 20 Newsgroups, BBC,
// CNN/DailyMail dev and PolNeAR texts, -cluster-words 100000.
//
// With -cv K nothing is written: the corpora are split into K folds by
// document, a model is trained on all but one fold of each, K times, and
// every held-out fold's F1 is printed per corpus (with -repairs, also
// after the span repairs, each group left out in turn). Choose options
// by this, not by -dev, which is only scored after training as a check
// (-keep-best keeps the epoch that scores best on it, which tunes on it).
//
// With -type-lexicon-text the unlabelled news is tagged by a first model
// and every capitalised word's usual type becomes a feature of the model
// then trained (in -cv, one first model per fold, so no fold's lexicon
// has seen it); -type-lexicon-out writes the counts, which -type-lexicon
// reads back to retrain without tagging again.
//
// The public word lists Debian ships (iso-codes, tzdata, wamerican) are
// compiled in as gazetteers when present and skipped otherwise; more lists
// can be given with -gazetteers.
//
// Input: the word in the first column, the tag (IOB1 or IOB2) in the
// last, blank lines between sentences, -DOCSTART- lines between
// documents.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/byline-nlp/byline/internal/conlleval"
	"github.com/byline-nlp/byline/internal/entity"
	"github.com/byline-nlp/byline/internal/ner"
	"github.com/byline-nlp/byline/internal/progress"
	"github.com/byline-nlp/byline/internal/text"
)

// config is what the flags ask for.
type config struct {
	train     []string  // training files, one corpus each
	weights   []float64 // per-corpus update weights (default 1 each)
	dev       string    // scored after training, as a check
	keepBest  bool      // keep the epoch that scores best on dev
	out       string
	epochs    int
	minCount  int
	prune     int
	beamTemp  float64
	margin    float64 // margin perceptron: update when gold wins by less
	folds     int     // second pass on jackknifed first-pass output
	cv        int     // > 1: cross-validate in this many folds instead of training
	clusters  string
	gaz       gazetteerFiles
	repairs   bool       // with -cv: also score the Entities path's repaired tags
	beams     []beamSpec // with -cv: also score beam decoding with these settings
	scoreOnly []string   // with -cv: corpora scored on each fold but not trained on
	gazTSV    string     // extra gazetteers: lines of category, tab, phrase
	cvFolds   []int      // with -cv: run only these folds (nil: all)
	cvPred    string     // with -cv: write each held-out fold's default-path tags under this prefix
	lex       lexConfig  // the type lexicon (typelex.go)
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("train-ner: ")
	var c config
	train := flag.String("train", "", "CoNLL-format training data (required); several comma-separated files are several corpora")
	weights := flag.String("weights", "", "comma-separated update weights, one per -train corpus (default 1 each)")
	flag.StringVar(&c.dev, "dev", "", "CoNLL-format development data, scored after training as a check")
	flag.BoolVar(&c.keepBest, "keep-best", false, "with -dev: keep the epoch that scores best on dev (tunes on dev; -cv is the honest way to choose epochs)")
	flag.StringVar(&c.out, "out", "ner.model", "where to write the model")
	flag.IntVar(&c.epochs, "epochs", 10, "training epochs")
	flag.IntVar(&c.minCount, "min-count", 3, "occurrences a feature needs to get a weight")
	flag.Float64Var(&c.beamTemp, "beam-temperature", ner.BeamTemperature, "the beam temperature saved with the model, at which LoadNERModel decodes it (choose it with -cv -beams)")
	flag.IntVar(&c.prune, "prune", 32, "drop quantised weights (of ±32000) smaller than this")
	flag.Float64Var(&c.margin, "margin", 0, "margin perceptron: also update when the gold class wins by less than this (0: only on errors)")
	flag.IntVar(&c.folds, "folds", 0, "train a second pass on jackknifed first-pass output in this many folds (0: one pass)")
	flag.IntVar(&c.cv, "cv", 0, "cross-validate by document in this many folds over every -train corpus, print per-fold F1 on each, and write no model")
	flag.BoolVar(&c.repairs, "repairs", false, "with -cv: also score the tags after the span repairs Entities applies")
	beams := flag.String("beams", "", "with -cv: comma-separated beams, width:temperature[:prune] (see ner.Model.WithBeam), also scored on each fold against greedy decoding")
	scoreOnly := flag.String("score-only", "", "with -cv: comma-separated corpora scored on each held-out fold but never trained on")
	cvFolds := flag.String("cv-folds", "", "with -cv: comma-separated folds to run (from 1; default all)")
	flag.StringVar(&c.cvPred, "cv-pred", "", "with -cv: write each held-out fold's tags (beam and default repairs) to PREFIX.CORPUS.foldN.txt as word, gold, predicted, for error analysis")
	flag.StringVar(&c.gazTSV, "gazetteers", "", "extra gazetteers: a file of lines 'category<TAB>phrase' (e.g. place names compiled from GeoNames)")
	flag.StringVar(&c.clusters, "clusters", "", `word clusters: lines of word, fine, mid and coarse cluster ids (as written by -text); "none" for none; default: the shipped model's`)
	flag.StringVar(&c.gaz.isoCodes, "iso-codes", "/usr/share/iso-codes/json", "Debian iso-codes JSON folder (countries, regions, languages, currencies)")
	flag.StringVar(&c.gaz.tzdata, "tzdata", "/usr/share/zoneinfo/zone1970.tab", "tzdata zone table (city names)")
	flag.StringVar(&c.gaz.words, "words", "/usr/share/dict/american-english", "word list: lower-case entries are common words, capitalised ones proper names")
	text := flag.String("text", "", "comma-separated unlabelled texts (.jsonl with title/text/article fields, or plain text; either may be gzipped) to learn word clusters from; the training words are added unless -cluster-train=false")
	clusterWords := flag.Int("cluster-words", 80000, "with -text: cluster this many of the most frequent words")
	clusterMin := flag.Int("cluster-min", 5, "with -text: occurrences a word needs to be clustered (0 or less: 5)")
	clusterTrain := flag.Bool("cluster-train", true, "with -text: add the -train corpora's words to the text clustered (in -cv that includes the held-out folds' words)")
	clustersOut := flag.String("clusters-out", "", "with -text: also write the learned clusters here")
	lexText := flag.String("type-lexicon-text", "", "comma-separated unlabelled texts (as for -text) that a first model tags; each capitalised word's usual type becomes a feature of the model then trained (with -cv, one first model per fold)")
	flag.IntVar(&c.lex.maxWords, "type-lexicon-words", 0, "with -type-lexicon-text: read at most this many words of it (0: all)")
	flag.StringVar(&c.lex.file, "type-lexicon", "", "type-lexicon counts to train with (as written by -type-lexicon-out), instead of -type-lexicon-text")
	flag.StringVar(&c.lex.out, "type-lexicon-out", "", "with -type-lexicon-text and without -cv: write the counts (word, then O and per-type counts) here")
	flag.IntVar(&c.lex.opts.MinCount, "lex-min", 3, "type lexicon: times a word must have been tagged to enter it")
	flag.Float64Var(&c.lex.opts.High, "lex-high", 0.8, "type lexicon: the majority type's share for the sure band")
	flag.Float64Var(&c.lex.opts.Low, "lex-low", 0.5, "type lexicon: the majority type's share for the likely band (below it: ambiguous)")
	flag.IntVar(&c.lex.workers, "lex-workers", 2, "type lexicon: goroutines tagging the unlabelled text")
	flag.Parse()
	if *lexText != "" {
		c.lex.text = strings.Split(*lexText, ",")
	}
	for _, b := range strings.Split(*beams, ",") {
		if b == "" {
			continue
		}
		f := strings.Split(b, ":")
		k, err := strconv.Atoi(f[0])
		var t, p float64
		if err == nil && len(f) > 1 {
			t, err = strconv.ParseFloat(f[1], 64)
		}
		if err == nil && len(f) > 2 {
			p, err = strconv.ParseFloat(f[2], 64)
		}
		if err != nil || k < 1 || t <= 0 || p < 0 || len(f) < 2 || len(f) > 3 {
			log.Fatalf("-beams: bad beam %q (want width:temperature[:prune])", b)
		}
		c.beams = append(c.beams, beamSpec{k, t, p})
	}
	for _, f := range strings.Split(*cvFolds, ",") {
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			log.Fatalf("-cv-folds: bad fold %q", f)
		}
		c.cvFolds = append(c.cvFolds, n)
	}
	if *train == "" {
		flag.Usage()
		os.Exit(2)
	}
	c.train = strings.Split(*train, ",")
	if *scoreOnly != "" {
		c.scoreOnly = strings.Split(*scoreOnly, ",")
	}
	if *weights != "" {
		for _, w := range strings.Split(*weights, ",") {
			v, err := strconv.ParseFloat(w, 64)
			if err != nil || v <= 0 {
				log.Fatalf("bad -weights entry %q", w)
			}
			c.weights = append(c.weights, v)
		}
		if len(c.weights) != len(c.train) {
			log.Fatalf("%d -weights for %d -train files", len(c.weights), len(c.train))
		}
	}
	if *text != "" {
		if c.clusters != "" {
			log.Fatal("use -text or -clusters, not both")
		}
		var docs []ner.Doc
		if *clusterTrain {
			for _, path := range c.train {
				d, err := readDocs(path)
				if err != nil {
					log.Fatal(err)
				}
				docs = append(docs, d...)
			}
		}
		cl, err := learnClusters(strings.Split(*text, ","), docs, ner.ClusterOptions{MaxWords: *clusterWords, MinCount: *clusterMin})
		if err != nil {
			log.Fatal(err)
		}
		if *clustersOut == "" {
			*clustersOut = c.out + ".clusters"
		}
		if err := writeClusters(*clustersOut, cl); err != nil {
			log.Fatal(err)
		}
		c.clusters = *clustersOut
	}
	if err := run(c); err != nil {
		log.Fatal(err)
	}
}

func readDocs(path string) ([]ner.Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c, err := conlleval.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ner.FromCoNLL(c), nil
}

// corpora reads the training files, one corpus each, weighted as asked.
func (c *config) corpora() ([]ner.Corpus, error) {
	var out []ner.Corpus
	for i, path := range c.train {
		docs, err := readDocs(path)
		if err != nil {
			return nil, err
		}
		w := float32(1)
		if i < len(c.weights) {
			w = float32(c.weights[i])
		}
		for d := range docs {
			docs[d].Weight = w
		}
		out = append(out, ner.Corpus{Name: corpusName(path), Docs: docs})
	}
	for _, path := range c.scoreOnly {
		docs, err := readDocs(path)
		if err != nil {
			return nil, err
		}
		out = append(out, ner.Corpus{Name: corpusName(path) + " (not trained on)", Docs: docs, ScoreOnly: true})
	}
	return out, nil
}

func corpusName(path string) string {
	return filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
}

func run(c config) error {
	start := time.Now()
	opts := ner.Options{Epochs: c.epochs, MinCount: c.minCount, Folds: c.folds, Prune: c.prune, Log: log.Printf,
		Margin: c.margin,
		Beam:   ner.Beam, BeamTemperature: ner.BeamTemperature, BeamPrune: ner.BeamPrune}
	// One bar per training pass; log lines print above it.
	var bar *progress.Bar
	endBar := func() {
		bar.Finish()
		bar = nil
		log.SetOutput(os.Stderr)
	}
	opts.Progress = func(done, total int) {
		if bar == nil {
			bar = progress.New(os.Stderr, "train", total)
			log.SetOutput(bar.Writer())
		}
		bar.Add(done - bar.Done())
		if done >= total {
			endBar()
		}
	}
	defer endBar()
	corpora, err := c.corpora()
	if err != nil {
		return err
	}
	var dev []ner.Doc
	if c.dev != "" {
		if dev, err = readDocs(c.dev); err != nil {
			return err
		}
		if c.keepBest {
			opts.Dev = dev
		}
	}
	switch c.clusters {
	case "none":
	case "":
		// The shipped model's clusters: learning them takes minutes and
		// needs the unlabelled corpora, so a user's model reuses them.
		def, err := ner.LoadDefault()
		if err != nil {
			return err
		}
		opts.Clusters = def.Clusters()
		log.Printf("%d clustered words from the shipped model", len(opts.Clusters))
	default:
		if opts.Clusters, err = readClusters(c.clusters); err != nil {
			return err
		}
		log.Printf("%d clustered words", len(opts.Clusters))
	}
	opts.Gazetteers = c.gaz.load()
	if c.gazTSV != "" {
		if err := loadTSV(c.gazTSV, opts.Gazetteers); err != nil {
			return err
		}
	}
	for cat, ps := range opts.Gazetteers {
		log.Printf("gazetteer %s: %d phrases", cat, len(ps))
	}
	if err := c.lex.setup(&opts, c.cv > 1); err != nil {
		return err
	}
	if c.cv > 1 {
		return crossValidate(corpora, c, opts)
	}
	var docs []ner.Doc
	for _, cp := range corpora {
		if cp.ScoreOnly {
			continue
		}
		docs = append(docs, cp.Docs...)
	}
	m, err := ner.Train(docs, opts)
	if err != nil {
		return err
	}
	if dev != nil {
		r := ner.Score(m, dev)
		log.Printf("dev (a check): P %.2f R %.2f F1 %.2f", r.Precision, r.Recall, r.F1)
	}
	f, err := os.Create(c.out)
	if err != nil {
		return err
	}
	if err := m.WithBeam(ner.Beam, c.beamTemp, ner.BeamPrune).Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fi, _ := os.Stat(c.out)
	log.Printf("wrote %s (%d bytes) in %s", c.out, fi.Size(), time.Since(start).Round(time.Second))
	return nil
}

// crossValidate prints each fold's F1 on each corpus, and the mean and
// spread over folds.
// beamSpec is a beam's width, softmax temperature and pruning (see
// ner.Model.WithBeam).
type beamSpec struct {
	k    int
	t, p float64
}

func crossValidate(corpora []ner.Corpus, c config, opts ner.Options) error {
	k, repairs, beams := c.cv, c.repairs, c.beams
	start := time.Now()
	scorers := []ner.Scorer{ner.Score}
	names := []string{"tagger"}
	if repairs {
		// The Entities path's tags with the default repairs, with every
		// group, and with each group left out of every group in turn;
		// then the merged entities.
		sets := []entity.Repairs{entity.Default, entity.All}
		names = append(names, "default", "repaired")
		for _, g := range entity.Groups {
			sets = append(sets, entity.All&^g.R)
			names = append(names, "no-"+g.Name)
		}
		// Each single rule the default leaves out, added to it alone.
		for _, rule := range entity.Rules {
			if entity.Default&rule.R == 0 {
				sets = append(sets, entity.Default|rule.R)
				names = append(names, "default+"+rule.Name)
			}
		}
		for _, r := range sets {
			scorers = append(scorers, scoreEntities(r, false))
		}
		scorers = append(scorers, scoreEntities(entity.All, true), scoreEntities(0, true))
		names = append(names, "merged", "merged-only")
	}
	// Beam decoding against greedy, on the same trained model.
	for _, b := range beams {
		scorers = append(scorers, func(m *ner.Model, docs []ner.Doc) conlleval.Result { return ner.Score(m.WithBeam(b.k, b.t, b.p), docs) })
		names = append(names, fmt.Sprintf("beam-%d:%g:%g", b.k, b.t, b.p))
		if repairs {
			scorers = append(scorers, func(m *ner.Model, docs []ner.Doc) conlleval.Result {
				return scoreEntities(entity.Default, false)(m.WithBeam(b.k, b.t, b.p), docs)
			})
			names = append(names, fmt.Sprintf("beam-%d:%g:%g-default", b.k, b.t, b.p))
		}
	}
	// A two-pass model's first pass alone, with the shipped beam and the
	// default repairs: the one-pass model trained with the same settings.
	if opts.Folds > 1 {
		first := func(m *ner.Model) *ner.Model {
			return m.FirstPass().WithBeam(ner.Beam, ner.BeamTemperature, ner.BeamPrune)
		}
		scorers = append(scorers, func(m *ner.Model, docs []ner.Doc) conlleval.Result { return ner.Score(first(m), docs) })
		names = append(names, "pass1-beam")
		if repairs {
			scorers = append(scorers, func(m *ner.Model, docs []ner.Doc) conlleval.Result {
				return scoreEntities(entity.Default, false)(first(m), docs)
			})
			names = append(names, "pass1-beam-default")
		}
	}
	if c.cvPred != "" {
		scorers = append(scorers, writePredictions(c.cvPred, corpora, k, c.cvFolds))
		names = append(names, "written")
	}
	res, err := ner.CrossValidateFolds(corpora, k, c.cvFolds, opts, scorers...)
	if err != nil {
		return err
	}
	for si, rs := range res {
		for _, cp := range corpora {
			var f1s []float64
			line := fmt.Sprintf("cv %s %-22s", names[si], cp.Name)
			for _, r := range rs {
				if r.Corpus == cp.Name {
					f1s = append(f1s, r.Result.F1)
					line += fmt.Sprintf(" %6.2f", r.Result.F1)
				}
			}
			mean, sd := ner.MeanSD(f1s)
			fmt.Printf("%s   mean %.2f ± %.2f\n", line, mean, sd)
		}
	}
	log.Printf("%d-fold cross-validation in %s", k, time.Since(start).Round(time.Second))
	return nil
}

// writePredictions is a scorer that also writes the held-out documents
// with their gold and predicted tags (shipped beam, default repairs) to
// prefix.CORPUS.foldN.txt. CrossValidateFolds calls scorers fold by
// fold, corpus by corpus, which is how a call is matched to its file.
func writePredictions(prefix string, corpora []ner.Corpus, k int, only []int) ner.Scorer {
	var folds []int
	for f := 1; f <= k; f++ {
		if only == nil || slices.Contains(only, f) {
			folds = append(folds, f)
		}
	}
	calls := 0
	return func(m *ner.Model, docs []ner.Doc) conlleval.Result {
		fold, cp := folds[calls/len(corpora)], corpora[calls%len(corpora)]
		calls++
		name := fmt.Sprintf("%s.%s.fold%d.txt", prefix, strings.ReplaceAll(filepath.Dir(cp.Name), "/", "_"), fold)
		m = m.WithBeam(ner.Beam, ner.BeamTemperature, ner.BeamPrune)
		e := conlleval.New()
		var b strings.Builder
		for _, d := range docs {
			doc := text.NewTokenizedDocument(d.Words)
			var tags []string
			for _, s := range m.Tag(d.Words) {
				tags = append(tags, s...)
			}
			pred := entity.Repair(doc, tags, entity.Default)
			b.WriteString("-DOCSTART- -X- O\n\n")
			n := 0
			for si := range d.Words {
				for i, w := range d.Words[si] {
					e.Add(w, d.Tags[si][i], pred[n])
					fmt.Fprintf(&b, "%s %s %s\n", w, d.Tags[si][i], pred[n])
					n++
				}
				e.Boundary()
				b.WriteByte('\n')
			}
		}
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			log.Printf("-cv-pred: %v", err)
		}
		return e.Result()
	}
}

func readClusters(path string) (map[string]uint64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]uint64{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fs := strings.Fields(sc.Text())
		if len(fs) != 4 {
			return nil, fmt.Errorf("%s:%d: want word and three cluster ids", path, n)
		}
		var ids [3]int
		for i := range ids {
			if ids[i], err = strconv.Atoi(fs[i+1]); err != nil || ids[i] < 0 || ids[i] >= 1<<20-1 {
				return nil, fmt.Errorf("%s:%d: bad cluster id %q", path, n, fs[i+1])
			}
		}
		out[fs[0]] = ner.PackClusters(ids[0], ids[1], ids[2])
	}
	return out, sc.Err()
}

// tokens splits a name the way news text is tokenised: words, with
// punctuation apart. Names with commas ("Korea, Republic of") are skipped.
func tokens(name string) string {
	if strings.ContainsAny(name, ",()[]") {
		return ""
	}
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// gazetteerFiles are the public word lists compiled in as gazetteers.
type gazetteerFiles struct {
	isoCodes, tzdata, words string
}

func (g gazetteerFiles) load() map[string][]string {
	out := map[string][]string{}
	loadISO(g.isoCodes, out)
	loadTZ(g.tzdata, out)
	loadWords(g.words, out)
	return out
}

func loadISO(dir string, g map[string][]string) {
	read := func(file, key string, fields []string, cat string) {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			log.Printf("skipping %s: %v", file, err)
			return
		}
		var doc map[string][]map[string]string
		if err := json.Unmarshal(b, &doc); err != nil {
			log.Printf("skipping %s: %v", file, err)
			return
		}
		for _, e := range doc[key] {
			for _, f := range fields {
				if p := tokens(e[f]); p != "" {
					g[cat] = append(g[cat], p)
				}
			}
		}
	}
	read("iso_3166-1.json", "3166-1", []string{"name", "common_name", "official_name"}, "country")
	read("iso_3166-3.json", "3166-3", []string{"name"}, "country")
	read("iso_3166-2.json", "3166-2", []string{"name"}, "region")
	read("iso_639-2.json", "639-2", []string{"name"}, "language")
	read("iso_4217.json", "4217", []string{"name"}, "currency")
}

// loadTSV reads gazetteer lines of category, tab, phrase.
func loadTSV(path string, g map[string][]string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" {
			continue
		}
		cat, phrase, ok := strings.Cut(line, "\t")
		if !ok || cat == "" {
			return fmt.Errorf("%s:%d: want category<TAB>phrase", path, n+1)
		}
		if p := tokens(phrase); p != "" {
			g[cat] = append(g[cat], p)
		}
	}
	return nil
}

func loadTZ(path string, g map[string][]string) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Printf("skipping tzdata: %v", err)
		return
	}
	for _, line := range strings.Split(string(b), "\n") {
		fs := strings.Fields(line)
		if len(fs) < 3 || strings.HasPrefix(fs[0], "#") {
			continue
		}
		zone := fs[2]
		city := zone[strings.LastIndexByte(zone, '/')+1:]
		g["city"] = append(g["city"], strings.ReplaceAll(city, "_", " "))
	}
}

func loadWords(path string, g map[string][]string) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Printf("skipping word list: %v", err)
		return
	}
	for _, w := range strings.Split(string(b), "\n") {
		if w == "" || strings.HasSuffix(w, "'s") {
			continue
		}
		if r := []rune(w)[0]; unicode.IsUpper(r) {
			g["proper"] = append(g["proper"], w)
		} else {
			g["common"] = append(g["common"], w)
		}
	}
}

func learnClusters(files []string, train []ner.Doc, o ner.ClusterOptions) (map[string][3]int, error) {
	c := ner.NewClusterCorpus()
	for _, d := range train {
		for _, s := range d.Words {
			c.AddTokens(s)
		}
	}
	for _, path := range files {
		before := c.Tokens()
		seen := map[string]bool{}
		err := eachText(path, func(rec map[string]any) bool {
			for _, k := range []string{"title", "text", "article"} {
				s, _ := rec[k].(string)
				if s == "" || seen[s] {
					continue
				}
				seen[s] = true
				c.AddText(s)
			}
			return true
		})
		if err != nil {
			return nil, err
		}
		log.Printf("%s: %d tokens", path, c.Tokens()-before)
	}
	o.Log = log.Printf
	return ner.LearnClusters(c, o), nil
}

func writeClusters(path string, cl map[string][3]int) error {
	words := make([]string, 0, len(cl))
	for w := range cl {
		if strings.ContainsFunc(w, unicode.IsSpace) {
			continue // the file is space-separated; such tokens (". . .") do not matter
		}
		words = append(words, w)
	}
	sort.Strings(words)
	var b strings.Builder
	for _, w := range words {
		v := cl[w]
		fmt.Fprintf(&b, "%s %d %d %d\n", w, v[0], v[1], v[2])
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// scoreEntities scores what the Entities path makes of a model's tags
// with the given repairs: the repaired tags, or with merged the merged
// entities rendered as IOB2 per token. The document is built from the
// words as given (one token each), as evaluate does.
func scoreEntities(r entity.Repairs, merged bool) ner.Scorer {
	return func(m *ner.Model, docs []ner.Doc) conlleval.Result {
		e := conlleval.New()
		for _, d := range docs {
			doc := text.NewTokenizedDocument(d.Words)
			var tags []string
			for _, s := range m.Tag(d.Words) {
				tags = append(tags, s...)
			}
			pred := entity.Repair(doc, tags, r)
			if merged {
				pred = entity.Tags(doc, entity.Merge(doc, tags, r))
			}
			k := 0
			for si := range d.Words {
				for i, w := range d.Words[si] {
					e.Add(w, d.Tags[si][i], pred[k])
					k++
				}
				e.Boundary()
			}
		}
		return e.Result()
	}
}
