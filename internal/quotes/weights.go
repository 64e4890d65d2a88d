package quotes

// Default is the model byline uses. Its weights are placeholders until
// trained: they keep every segment.
var Default = &Model{Weights: []float64{1}, Threshold: 0.5}
