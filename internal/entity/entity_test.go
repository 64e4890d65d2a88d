package entity

import (
	"strings"
	"testing"

	"github.com/byline-nlp/byline/internal/text"
)

// wordsTags splits "word/TAG" text (untagged words are O) into a
// one-sentence document and its tags.
func wordsTags(s string) (*text.Document, []string) {
	var ws, tags []string
	for _, f := range strings.Fields(s) {
		w, t, ok := strings.Cut(f, "/")
		if !ok || w == "" {
			w, t = f, "O"
		}
		ws = append(ws, w)
		tags = append(tags, t)
	}
	return text.NewTokenizedDocument([][]string{ws}), tags
}

// spansOf renders tags as "Words/TYPE" entities, in order.
func spansOf(doc *text.Document, tags []string) []string {
	var out []string
	for _, s := range tagSpans(tags) {
		var ws []string
		for k := s.start; k < s.end; k++ {
			ws = append(ws, doc.Tokens[k].Text)
		}
		out = append(out, strings.Join(ws, " ")+"/"+s.typ)
	}
	return out
}

// TestRepairTags runs each repair rule on our own sentences, tagged the
// way the tagger goes wrong on them.
func TestRepairTags(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"given name and particles", "The bloc's chief Ursula/B-LOC von der Leyen/B-LOC arrived late .",
			[]string{"Ursula von der Leyen/PER"}},
		{"given name, untagged, before particles", "Farmers cheered Pieter van Wyk/B-MISC at the depot .",
			[]string{"Pieter van Wyk/PER"}},
		{"strong particle ends a tagged person", "Prince Khalid/B-PER bin Farhan spoke to reporters .",
			[]string{"Khalid bin Farhan/PER"}},
		{"weak particle does not", "They thanked Garcia/B-PER de Sevilla for it .",
			[]string{"Garcia/PER"}},
		{"recent companies and products", "Tesla/B-PER and Nvidia/B-LOC shares rose as OpenAI updated ChatGPT .",
			[]string{"Tesla/ORG", "Nvidia/ORG", "OpenAI/ORG", "ChatGPT/MISC"}},
		{"a recent name inside a longer one stays", "A statue of Nikola/B-PER Tesla/I-PER stands here .",
			[]string{"Nikola Tesla/PER"}},
		{"particles inside a place stay", "Flights to Santiago/B-LOC de/I-LOC Cuba/I-LOC resumed .",
			[]string{"Santiago de Cuba/LOC"}},
		{"given name starts a mistyped name", "A letter from Keir/B-ORG Starmer/I-ORG reached the mayor .",
			[]string{"Keir Starmer/PER"}},
		{"given name before a group noun stays", "The Christian/B-ORG Democrats/I-ORG won Bavaria/B-LOC .",
			[]string{"Christian Democrats/ORG", "Bavaria/LOC"}},
		{"given name before a place noun stays", "They met at Nelson/B-LOC Mandela/I-LOC Square/I-LOC .",
			[]string{"Nelson Mandela Square/LOC"}},
		{"head and of-phrase join the name", "A study by the Oslo-based/B-MISC Institute for the Study/B-ORG of/I-ORG Glaciers/I-ORG found melting .",
			[]string{"Oslo-based/MISC", "Institute for the Study of Glaciers/ORG"}},
		{"university of a place", "She teaches at the University of Tromso/B-LOC now .",
			[]string{"University of Tromso/ORG"}},
		{"tagged head takes its of-phrase", "The Harbour/B-LOC Chamber/I-LOC of Commerce objected .",
			[]string{"Harbour Chamber of Commerce/ORG"}},
		{"no of-phrase of a weekday", "The Port/B-ORG Council/I-ORG on Friday voted .",
			[]string{"Port Council/ORG"}},
		{"lower-case words cut", "Rain hit Porto/B-LOC Alegre/I-LOC have/I-LOC all week .",
			[]string{"Porto Alegre/LOC"}},
		{"leading function word cut", "Residents of/B-LOC Ardmore/I-LOC , who waited .",
			[]string{"Ardmore/LOC"}},
		{"comma before lower case cut", "The Town/B-ORG Hall/I-ORG ,/I-ORG which/I-ORG opened .",
			[]string{"Town Hall/ORG"}},
		{"function word ends a person", "Envoy Lars/B-PER Brekke/I-PER of/I-PER Norway/I-PER spoke .",
			[]string{"Lars Brekke/PER"}},
		{"bracketed acronym split off", "The Board/B-ORG for/I-ORG Tidal/I-ORG Energy/I-ORG (/I-ORG BTE/I-ORG )/I-ORG ruled .",
			[]string{"Board for Tidal Energy/ORG", "BTE/ORG"}},
		{"acronym widens the name", "The Nordic/B-MISC Ferry/B-ORG Workers/I-ORG Union/I-ORG ( NFWU/B-ORG ) struck .",
			[]string{"Nordic Ferry Workers Union/ORG", "NFWU/ORG"}},
		{"acronym that spells nothing stays", "Result : Vardar/B-ORG (/I-ORG SK/I-ORG )/I-ORG 3 .",
			[]string{"Vardar ( SK )/ORG"}},
		{"last title splits", "Chief/B-MISC Operating/I-MISC Officer/I-MISC Mira/I-MISC Holt/I-MISC resigned .",
			[]string{"Mira Holt/PER"}},
		{"event heads make MISC", "Fans of Nora/B-PER Vale/I-PER 's/O Lantern/B-PER Tour/I-PER queued .",
			[]string{"Nora Vale/PER", "Lantern Tour/MISC"}},
		{"head types an organisation", "Shares in Hanbit/B-PER Semiconductor/I-PER fell .",
			[]string{"Hanbit Semiconductor/ORG"}},
		{"investment and cooperative heads type organisations", "Grants from Fjord/B-PER Coast/I-PER Investment/I-PER and Valle/B-PER Verde/I-PER Cooperative/I-PER arrived .",
			[]string{"Fjord Coast Investment/ORG", "Valle Verde Cooperative/ORG"}},
		{"a pair after in with one place makes two places", "Depots open in Kitale/B-LOC and Kericho/B-ORG soon .",
			[]string{"Kitale/LOC", "Kericho/LOC"}},
		{"a pair of clubs keeps its types", "A draw between Italy/B-LOC and Juventus/B-ORG ended it .",
			[]string{"Italy/LOC", "Juventus/ORG"}},
		{"an amount after a currency sign is no name", "It set aside $ A86m/B-MISC for Cairns/B-LOC .",
			[]string{"Cairns/LOC"}},
		{"a tagged head with a determiner takes its of-phrase", "The/B-ORG Ministry/I-ORG of/O Fisheries/B-ORG said .",
			[]string{"Ministry of Fisheries/ORG"}},
		{"a list in an of-phrase runs to its last item", "The/B-ORG Ministry/I-ORG of/O Trade/B-ORG ,/I-ORG Industry/I-ORG and/O Energy/B-ORG said .",
			[]string{"Ministry of Trade , Industry and Energy/ORG"}},
		{"platform X after a posting verb", "The minister wrote on X that talks failed .",
			[]string{"X/ORG"}},
		{"X glossed as formerly Twitter", "She left X , formerly Twitter , in May/O .",
			[]string{"X/ORG", "Twitter/ORG"}},
		{"X as a letter stays", "Point X is on the map .",
			nil},
		{"towns in a list", "Floods hit Kilbride/B-LOC , Ardmore/B-ORG and Castlebar/B-ORG overnight .",
			[]string{"Kilbride/LOC", "Ardmore/LOC", "Castlebar/LOC"}},
		{"acronyms in a list stay", "Leaders of Norway/B-LOC , Chile/B-LOC and NATO/B-ORG met .",
			[]string{"Norway/LOC", "Chile/LOC", "NATO/ORG"}},
		{"two names are not a list", "Talks between Norway/B-LOC and Hamas/B-ORG stalled .",
			[]string{"Norway/LOC", "Hamas/ORG"}},
		{"town, country", "The jet fell near Dunmore/B-ORG , Ireland/B-LOC .",
			[]string{"Dunmore/LOC", "Ireland/LOC"}},
		{"organisation noun before a name", "Analysts at the consultancy Tallis/B-PER Metrics/I-PER agreed .",
			[]string{"Tallis Metrics/ORG"}},
		{"appositive organisation noun", "Lumo/B-PER Grid/I-PER , a Lisbon/B-LOC company that builds batteries , grew .",
			[]string{"Lumo Grid/ORG", "Lisbon/LOC"}},
		{"appositive role is a person's", "Ana/B-PER Reis/I-PER , a company spokeswoman , declined .",
			[]string{"Ana Reis/PER"}},
		{"geographic noun after a name", "Drilling in the Rio/B-ORG Seco/I-ORG shale field slowed .",
			[]string{"Rio Seco/LOC"}},
		{"road noun ends a name", "Traffic on Harbour/B-ORG Expressway/I-ORG crawled .",
			[]string{"Harbour Expressway/LOC"}},
		{"given name and a surname that is a noun", "Director Marta/B-PER Road/I-PER spoke .",
			[]string{"Marta Road/PER"}},
		{"compass point and of", "Vineyards north of Vienne/B-ORG flooded .",
			[]string{"Vienne/LOC"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, tags := wordsTags(tc.in)
			in := append([]string(nil), tags...)
			got := spansOf(doc, Repair(doc, tags, All))
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if strings.Join(in, " ") != strings.Join(tags, " ") {
				t.Errorf("Repair changed its input")
			}
		})
	}
}

// TestRulesAlone runs each of the finer rules of Trims, GivenNames,
// Recent and Particles on its own, on our own sentences: it must make its
// fix by itself, and the sentence must come out as tagged with no rule.
func TestRulesAlone(t *testing.T) {
	tests := []struct {
		name    string
		r       Repairs
		in      string
		with    []string
		without []string // with no rule
	}{
		{"sentence-initial particles open a person", InitialParticles, "Von der/B-ORG Leyen/I-ORG said the bloc would act .",
			[]string{"Von der Leyen/PER"}, []string{"der Leyen/ORG"}},
		{"capitalised particle after a sentence start", InitialParticles, "Later , Van der/B-LOC Berg/I-LOC replied .",
			[]string{"Van der Berg/PER"}, []string{"der Berg/LOC"}},
		{"no capitalised particle, no person", InitialParticles, "der/B-ORG Spiegel/I-ORG reported it .",
			[]string{"der Spiegel/ORG"}, []string{"der Spiegel/ORG"}},
		{"British title without a full stop", Titles, "Mr/B-PER Heyns/I-PER said the plan had failed .",
			[]string{"Heyns/PER"}, []string{"Mr Heyns/PER"}},
		{"platform X", PlatformX, "He wrote on X that the vote was rigged .",
			[]string{"X/ORG"}, nil},
		{"recent firms only", RecentOrgs, "Tesla/B-PER shares rose as OpenAI updated ChatGPT .",
			[]string{"Tesla/ORG", "OpenAI/ORG"}, []string{"Tesla/PER"}},
		{"recent products only", RecentProducts, "Tesla/B-PER shares rose as OpenAI updated ChatGPT .",
			[]string{"Tesla/PER", "ChatGPT/MISC"}, []string{"Tesla/PER"}},
		{"given name in an organisation", GivenNamesORG, "A letter from Keir/B-ORG Starmer/I-ORG reached the mayor .",
			[]string{"Keir Starmer/PER"}, []string{"Keir Starmer/ORG"}},
		{"given name in an organisation, place rule", GivenNamesLOC, "A letter from Keir/B-ORG Starmer/I-ORG reached the mayor .",
			[]string{"Keir Starmer/ORG"}, []string{"Keir Starmer/ORG"}},
		{"amount after a currency sign", TrimAmounts, "It set aside $ A86m/B-MISC for Cairns/B-LOC .",
			[]string{"Cairns/LOC"}, []string{"A86m/MISC", "Cairns/LOC"}},
		{"comma before lower case", TrimClauses, "The Town/B-ORG Hall/I-ORG ,/I-ORG which/I-ORG opened .",
			[]string{"Town Hall/ORG"}, []string{"Town Hall , which/ORG"}},
		{"function word in a person", TrimPersonWords, "Envoy Lars/B-PER Brekke/I-PER of/I-PER Norway/I-PER spoke .",
			[]string{"Lars Brekke/PER"}, []string{"Lars Brekke of Norway/PER"}},
		{"lower-case tail", TrimTails, "Rain hit Porto/B-LOC Alegre/I-LOC have/I-LOC all week .",
			[]string{"Porto Alegre/LOC"}, []string{"Porto Alegre have/LOC"}},
		{"lower-case head", TrimHeads, "Residents of/B-LOC Ardmore/I-LOC waited .",
			[]string{"Ardmore/LOC"}, []string{"of Ardmore/LOC"}},
		{"bracketed acronym", SplitAcronyms, "The Board/B-ORG for/I-ORG Tidal/I-ORG Energy/I-ORG (/I-ORG BTE/I-ORG )/I-ORG ruled .",
			[]string{"Board for Tidal Energy/ORG", "BTE/ORG"}, []string{"Board for Tidal Energy ( BTE )/ORG"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, tags := wordsTags(tc.in)
			if got := spansOf(doc, Repair(doc, tags, tc.r)); strings.Join(got, "|") != strings.Join(tc.with, "|") {
				t.Errorf("with the rule: got %q, want %q", got, tc.with)
			}
			if got := spansOf(doc, Repair(doc, tags, 0)); strings.Join(got, "|") != strings.Join(tc.without, "|") {
				t.Errorf("with no rule: got %q, want %q", got, tc.without)
			}
		})
	}
}

// FuzzRepairTags feeds arbitrary words and tags through the repairs and
// the merging: no panic, one tag per token, spans inside the body.
func FuzzRepairTags(f *testing.F) {
	f.Add("EU chief Ursula von der Leyen wrote on X", "OOBOOBOO")
	f.Add("the Institute for the Study of War ( ISW ) said", "OBOOBIIOBOO")
	f.Add("Kilbride , Ardmore and Castlebar , Ireland", "BOBOBOB")
	f.Fuzz(func(t *testing.T, sentence, tagCodes string) {
		words := strings.Fields(sentence)
		if len(words) == 0 || len(words) > 200 {
			return
		}
		types := []string{"PER", "LOC", "ORG", "MISC"}
		var tags []string
		for i := range words {
			c := byte('O')
			if i < len(tagCodes) {
				c = tagCodes[i]
			}
			switch c % 3 {
			case 0:
				tags = append(tags, "O")
			case 1:
				tags = append(tags, "B-"+types[int(c)%4])
			default:
				tags = append(tags, "I-"+types[int(c)%4])
			}
		}
		doc := text.NewTokenizedDocument([][]string{words})
		if len(doc.Tokens) != len(tags) {
			return // the tokenizer re-split a word
		}
		out := Repair(doc, tags, All)
		if len(out) != len(tags) {
			t.Fatalf("%d tags for %d tokens", len(out), len(tags))
		}
		for _, e := range Merge(doc, tags, All) {
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > len(doc.Body) || m.Start > m.End {
					t.Fatalf("mention span %v outside the body", m.Span)
				}
			}
		}
	})
}

// TestInTitle checks which entities a headline names: a plural demonym
// names the nationality, a lower-case common noun in a sentence-case
// headline names nothing, and lower-case words of a name may be
// missing from a headline that writes them.
func TestInTitle(t *testing.T) {
	tests := []struct {
		title string
		want  map[string]bool
	}{
		{"Europeans back dock board plan", map[string]bool{"European": true, "Dock Board": false, "Institute for Ports": false}},
		{"Dock Board Rejects Plan By Institute For Ports", map[string]bool{"European": false, "Dock Board": true, "Institute for Ports": true}},
	}
	body := "European ministers met the Dock Board and the Institute for Ports on Monday."
	spans := map[string]string{"European": "MISC", "Dock Board": "ORG", "Institute for Ports": "ORG"}
	for _, tc := range tests {
		doc := text.NewTextDocument(tc.title, body)
		tags := make([]string, len(doc.Tokens))
		for i := range tags {
			tags[i] = "O"
		}
		for name, typ := range spans {
			ws := strings.Fields(name)
			for i := 0; i+len(ws) <= len(doc.Tokens); i++ {
				match := true
				for k, w := range ws {
					match = match && doc.Tokens[i+k].Text == w
				}
				if match {
					setSpan(tags, i, i+len(ws), typ)
				}
			}
		}
		for _, e := range Merge(doc, tags, All) {
			if want, ok := tc.want[e.Name]; ok && e.InTitle != want {
				t.Errorf("%q: %s InTitle %v, want %v", tc.title, e.Name, e.InTitle, want)
			}
		}
	}
}
