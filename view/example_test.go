package view_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/byline-nlp/byline"
	"github.com/byline-nlp/byline/view"
)

// Render a whole page for an article: open the file in any browser.
func ExampleRender() {
	art, err := byline.Parse("Harbour tunnel approved\n\nThe council approved the tunnel on Monday. " +
		"“We are ready,” Mayor Ingrid Holmqvist told reporters in Gothenburg.")
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := byline.NewDocument(art)
	a, err := byline.New().Analyze(context.Background(), doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	f, err := os.CreateTemp("", "view-*.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.Remove(f.Name())
	if err := view.Render(f, doc, a); err != nil {
		fmt.Println(err)
	}
	f.Close()
	page, _ := os.ReadFile(f.Name())
	fmt.Println(strings.SplitN(string(page), "\n", 2)[0])
	// Output: <!doctype html>
}

// The marks Render writes, here for an Analysis built by hand: a quote's
// part with its tooltip, its speaker linked to the entity list, the
// entity's mark with its type label.
func ExampleRender_marks() {
	doc := byline.NewTextDocument("", "“Ready,” Ana Lima said.")
	a := &byline.Analysis{
		Entities: []byline.Entity{{Name: "Ana Lima", Type: byline.Person, Salience: 1,
			Mentions: []byline.Mention{{Span: byline.Span{Start: 13, End: 21}, Text: "Ana Lima"}}}},
		Quotes: []byline.Quote{{Span: byline.Span{Start: 0, End: 12}, Parts: []byline.Span{{Start: 0, End: 12}},
			Speaker: "Ana Lima", SpeakerSpan: byline.Span{Start: 13, End: 21}, Person: "Ana Lima", Entity: 0,
			Cue: "said", CueSpan: byline.Span{Start: 22, End: 26}, Score: 0.5}},
	}
	var b strings.Builder
	view.Render(&b, doc, a, view.Fragment(), view.WithoutStyle())
	out := b.String()
	body := out[strings.Index(out, "<p>"):]
	body = body[:strings.Index(body, "</p>")+4]
	fmt.Println(strings.ReplaceAll(body, "><", ">\n<"))
	// Output:
	// <p>
	// <span class="bv-quote bv-direct" data-quote="0" tabindex="0" aria-describedby="bv-q0-0">“Ready,”<span class="bv-tip" role="tooltip" id="bv-q0-0">
	// <span class="bv-tk">Speaker</span> <a href="#bv-ent-0">Ana Lima</a>
	// <br>
	// <span class="bv-tk">Cue</span> said · direct quote · newsworthiness 0.50</span>
	// </span> <a class="bv-speaker" data-quote="0" href="#bv-ent-0">
	// <mark class="bv-ent bv-PER" data-entity="0">Ana Lima<span class="bv-lbl">
	// <span aria-hidden="true">PER</span>
	// <span class="bv-sr"> (person)</span>
	// </span>
	// </mark>
	// </a> <span class="bv-cue" data-quote="0">said</span>.</p>
}
