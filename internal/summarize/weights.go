package summarize

// Default holds the default method's weights, learned on the dev halves
// of CNN/DailyMail (CNN stories) and BBC News Summary by
// internal/summarize/tune: coordinate ascent on mean ROUGE-1 + ROUGE-2,
// W first fit on BBC (short articles) alone and WLong on CNN (long
// articles) alone, then all refined jointly, with k-fold
// cross-validation reported by the tuner and the BBC duplicate stories
// left out. The data's terms allow research use; only these numbers
// ship, no text.
var Default = Weights{
	W: [NumFeatures]float64{
		FFirst:      -0.5,
		FPos:        0.5,
		FLen:        0.5,
		FShort:      0.125,
		FCent:       3.125,
		FTitle:      0.5,
		FEntity:     0.3,
		FQuoted:     -0.25,
		FQuoteStart: -0.05,
		FBoiler:     0.5,
		FQuestion:   -1.75,
		FNumber:     0.125,
		FSecond:     -0.25,
		FThird:      0.125,
		FDegree:     1.75,
		FCentRel:    1.25,
	},
	WLong: [NumFeatures]float64{
		FFirst:      -0.5,
		FPos:        2.25,
		FRel:        -1.5,
		FLen:        -0.25,
		FLen2:       -0.5,
		FShort:      -0.5,
		FCent:       3.75,
		FTitle:      0.625,
		FEntity:     0.8,
		FQuoted:     -2.75,
		FQuoteStart: -0.8,
		FBoiler:     -1,
		FQuestion:   -0.75,
		FThird:      -0.5,
		FDegree:     0.5,
		FCentRel:    1.75,
	},
	Lambda:    1,
	LongFrom:  3,
	LongWidth: 6,
}
