package byline

import (
	"strings"
	"testing"
)

// TestQuotesAttribution covers attribution constructions that the
// general rules must handle: pronouns whose nearest name sits inside a
// quote, phrasal cues, participial clauses around a mixed quote, names
// with particles, and quotes attributed by their sentence's subject.
// The texts are our own.
func TestQuotesAttribution(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []quoteWant
	}{
		{
			name: "a name inside a quote is not the pronoun's antecedent",
			text: "Tomas, a 28-year-old welder, said that the strike could last for “many months.” " +
				"“Governor Elena Marsh is hiring new crews, and she is lying to us,” he added.",
			want: []quoteWant{
				{kind: MixedQuote, speaker: "Tomas", cue: "said", person: "Tomas"},
				{kind: DirectQuote, speaker: "he", cue: "added", person: "Tomas"},
			},
		},
		{
			name: "pronoun prefers the previous quote's speaker to an object",
			text: "Although Mayor Ida Brandt doubted a quick deal, she said she expected “a fair hearing” from Paul Ferro. " +
				"She described the talks as “a first step.”",
			want: []quoteWant{
				{kind: MixedQuote, speaker: "she", cue: "said", person: "Ida Brandt"},
				{kind: MixedQuote, speaker: "She", cue: "described", person: "Ida Brandt"},
			},
		},
		{
			name: "pronoun after an intervening sentence takes that sentence's subject",
			text: "“The port will reopen in June,” said Ida Brandt.\n\nPaul Ferro, the harbour master, disagreed with the date. " +
				"“We need another month at least,” he said.",
			want: []quoteWant{
				{kind: DirectQuote, speaker: "Ida Brandt", cue: "said", person: "Ida Brandt"},
				{kind: DirectQuote, speaker: "he", cue: "said", person: "Paul Ferro"},
			},
		},
		{
			name: "a name in apposition to a description speaks",
			text: "The port's chief engineer, Dr. Mira Lund, told reporters that “the pumps will hold.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Dr. Mira Lund", cue: "told", person: "Mira Lund"}},
		},
		{
			name: "a description in apposition to a name leaves the name speaking",
			text: "Mira Lund, the port's chief engineer, told reporters that “the pumps will hold.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Mira Lund", cue: "told", person: "Mira Lund"}},
		},
		{
			name: "a name post-modified by its group speaks, not the group",
			text: "Councillor Petter Ahlgren of the Green Left group argued that “the budget leaves the harbour district behind.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Councillor Petter Ahlgren", cue: "argued", person: "Petter Ahlgren"}},
		},
		{
			name: "a description post-modified by an organisation speaks whole",
			text: "A spokeswoman for the Baltic Ferry Line said that “crossings resume on Friday.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "A spokeswoman for the Baltic Ferry Line", cue: "said"}},
		},
		{
			name: "a document from an organisation: the organisation speaks, its name whole",
			text: "An analysis from the Bergen-based Institute for the Study of Coastal Trade reported that “exports have barely moved.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Bergen-based Institute for the Study of Coastal Trade", cue: "reported", person: "Institute for the Study of Coastal Trade"}},
		},
		{
			name: "a hyphenated name before the cue",
			text: "“Orders are ahead of capacity,” chief executive Park Ji-hoon told analysts on a call.",
			want: []quoteWant{{kind: DirectQuote, speaker: "Park Ji-hoon", cue: "told", person: "Park Ji-hoon"}},
		},
		{
			name: "a place qualifying a description is not the speaker",
			text: "One fund manager in Lisbon, who asked not to be named, said the bonds were “priced for perfection.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "One fund manager", cue: "said"}},
		},
		{
			name: "phrasal cue pointed out",
			text: "Lena Ortiz pointed out that “the river has never flooded in May.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Lena Ortiz", cue: "pointed out"}},
		},
		{
			name: "phrasal cue shot back",
			text: "“That is simply not true,” the mayor shot back.",
			want: []quoteWant{{kind: DirectQuote, speaker: "the mayor", cue: "shot back"}},
		},
		{
			name: "phrasal cue went on to say",
			text: "Lena Ortiz went on to say that “the bridge is safe for now.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Lena Ortiz", cue: "went on to say"}},
		},
		{
			name: "opening participial clause and a participle after the quote",
			text: "Walking beside Ana Ruiz, Peter Holm stressed that “the budget must pass first,” insisting that Norland needs a seat at the next meeting.",
			want: []quoteWant{{kind: MixedQuote, speaker: "Peter Holm", cue: "stressed", text: "the budget must pass first"}},
		},
		{
			name: "participle after a second quote takes the sentence subject",
			text: "Council leader Mira Holt called the plan “bold” and praised the staff, adding, “The work starts in June.”",
			want: []quoteWant{
				{kind: MixedQuote, text: "bold", cue: "called"},
				{kind: DirectQuote, speaker: "Council leader Mira Holt", cue: "adding", person: "Mira Holt"},
			},
		},
		{
			name: "name with a run of particles",
			text: "EU envoy Karin van der Berg remarked on Friday that “the talks went well.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Karin van der Berg", cue: "remarked", person: "Karin van der Berg"}},
		},
		{
			name: "name with particles after an inverted cue",
			text: "“We are close to a deal,” said Karin van der Berg.",
			want: []quoteWant{{kind: DirectQuote, speaker: "Karin van der Berg", cue: "said"}},
		},
		{
			name: "reiterated is a cue",
			text: "Holm reiterated that “every school will stay open this winter.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Holm", cue: "reiterated"}},
		},
		{
			name: "a cue whose subject is it yields to an earlier cue",
			text: "Ana Ruiz says it underscores that the mayor is “out of touch with the port.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Ana Ruiz", cue: "says"}},
		},
		{
			name: "a participle's subject is never inside an earlier quote",
			text: "“She asked the port for help all winter long,” said harbour chief Ida Brandt, summing up talks that ran past midnight on the docks and the ferries. “People want results.”",
			want: []quoteWant{{kind: DirectQuote, parts: 2, speaker: "Ida Brandt", cue: "said"}},
		},
		{
			name: "an -ly adverb between speaker and cue",
			text: "Ana Ruiz tearfully insisted that “the pier will be rebuilt by spring.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Ana Ruiz", cue: "insisted"}},
		},
		{
			name: "a noun ending in -ly is a speaker, not an adverb",
			text: "The Ruiz family insisted that “the pier will be rebuilt by spring.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "The Ruiz family", cue: "insisted"}},
		},
		{
			name: "put it is a phrasal cue",
			text: "As the Harbour Gazette put it, “the old pier is a ruin and a danger.”",
			want: []quoteWant{{kind: DirectQuote, speaker: "Harbour Gazette", cue: "put it"}},
		},
		{
			name: "scolded is a cue",
			text: "Senator Ana Ruiz scolded him: “You have wasted a whole year on this pier.”",
			want: []quoteWant{{kind: DirectQuote, speaker: "Senator Ana Ruiz", cue: "scolded", person: "Ana Ruiz"}},
		},
		{
			name: "a negation between speaker and cue",
			text: "Ana Ruiz didn't admit that “the pier is lost for this season.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "Ana Ruiz", cue: "admit"}},
		},
		{
			name: "a description with a number",
			text: "Only 52 percent of voters agreed that the plan was “good enough for the port.”",
			want: []quoteWant{{kind: MixedQuote, speaker: "52 percent of voters", cue: "agreed"}},
		},
		{
			name: "a relative pronoun resolves to the name it follows",
			text: "The talks were led by Jonas Berg, who said that “the pier must be rebuilt by spring.” “It will cost a fortune,” he added.",
			want: []quoteWant{
				{kind: MixedQuote, speaker: "who", cue: "said", person: "Jonas Berg"},
				{kind: DirectQuote, speaker: "he", cue: "added", person: "Jonas Berg"},
			},
		},
		{
			name: "went on without a report is not a cue",
			text: "The talks went on for hours, and the union called the offer “an insult.”",
			want: []quoteWant{{kind: MixedQuote, text: "an insult", cue: "called"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := NewTextDocument("", tc.text)
			checkQuotes(t, doc, quotationMarks(Quotes(doc, nil)), tc.want, true)
		})
	}
}

// quotationMarks keeps the direct and mixed quotes: the attribution
// tables test who said what is in quotation marks; reported speech, which
// a learned model finds, has a table of its own (TestQuotesIndirect).
func quotationMarks(qs []Quote) []Quote {
	var out []Quote
	for _, q := range qs {
		if q.Kind != IndirectQuote {
			out = append(out, q)
		}
	}
	return out
}

// TestQuotesIndirect covers reported speech without quotation marks: the
// shapes news writes it in, its speaker, and a speaker post-modified by
// its group or produced by an organisation. The texts are our own.
func TestQuotesIndirect(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []quoteWant
	}{
		{
			name: "a cue and a clause without that",
			text: "Mayor Ida Brandt said the plan would fail without new funding.",
			want: []quoteWant{{kind: IndirectQuote, text: "the plan would fail without new funding", speaker: "Mayor Ida Brandt", cue: "said", person: "Ida Brandt"}},
		},
		{
			name: "according to a source",
			text: "According to the port authority, both ferry lines will resume service in May.",
			want: []quoteWant{{kind: IndirectQuote, text: "both ferry lines will resume service in May", speaker: "the port authority", cue: "According to"}},
		},
		{
			name: "a cue and its addressee",
			text: "The minister told reporters the talks had collapsed over fishing quotas.",
			want: []quoteWant{{kind: IndirectQuote, text: "the talks had collapsed over fishing quotas", speaker: "The minister", cue: "told"}},
		},
		{
			name: "the attribution interrupts the clause",
			text: "The harbour will close for two weeks, Brandt said, because the pumps need repairs.",
			want: []quoteWant{{kind: IndirectQuote, text: "The harbour will close for two weeks", speaker: "Brandt", cue: "said", person: "Brandt"}},
		},
		{
			name: "a name post-modified by its group speaks, not the group",
			text: "Councillor Petter Ahlgren of the Green Left group argued that the budget leaves the harbour district behind.",
			want: []quoteWant{{kind: IndirectQuote, text: "the budget leaves the harbour district behind", speaker: "Councillor Petter Ahlgren", cue: "argued", person: "Petter Ahlgren"}},
		},
		{
			name: "a document from an organisation: the organisation speaks",
			text: "An analysis from the Bergen-based Institute for the Study of Coastal Trade reported that exports have barely moved since spring.",
			want: []quoteWant{{kind: IndirectQuote, text: "exports have barely moved since spring", speaker: "Bergen-based Institute for the Study of Coastal Trade", cue: "reported", person: "Institute for the Study of Coastal Trade"}},
		},
		{
			name: "a verb that is not a cue",
			text: "The ferry leaves at noon and returns before dark.",
			want: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := NewTextDocument("", tc.text)
			checkQuotes(t, doc, Quotes(doc, nil), tc.want, true)
		})
	}
}

// TestQuotesPronounSkipsQuotedNameWithEntities is the entity path of the
// quoted-name rule: the tagger finds the person named inside the quote,
// who must still not be the pronoun's antecedent.
func TestQuotesPronounSkipsQuotedNameWithEntities(t *testing.T) {
	text := "Tomas, a welder, said that the strike could last for “many months.” " +
		"“Elena Marsh is lying to us,” he added."
	ment := func(name string) Mention {
		at := strings.Index(text, name)
		return Mention{Span: Span{Start: at, End: at + len(name)}, Text: name}
	}
	ents := []Entity{
		{Name: "Tomas", Type: Person, Mentions: []Mention{ment("Tomas")}},
		{Name: "Elena Marsh", Type: Person, Mentions: []Mention{ment("Elena Marsh")}},
	}
	qs := Quotes(NewTextDocument("", text), ents)
	if len(qs) != 2 {
		t.Fatalf("got %d quotes, want 2: %+v", len(qs), qs)
	}
	if q := qs[1]; q.Speaker != "he" || q.Person != "Tomas" || q.Entity != 0 {
		t.Errorf("he → %q (entity %d), want Tomas (entity 0)", q.Person, q.Entity)
	}
}

// TestQuotesMistaggedName: a tagger that splits a name with particles
// into places ("Karin" and "Berg" as locations) must not rename the
// speaker; the person is the name as written.
func TestQuotesMistaggedName(t *testing.T) {
	text := "EU envoy Karin van der Berg remarked that “the talks went well.”"
	ment := func(name string) Mention {
		at := strings.Index(text, name)
		return Mention{Span: Span{Start: at, End: at + len(name)}, Text: name}
	}
	ents := []Entity{
		{Name: "Karin", Type: Location, Mentions: []Mention{ment("Karin")}},
		{Name: "Berg", Type: Location, Mentions: []Mention{ment("Berg")}},
	}
	qs := Quotes(NewTextDocument("", text), ents)
	if len(qs) != 1 {
		t.Fatalf("got %d quotes, want 1: %+v", len(qs), qs)
	}
	if q := qs[0]; q.Speaker != "Karin van der Berg" || q.Person != "Karin van der Berg" || q.Entity != -1 {
		t.Errorf("speaker %q person %q entity %d, want the full name, unlinked", q.Speaker, q.Person, q.Entity)
	}
	// a person entity for the full name is linked
	ents = append(ents, Entity{Name: "Karin van der Berg", Type: Person, Mentions: []Mention{ment("Karin van der Berg")}})
	if qs := Quotes(NewTextDocument("", text), ents); len(qs) != 1 || qs[0].Entity != 2 {
		t.Errorf("with a person entity: %+v", qs)
	}
}

// TestQuotesPassiveCueHasNoSpeaker: the subject of a passive cue is what
// was described or named, never the speaker.
func TestQuotesPassiveCueHasNoSpeaker(t *testing.T) {
	for _, text := range []string{
		"The plan was described as “a first step toward a new port” by the council.",
		"The budget was criticized as “a gift to the rich” in the debate.",
	} {
		for _, q := range Quotes(NewTextDocument("", text), nil) {
			if q.Speaker == "The plan" || q.Speaker == "The budget" {
				t.Errorf("%q: speaker %q is the passive subject", text, q.Speaker)
			}
		}
	}
	// an addressed passive keeps its subject: she was asked, she answers
	qs := Quotes(NewTextDocument("", "Ana Ruiz was asked whether “the pier can be saved.”"), nil)
	if len(qs) != 1 || qs[0].Speaker != "Ana Ruiz" {
		t.Errorf("addressed passive: %+v", qs)
	}
}
