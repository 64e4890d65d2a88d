package entity

import "testing"

func TestParseRepairs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Repairs
		ok   bool
	}{
		{"", Default, true},
		{"default", Default, true},
		{"all", All, true},
		{"none", 0, true},
		{"boundaries", Boundaries, true},
		{"trims, extends", Trims | Extends, true},
		{"persons,context", Persons | Context, true},
		{"default,trim-tails", Default | TrimTails, true},
		{"initial-particles", InitialParticles, true},
		{"recent", Recent, true},
		{"trims,bogus", 0, false},
	} {
		got, err := ParseRepairs(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseRepairs(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	// Every listed name parses to its own set.
	for _, g := range Groups {
		if got, err := ParseRepairs(g.Name); err != nil || got != g.R {
			t.Errorf("group %s: %v, %v", g.Name, got, err)
		}
	}
	for _, rule := range Rules {
		if got, err := ParseRepairs(rule.Name); err != nil || got&rule.R != rule.R {
			t.Errorf("rule %s: %v, %v", rule.Name, got, err)
		}
	}
}
