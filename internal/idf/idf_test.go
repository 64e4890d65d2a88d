package idf

import (
	"math"
	"testing"
)

func TestIDF(t *testing.T) {
	if Docs() != 1611 {
		t.Fatalf("Docs = %d, want 1611", Docs())
	}
	// Function words and common news words are in nearly every article;
	// a rare technical word is not in the table at all.
	common, rare := IDF("the"), IDF("xylophonist")
	if !(common < 1.1 && common >= 1) {
		t.Errorf("IDF(the) = %v, want about 1", common)
	}
	if want := math.Log(1612.0/3) + 1; math.Abs(rare-want) > 1e-12 {
		t.Errorf("IDF(unknown) = %v, want %v", rare, want)
	}
	if !(IDF("citi") < IDF("desalin")) {
		t.Errorf("city (%v) should weigh less than desalination (%v)", IDF("citi"), IDF("desalin"))
	}
}
