package scrape

import (
	"strings"
	"testing"
)

// page is a scraped page of our own: title line, menu, headline, a
// "Related" box inside the story, the rest of the story, a related list
// and a cookie banner.
const page = `Grain store to become a market | Town | Harbour Gazette
Home
News
Sport
Grain store to become a market
The harbour board voted on Tuesday evening to turn the old grain store into a covered market, ending eleven years of argument.
Related
Quay repairs begin in April
Members heard from the architects, from the fishing cooperative and from two dozen residents who had come with drawings of their own.
Work on the roof will begin in the spring, and the first stalls should open before the summer festival brings visitors to the quay.
Related posts
Ferry Timetable Changes For Summer
New Bus Shelter Opens On Quay Street
We use cookies to improve your experience. Accept
`

func TestRelatedStop(t *testing.T) {
	on := Default
	on.Off &^= RelatedStop
	a, b := Parse(page, Default), Parse(page, on)
	body := strings.Join(a.Paragraphs, "\n")
	if !strings.Contains(body, "The harbour board voted") || !strings.Contains(body, "Work on the roof") ||
		strings.Contains(body, "Ferry Timetable") || strings.Contains(body, "cookies") {
		t.Errorf("Default body:\n%s", body)
	}
	// With the heading a stop, the box inside the story splits it, and
	// its first part is lost: what cross-validation found on every fold.
	if body := strings.Join(b.Paragraphs, "\n"); strings.Contains(body, "The harbour board voted") {
		t.Errorf("with the related heading a stop, the story should split at it:\n%s", body)
	}
	if len(a.Related) == 0 || a.Related[0].Title != "Ferry Timetable Changes For Summer" {
		t.Errorf("related %v", a.Related)
	}
}

func TestCandidates(t *testing.T) {
	cs := Candidates()
	if cs[0] != Default {
		t.Error("Default is not the first candidate")
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if seen[c.String()] {
			t.Errorf("candidate %s twice", c)
		}
		seen[c.String()] = true
	}
	if Parse("  \n\t", Default) != nil {
		t.Error("blank text gives an article")
	}
}
