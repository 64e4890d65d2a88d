package segment

import (
	"reflect"
	"strings"
	"testing"
)

func texts(s string, toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = s[t.Start:t.End]
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by "|"
	}{
		{"Hello, world!", "Hello|,|world|!"},
		{"The U.S. economy grew 2.5% in Jan. 2024.", "The|U.S.|economy|grew|2.5|%|in|Jan.|2024|."},
		{"J. R. R. Tolkien wrote it.", "J.|R.|R.|Tolkien|wrote|it|."},
		{"It cost $4.5bn, or €120m.", "It|cost|$4.5bn|,|or|€120m|."},
		{"Some 1,200 people came at 10:30.", "Some|1,200|people|came|at|10:30|."},
		{"Zelensky's allies don't agree.", "Zelensky|'s|allies|do|n't|agree|."},
		{"Zelensky’s plan", "Zelensky|’s|plan"},
		{"the U.S.'s plan", "the|U.S.|'s|plan"},
		{"O'Brien and rock'n'roll", "O'Brien|and|rock'n'roll"},
		{"a 30-year-old U.S.-based farmer", "a|30-year-old|U.S.-based|farmer"},
		{"See https://example.com/a_b.html. Then", "See|https://example.com/a_b.html|.|Then"},
		{"Mail jane.doe@example.org, please", "Mail|jane.doe@example.org|,|please"},
		{"#ceasefire talks @UN", "#ceasefire|talks|@UN"},
		{"Wait... what … now", "Wait|...|what|…|now"},
		{"end . . . . Next", "end|. . . .|Next"},
		{"peace.” He said", "peace|.|”|He|said"},
		{"“We are ready,” she said", "“|We|are|ready|,|”|she|said"},
		{"war—and peace -- maybe", "war|—|and|peace|--|maybe"},
		{"Dr. Smith met Mr. Jones", "Dr.|Smith|met|Mr.|Jones"},
		{"Münchner Straße 5", "Münchner|Straße|5"},
		{"東京都 は", "東京都|は"},
		{"the players' union", "the|players|'|union"},
		{"e.g. this, i.e. that", "e.g.|this|,|i.e.|that"},
		{"http://x'é", "http://x'é"}, // a quote before a non-ASCII byte (found by FuzzSegment)
		// invisible characters: inside a word part of it, between words a space
		{"Doug An\u00addres said", "Doug|An\u00addres|said"},
		{"Doug \u00adAndres said", "Doug|Andres|said"},
		{"the Riv\u200ber Trust", "the|Riv\u200ber|Trust"},
		{"end\u200b \ufeffstart", "end|start"},
		{"half-\u00ad", "half|-"},
		{"\u00ad\u200b", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := strings.Join(texts(tt.in, Tokenize(tt.in, nil)), "|")
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestTokenKinds(t *testing.T) {
	in := "Visit www.example.com or mail a@b.co about #tags, $5 and 3.2% now!"
	want := map[string]Kind{
		"Visit": Word, "www.example.com": URL, "a@b.co": Email, "#tags": Hashtag,
		"$5": Number, "3.2": Number, "%": Symbol, "!": Punct,
	}
	for _, tok := range Tokenize(in, nil) {
		text := in[tok.Start:tok.End]
		if k, ok := want[text]; ok && k != tok.Kind {
			t.Errorf("%q: kind %d, want %d", text, tok.Kind, k)
		}
	}
}

func split(s string) []string {
	toks := Tokenize(s, nil)
	paras := Paragraphs(s)
	var out []string
	for _, b := range Sentences(s, toks, paras) {
		out = append(out, s[toks[b.First].Start:toks[b.Last-1].End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two.", []string{"One.", "Two."}},
		{"Gen. Ivan Petrov spoke. He left.", []string{"Gen. Ivan Petrov spoke.", "He left."}},
		{`“We want peace.” He said it twice.`, []string{`“We want peace.”`, "He said it twice."}},
		{`“We want peace,” he said. “Now.”`, []string{`“We want peace,” he said.`, `“Now.”`}},
		{"Shares rose 4.5 percent. Bonds fell.", []string{"Shares rose 4.5 percent.", "Bonds fell."}},
		{"He lives in the U.S. He works there.", []string{"He lives in the U.S.", "He works there."}},
		{"The U.S. Senate voted.", []string{"The U.S. Senate voted."}},
		{"First paragraph\n\nSecond one.", []string{"First paragraph", "Second one."}},
		{"A line\nbroken in two.", []string{"A line\nbroken in two."}},
		{"Is it? Yes! Really?!", []string{"Is it?", "Yes!", "Really?!"}},
		{"He paused... Then he left.", []string{"He paused...", "Then he left."}},
		// an acronym's period before a capitalised word ends a sentence
		// only on evidence: not inside a run of capitals
		{"The VW ID. SPACE VIZZION is a concept car. It seats four.", []string{"The VW ID. SPACE VIZZION is a concept car.", "It seats four."}},
		{"The VW ID. Buzz is a van.", []string{"The VW ID. Buzz is a van."}},
		{"Norway joined NATO. Members cheered.", []string{"Norway joined NATO.", "Members cheered."}},
		{"It was the FBI. The agency declined.", []string{"It was the FBI.", "The agency declined."}},
		{"She met the OSCE. OSCE monitors left.", []string{"She met the OSCE.", "OSCE monitors left."}},
		{"They remember World War II. Veterans marched.", []string{"They remember World War II.", "Veterans marched."}},
		{"He spoke on Ettounsi TV. Viewers called in.", []string{"He spoke on Ettounsi TV.", "Viewers called in."}},
		{"Visit https://x.org/a. Then go.", []string{"Visit https://x.org/a.", "Then go."}},
		{"1. Buy milk. 2. Sell eggs.", []string{"1. Buy milk.", "2. Sell eggs."}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := split(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("split(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	s := "  a b\n\n\n c\n d \n \t\ne\n"
	var got []string
	for _, p := range Paragraphs(s) {
		got = append(got, s[p.Start:p.End])
	}
	want := []string{"a b", "c\n d", "e"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Paragraphs = %q, want %q", got, want)
	}
}

// BenchmarkPathological tokenizes inputs built to make a careless scanner
// quadratic: long chains of joiners inside one word, runs of periods and
// of spaced ellipsis dots. Each must cost about what plain text costs.
func BenchmarkPathological(b *testing.B) {
	inputs := map[string]string{
		"hyphens":  strings.Repeat("ab-", 1<<17),
		"dots":     strings.Repeat("a.", 1<<17),
		"periods":  strings.Repeat(".", 1<<18),
		"ellipsis": strings.Repeat(" .", 1<<17),
		"quotes":   strings.Repeat("’s", 1<<17),
		"email":    strings.Repeat("a_", 1<<17) + "@x",
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				toks := Tokenize(in, nil)
				Sentences(in, toks, Paragraphs(in))
			}
		})
	}
}

func TestVisible(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Andres", "Andres"},
		{"An\u00addres", "Andres"},
		{"Riv\u200ber\u2060", "River"},
		{"\ufeffMünchen", "München"},
		{"", ""},
	} {
		if got := Visible(tc.in); got != tc.want {
			t.Errorf("Visible(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = Visible("Münchner Straße") }); n != 0 {
		t.Errorf("Visible allocates %v times for a word without invisible characters", n)
	}
}
