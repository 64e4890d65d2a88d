package keyphrase

// Default is KeyPhrases' scorer, learned by internal/keyphrase/tune on
// the 450 dev articles of 500N-KPCrowd (Marujo et al., LREC 2012): L2
// logistic regression on whether the data README's protocol counts a
// candidate as a gold phrase, then coordinate ascent on mean F1@10, with
// the keyphraseness prior counted leaving out each article's duplicate
// cluster. From the repository root:
//
//	go run ./internal/keyphrase/tune -data ../shared/data/keyphrases/500n-kpcrowd/dev.jsonl \
//	    -folds 5 -nested yes -minseen 2 -rounds 4 -prior prior.txt
//
// Cross-validated over 5 folds that keep the README's 29 duplicate
// clusters together (prior and weights refit on each fold's training
// part), F1@10 on the held-out folds is 21.94, 20.49, 21.64, 22.43 and
// 22.41, mean 21.78, against the best baseline on the same folds
// (frequency: 17.84, 16.68, 17.72, 19.12, 18.09) on every fold; TF-IDF
// 16.74 and first occurrence 12.75 overall. Entity features (whether a
// candidate names an entity from byline.Entities, and its salience)
// cross-validated lower, 21.52, so the scorer has none: entities only
// give a phrase its type and display name. Dropping nested phrases
// (DropNested) helped every fold (+0.7 F1@10 before the prior).
//
// The data has no licence and is for research; only these numbers and
// the prior's counts (prior.txt.gz: for each stemmed phrase found in at
// least 2 distinct stories, duplicates counted once, how many stories
// held it and in how many readers tagged it) ship, never text.
var Default = Weights{
	W: [NumFeatures]float64{
		FBias:       -7.06,
		FLogTF:      0.1364,
		FTFRel:      0.8073,
		FTFPer100:   0.47,
		FFirst:      -1.169,
		FFirstSent:  0.1878,
		FSpread:     0.302,
		FSentShare:  0.2566,
		FInTitle:    0.9331,
		FTitle:      -0.4539,
		FOne:        1.13,
		FTwo:        1.005,
		FIDF:        -0.927,
		FIDFMin:     1.658,
		FCap:        0.4142,
		FAcronym:    -3.383,
		FSuper:      -1.681,
		FCohesion:   0.5308,
		FVerbish:    0.2485,
		FNumber:     -2.283,
		FWeak:       -1.647,
		FFiller:     -3.327,
		FOneTF:      1.033,
		FOneFirst:   0.3094,
		FOneIDF:     0.318,
		FOneCap:     -0.7482,
		FTFFirst:    0.7789,
		FPrior:      1.157,
		FPriorSeen:  -0.06325,
		FPriorWords: 2.319,
	},
	DropNested: true,
}
