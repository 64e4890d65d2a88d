package summarize

// Default holds the default method's weights, learned on the dev halves
// of CNN/DailyMail (CNN stories) and BBC News Summary by
// internal/summarize/tune (coordinate ascent on mean ROUGE-1 + ROUGE-2 F
// of 3-sentence summaries), with the BBC duplicate stories left out:
// W was first fit on the BBC articles alone, WLong on the CNN articles
// alone, then both were refined jointly under hinge penalties for the
// issue's bars (CNN: Lead-3 + 1 R-1, Lead-3 R-2; BBC: 59 R-1), over
// several rounds as features were added. In sample this gives CNN R-1
// 29.86 / R-2 11.32 (Lead-3 28.8 / 10.7) and BBC R-1 59.26.
//
// Cross-validation (go run ./internal/summarize/tune -folds 3 -scratch
// -rounds 5 -bbcbar 59, which reruns the same three stages from neutral
// weights on each fold's training part) gives, on the held-out folds,
// CNN R-1 28.47 / R-2 10.60 against Lead-3's 28.80 / 10.75 on the same
// folds, and BBC R-1 58.68 (Lead-3 44.7). Fit on CNN alone, the same
// procedure cross-validates at CNN 30.37 / 11.40: the CNN margin is lost
// to the compromise with BBC's much longer reference summaries, which the
// length-based blend of the two regimes separates only in part.
//
// The data's terms allow research use; only these numbers ship.
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
