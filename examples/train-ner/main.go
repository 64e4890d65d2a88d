// Command train-ner trains byline's named-entity tagger on CoNLL-format
// data and writes a model that byline.LoadNERModel reads.
//
//	go run ./examples/train-ner -train train.txt -dev dev.txt -out ner.model
//
// The shipped model is this command run on CoNLL-2003's train.txt and
// dev.txt. Word clusters come from the shipped model unless -clusters or
// -text says otherwise; the shipped ones were learned with
//
//	-text ../shared/data/similarity/reuters21578/articles.jsonl,../shared/data/similarity/newsgroups20/articles.jsonl,../shared/data/summarization/bbc/dev.jsonl,../shared/data/summarization/cnndm/dev.jsonl,../shared/data/quotes/polnear/train.jsonl,../shared/data/quotes/polnear/dev.jsonl
//
// The public word lists Debian ships (iso-codes, tzdata, wamerican) are
// compiled in as gazetteers when present and skipped otherwise.
//
// Input: the word in the first column, the tag (IOB1 or IOB2) in the
// last, blank lines between sentences, -DOCSTART- lines between
// documents. With -dev, the epoch that scores best on it is kept.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/byline-nlp/byline/internal/conlleval"
	"github.com/byline-nlp/byline/internal/ner"
	"github.com/byline-nlp/byline/internal/progress"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("train-ner: ")
	train := flag.String("train", "", "CoNLL-format training data (required)")
	dev := flag.String("dev", "", "CoNLL-format development data; the best epoch on it is kept")
	out := flag.String("out", "ner.model", "where to write the model")
	epochs := flag.Int("epochs", 10, "training epochs (with -dev, the best one is kept)")
	minCount := flag.Int("min-count", 3, "occurrences a feature needs to get a weight")
	prune := flag.Int("prune", 32, "drop quantised weights (of ±32000) smaller than this")
	folds := flag.Int("folds", 0, "train a second pass on jackknifed first-pass output in this many folds (0: one pass; on CoNLL-2003 dev the second pass measured no gain over the richer first pass and halves the speed)")
	clusters := flag.String("clusters", "", `word clusters: lines of word, fine, mid and coarse cluster ids (as written by -text); "none" for none; default: the shipped model's`)
	isoCodes := flag.String("iso-codes", "/usr/share/iso-codes/json", "Debian iso-codes JSON folder (countries, regions, languages, currencies)")
	tzdata := flag.String("tzdata", "/usr/share/zoneinfo/zone1970.tab", "tzdata zone table (city names)")
	words := flag.String("words", "/usr/share/dict/american-english", "word list: lower-case entries are common words, capitalised ones proper names")
	text := flag.String("text", "", "comma-separated unlabelled texts (.jsonl with title/text/article fields, or plain text) to learn word clusters from; the training words are added")
	clustersOut := flag.String("clusters-out", "", "with -text: also write the learned clusters here")
	flag.Parse()
	if *train == "" {
		flag.Usage()
		os.Exit(2)
	}
	if *text != "" {
		if *clusters != "" {
			log.Fatal("use -text or -clusters, not both")
		}
		docs, err := readDocs(*train)
		if err != nil {
			log.Fatal(err)
		}
		cl, err := learnClusters(strings.Split(*text, ","), docs)
		if err != nil {
			log.Fatal(err)
		}
		if *clustersOut == "" {
			*clustersOut = *out + ".clusters"
		}
		if err := writeClusters(*clustersOut, cl); err != nil {
			log.Fatal(err)
		}
		*clusters = *clustersOut
	}
	if err := run(*train, *dev, *out, *epochs, *minCount, *prune, *folds, *clusters, *isoCodes, *tzdata, *words); err != nil {
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

func run(train, dev, out string, epochs, minCount, prune, folds int, clusters, isoCodes, tzdata, words string) error {
	start := time.Now()
	opts := ner.Options{Epochs: epochs, MinCount: minCount, Folds: folds, Prune: prune, Log: log.Printf, Gazetteers: map[string][]string{}}
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
	docs, err := readDocs(train)
	if err != nil {
		return err
	}
	if dev != "" {
		if opts.Dev, err = readDocs(dev); err != nil {
			return err
		}
	}
	switch clusters {
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
		if opts.Clusters, err = readClusters(clusters); err != nil {
			return err
		}
		log.Printf("%d clustered words", len(opts.Clusters))
	}
	loadISO(isoCodes, opts.Gazetteers)
	loadTZ(tzdata, opts.Gazetteers)
	loadWords(words, opts.Gazetteers)
	for c, ps := range opts.Gazetteers {
		log.Printf("gazetteer %s: %d phrases", c, len(ps))
	}
	m, err := ner.Train(docs, opts)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fi, _ := os.Stat(out)
	log.Printf("wrote %s (%d bytes) in %s", out, fi.Size(), time.Since(start).Round(time.Second))
	return nil
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

func learnClusters(files []string, train []ner.Doc) (map[string][3]int, error) {
	c := ner.NewClusterCorpus()
	for _, d := range train {
		for _, s := range d.Words {
			c.AddTokens(s)
		}
	}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		before := c.Tokens()
		if strings.HasSuffix(path, ".jsonl") {
			seen := map[string]bool{}
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
			for sc.Scan() {
				var rec map[string]any
				if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
					f.Close()
					return nil, fmt.Errorf("%s: %w", path, err)
				}
				for _, k := range []string{"title", "text", "article"} {
					s, _ := rec[k].(string)
					if s == "" || seen[s] {
						continue
					}
					seen[s] = true
					c.AddText(s)
				}
			}
			err = sc.Err()
		} else {
			var b []byte
			if b, err = io.ReadAll(f); err == nil {
				c.AddText(string(b))
			}
		}
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		log.Printf("%s: %d tokens", path, c.Tokens()-before)
	}
	return ner.LearnClusters(c, ner.ClusterOptions{Log: log.Printf}), nil
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
