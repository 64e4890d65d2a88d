package summarize

// Default holds the default method's weights. Provisional hand-set
// values until the tuner's cross-validated weights replace them.
var Default = Weights{
	W: [NumFeatures]float64{
		FFirst: 1, FPos: 1, FLen: 0.5, FShort: -1, FCent: 1, FTitle: 0.5, FEntity: 0.3,
		FQuoteStart: -0.3, FBoiler: -1, FQuestion: -0.5,
	},
	Lambda: 0.5,
}
