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
		FShort:      -0.125,
		FCent:       4.25,
		FTitle:      0.25,
		FEntity:     0.3,
		FQuoted:     -0.5,
		FQuoteStart: -0.05,
		FBoiler:     0.1875,
		FQuestion:   -1.5,
		FNumber:     0.125,
		FSecond:     -0.25,
		FThird:      0.125,
		FDegree:     1.75,
		FCentRel:    1.75,
		FFreqSum:    0.5,
		FFreqMean:   0.75,
	},
	WLong: [NumFeatures]float64{
		FFirst:      -0.125,
		FPos:        2.25,
		FRel:        -0.75,
		FParaFirst:  -1.875,
		FLen:        -1,
		FLen2:       -0.5,
		FShort:      -0.375,
		FCent:       4.062,
		FTitle:      1.25,
		FEntity:     0.8,
		FQuoted:     -2,
		FQuoteStart: -1.55,
		FBoiler:     -0.3125,
		FQuestion:   -0.6875,
		FNumber:     0.25,
		FSecond:     -0.25,
		FThird:      -0.25,
		FDegree:     0.75,
		FCentRel:    1.75,
		FFreqMean:   0.25,
	},
	Lambda:    1,
	LongFrom:  3,
	LongWidth: 6,
}
