// Package idf holds inverse document frequencies of English news words,
// for ranking key phrases: a word most articles use ("city", "people")
// says less about one article than a rarer one ("desalination").
//
// The table is statistics only: for each Porter stem (lowercase ASCII
// letters, stemmed as internal/rouge.Stem does when longer than 3
// letters) that occurs in at least 3 articles, the number of articles
// holding it, counted over the 1,611 articles of the CNN/DailyMail (CNN
// validation stories) and BBC News Summary dev sets in ../shared/data.
// No text ships. Both sets are for research use; see
// ../shared/data/summarization/README.md.
package idf

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"math"
	"strconv"
	"strings"
	"sync"
)

//go:embed df.txt.gz
var raw []byte

var (
	once  sync.Once
	table map[string]int32
	docs  int
)

func load() {
	table = map[string]int32{}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return // an empty table: every word then weighs the same
	}
	sc := bufio.NewScanner(zr)
	if sc.Scan() {
		docs, _ = strconv.Atoi(strings.TrimSpace(sc.Text()))
	}
	for sc.Scan() {
		w, c, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(c); err == nil {
			table[w] = int32(n)
		}
	}
}

// Docs reports how many articles the table was counted over.
func Docs() int {
	once.Do(load)
	return docs
}

// IDF returns ln((N+1)/(df+1)) + 1 for a stem, where N is Docs() and df
// the number of articles holding the stem. Stems outside the table
// occurred in fewer than 3 articles and are scored as if in 2. It is
// safe for concurrent use.
func IDF(stem string) float64 {
	once.Do(load)
	df, ok := table[stem]
	if !ok {
		df = 2
	}
	return math.Log(float64(docs+1)/float64(df+1)) + 1
}
