package summeval

import "testing"

func TestUnglue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		// The glued boundary gets a space; one already spaced does not.
		{"Sales rose 5%.Profits fell. Shares slid.", "Sales rose 5%. Profits fell. Shares slid."},
		// The mark itself is what gets the space, even before an opening '"'.
		{"He said \"no.\"Then left.", "He said \"no. \"Then left."},
		{"It was 10.5bn.“We won,” he said.", "It was 10.5bn. “We won,” he said."},
		{"Up (a lot).Down!Right?Yes", "Up (a lot). Down! Right? Yes"},
		// Lower case, digits or a single preceding letter do not split.
		{"in the U.S.Army 3.5 e.g.the", "in the U.S.Army 3.5 e.g.the"},
		{"ends in curly’s’.New", "ends in curly’s’. New"},
	}
	for _, tt := range tests {
		if got := Unglue(tt.in); got != tt.want {
			t.Errorf("Unglue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
