package entity

import (
	"fmt"
	"strings"
)

// Groups names the groups of rules that cross-validation weighs one at a
// time (train-ner -cv -repairs leaves each out in turn).
var Groups = []struct {
	Name string
	R    Repairs
}{
	{"trims", Trims}, {"extends", Extends}, {"particles", Particles}, {"given-names", GivenNames},
	{"titles", Titles}, {"context", Context}, {"recent", Recent},
}

// ParseRepairs reads a set of repairs as the commands' -repairs flags
// spell it: "default" (or ""), "all", "none", or a comma-separated list
// of the names in Groups and Rules, "boundaries", "persons" and
// "default".
func ParseRepairs(s string) (Repairs, error) {
	switch strings.TrimSpace(s) {
	case "", "default":
		return Default, nil
	case "all":
		return All, nil
	case "none":
		return 0, nil
	}
	var r Repairs
	for _, name := range strings.Split(s, ",") {
		got, ok := repairsNamed(strings.TrimSpace(name))
		if !ok {
			return 0, fmt.Errorf("unknown repair group or rule %q", name)
		}
		r |= got
	}
	return r, nil
}

func repairsNamed(name string) (Repairs, bool) {
	switch name {
	case "boundaries":
		return Boundaries, true
	case "persons":
		return Persons, true
	case "default":
		return Default, true
	}
	for _, g := range Groups {
		if g.Name == name {
			return g.R, true
		}
	}
	for _, rule := range Rules {
		if rule.Name == name {
			return rule.R, true
		}
	}
	return 0, false
}
