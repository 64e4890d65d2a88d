package conlleval

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// DocStart is the first field of the line that separates CoNLL documents.
const DocStart = "-DOCSTART-"

// A Sentence is one blank-line-separated group of token lines.
type Sentence struct {
	Words []string // first column
	Tags  []string // last column (the gold tag)
	Lines []string // the lines as read, without the line ending
}

// A Document is a run of sentences between -DOCSTART- lines.
type Document struct {
	Sentences []Sentence
}

// A File is a whole CoNLL file: its documents, and its raw structure so
// that it can be written back with one more column.
type File struct {
	Documents []Document
	// Items lists the file's lines in order: a blank line, a -DOCSTART-
	// line, or a token (document, sentence and token indices).
	Items []Item
}

// An Item is one line of a CoNLL file.
type Item struct {
	Kind     ItemKind
	Line     string // the line as read (for Blank and DocLine, too)
	Doc, Sen int    // for Token: where the token is
	Tok      int
}

// ItemKind tells what a line of a CoNLL file is.
type ItemKind uint8

// The kinds of CoNLL lines.
const (
	Blank ItemKind = iota
	DocLine
	TokenLine
)

// Read parses CoNLL-format text: the word in the first column, the tag in
// the last, columns separated by spaces or tabs, blank lines ending
// sentences and "-DOCSTART-" lines separating documents (before or after
// each). A token line with a single column is an error: it has no tag.
// Invalid UTF-8 in words is repaired.
func Read(r io.Reader) (*File, error) {
	f := &File{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var doc Document
	var sen Sentence
	lineNo := 0
	flushSentence := func() {
		if len(sen.Words) > 0 {
			doc.Sentences = append(doc.Sentences, sen)
			sen = Sentence{}
		}
	}
	flushDoc := func() {
		flushSentence()
		if len(doc.Sentences) > 0 {
			f.Documents = append(f.Documents, doc)
			doc = Document{}
		}
	}
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
			flushSentence()
			f.Items = append(f.Items, Item{Kind: Blank, Line: line})
		case fields[0] == DocStart:
			flushDoc()
			f.Items = append(f.Items, Item{Kind: DocLine, Line: line})
		default:
			if len(fields) < 2 {
				return nil, fmt.Errorf("conlleval: line %d: want a word and a tag, got %q", lineNo, line)
			}
			w := fields[0]
			if !utf8.ValidString(w) {
				w = strings.ToValidUTF8(w, "\uFFFD")
			}
			f.Items = append(f.Items, Item{Kind: TokenLine, Line: line,
				Doc: len(f.Documents), Sen: len(doc.Sentences), Tok: len(sen.Words)})
			sen.Words = append(sen.Words, w)
			sen.Tags = append(sen.Tags, fields[len(fields)-1])
			sen.Lines = append(sen.Lines, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conlleval: read line %d: %w", lineNo+1, err)
	}
	flushDoc()
	return f, nil
}

// Words returns a document's words, sentence by sentence.
func (d *Document) Words() [][]string {
	out := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = s.Words
	}
	return out
}

// Tokens counts the document's tokens.
func (d *Document) Tokens() int {
	n := 0
	for _, s := range d.Sentences {
		n += len(s.Words)
	}
	return n
}
