package summarize

// Default holds the default method's weights: W started from a fit on
// BBC News Summary dev (short articles) alone, WLong from a fit on CNN
// dev (long articles) alone, then both were refined jointly; see
// internal/summarize/tune for the procedure and its cross-validation.
var Default = Weights{
	W: [NumFeatures]float64{
		FFirst: -0.5, FPos: 0.5, FLen: 0.5, FShort: 0.125, FCent: 2.25, FTitle: 0.5, FEntity: 0.3,
		FQuoted: -0.25, FQuoteStart: -0.05, FBoiler: 0.25, FQuestion: -1, FNumber: 0.125,
		FSecond: -0.25, FThird: 0.125, FDegree: 1.5, FCentRel: 1.25,
	},
	WLong: [NumFeatures]float64{
		FFirst: -0.25, FPos: 2.5, FRel: -1.5, FLen: -0.5, FLen2: -0.5, FShort: -0.5, FCent: 4.25,
		FTitle: 0.5, FEntity: 0.8, FQuoted: -2.5, FQuoteStart: -1.05, FBoiler: 0.75, FQuestion: -0.75,
		FDegree: 0.5, FCentRel: 2,
	},
	Lambda: 1,
}
