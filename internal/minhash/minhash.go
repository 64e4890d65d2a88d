// Package minhash estimates the resemblance (Jaccard similarity of word
// shingle sets) of two texts with bottom-k MinHash sketches: one hash per
// shingle and the k smallest distinct hashes kept (Broder 1997; Cohen and
// Kaplan 2007). One hash function instead of k keeps sketching to a sort
// of a few hundred integers a document, which matters when every
// document of a corpus is sketched on insertion.
package minhash

import (
	"math"
	"slices"
)

// Shingle is the number of consecutive words a shingle holds. Three words
// are long enough that unrelated news texts rarely share many shingles
// and short enough that light editing of a syndicated copy keeps most.
const Shingle = 3

// K is the sketch size: the standard error of the estimate is about
// sqrt(J(1-J)/K), under 0.04 at J = 0.8.
const K = 128

// hashWord is 64-bit FNV-1a.
func hashWord(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
}

// mix is the SplitMix64 finalizer; it spreads shingle hashes uniformly so
// that the smallest ones are a uniform sample of the set.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Sketch returns the bottom-K sketch of the text whose normalized words
// (already lowercased) are words, sorted ascending. Texts shorter than a
// shingle are sketched by their single words.
func Sketch(words []string) []uint64 {
	hs := make([]uint64, len(words))
	for i, w := range words {
		hs[i] = hashWord(w)
	}
	return SketchHashes(hs)
}

// SketchHashes is Sketch for words given as 64-bit hashes, which callers
// that already hash their terms can pass without rehashing the text. It
// overwrites hs with shingle hashes (each shingle only reads words at or
// after its own position), so sketching allocates nothing but the result.
func SketchHashes(hs []uint64) []uint64 {
	if len(hs) == 0 {
		return nil
	}
	sh := hs
	if len(hs) < Shingle {
		for i, h := range hs {
			sh[i] = mix(h)
		}
	} else {
		for i := 0; i+Shingle <= len(hs); i++ {
			var h uint64
			for j := range Shingle {
				h = h*0x100000001b3 + hs[i+j] + uint64(j)
			}
			sh[i] = mix(h)
		}
		sh = sh[:len(hs)-Shingle+1]
	}
	return bottomK(sh)
}

// bottomK returns the K smallest distinct values of sh, ascending, in a
// new slice; it reorders sh. Sorting a long document's shingles to keep
// 128 of them is most of sketching's cost, so when there are many, the
// values under a threshold that lets through about 1.5·K of the uniform
// hashes are sorted instead. If fewer than K distinct values pass
// (repeated shingles), every value is sorted: the result is the same
// either way.
func bottomK(sh []uint64) []uint64 {
	if n := len(sh); n > 2*K {
		limit := math.MaxUint64 / uint64(n) * (K + K/2)
		kept := make([]uint64, 0, 2*K)
		for _, h := range sh {
			if h < limit {
				kept = append(kept, h)
			}
		}
		slices.Sort(kept)
		if kept = slices.Compact(kept); len(kept) >= K {
			return kept[:K:K]
		}
	}
	slices.Sort(sh)
	sh = slices.Compact(sh)
	// Copy out the kept hashes so the caller's buffer is not retained.
	return slices.Clone(sh[:min(len(sh), K)])
}

// Resemblance estimates the Jaccard similarity of the shingle sets behind
// two sketches: among the K smallest hashes of their union, the fraction
// found in both. Two empty sketches resemble nothing (0).
func Resemblance(a, b []uint64) float64 {
	i, j, seen, both := 0, 0, 0, 0
	for seen < K && (i < len(a) || j < len(b)) {
		switch {
		case j >= len(b) || (i < len(a) && a[i] < b[j]):
			i++
		case i >= len(a) || b[j] < a[i]:
			j++
		default:
			both++
			i++
			j++
		}
		seen++
	}
	if seen == 0 {
		return 0
	}
	return float64(both) / float64(seen)
}
