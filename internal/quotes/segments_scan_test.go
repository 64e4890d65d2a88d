package quotes

import "testing"

func TestNextMarkLead(t *testing.T) {
	// the first byte at or after from that markLead holds, found byte by
	// byte
	naive := func(b string, from int) int {
		for i := from; i < len(b); i++ {
			if markLead[b[i]] {
				return i
			}
		}
		return len(b)
	}
	tests := []string{
		"",
		"plain ascii text without any quotation mark at all, long enough",
		`he said "yes" and left`,
		"0123456\"89abcdef",
		"01234567\"",
		"café société naïve then “curly” marks",
		"an apostrophe’s not a mark, nor é or ü, but « guillemets » are",
		"\xe2\x80\x9copens at once",
		"ends with a lead byte \xc2",
		"invalid \xff\xfe bytes then \"",
	}
	for _, b := range tests {
		for from := 0; from <= len(b); from++ {
			if got, want := nextMarkLead(b, from, len(b)), naive(b, from); got != want {
				t.Errorf("nextMarkLead(%q, %d) = %d, want %d", b, from, got, want)
			}
		}
	}
}
