package minhash

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// words makes a deterministic text of n distinct-ish words.
func words(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i*7919%1009)
	}
	return out
}

// exactJaccard computes the true resemblance of two word sequences' shingle sets.
func exactJaccard(a, b []string) float64 {
	set := func(ws []string) map[string]bool {
		m := map[string]bool{}
		for i := 0; i+Shingle <= len(ws); i++ {
			m[strings.Join(ws[i:i+Shingle], " ")] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	inter := 0
	for s := range sa {
		if sb[s] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

func TestResemblance(t *testing.T) {
	base := words("w", 400)
	edited := slices.Clone(base)
	for i := 0; i < len(edited); i += 40 { // a light copy-edit: every 40th word changed
		edited[i] = "changed"
	}
	for _, tc := range []struct {
		name string
		a, b []string
		lo   float64
		hi   float64
	}{
		{"identical", base, base, 1, 1},
		{"copy-edited", base, edited, exactJaccard(base, edited) - 0.1, exactJaccard(base, edited) + 0.1},
		{"unrelated", base, words("x", 400), 0, 0.02},
		{"half shared", base, append(slices.Clone(base[:200]), words("y", 200)...), exactJaccard(base, append(slices.Clone(base[:200]), words("y", 200)...)) - 0.12, exactJaccard(base, append(slices.Clone(base[:200]), words("y", 200)...)) + 0.12},
		{"empty", nil, base, 0, 0},
		{"both empty", nil, nil, 0, 0},
		{"short texts", []string{"a", "b"}, []string{"a", "b"}, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Resemblance(Sketch(tc.a), Sketch(tc.b))
			if got < tc.lo-1e-9 || got > tc.hi+1e-9 || math.IsNaN(got) {
				t.Errorf("Resemblance = %.3f, want in [%.3f, %.3f]", got, tc.lo, tc.hi)
			}
			if rev := Resemblance(Sketch(tc.b), Sketch(tc.a)); rev != got {
				t.Errorf("not symmetric: %v vs %v", got, rev)
			}
		})
	}
}

func TestSketchShape(t *testing.T) {
	s := Sketch(words("w", 1000))
	if len(s) != K {
		t.Fatalf("len = %d, want %d", len(s), K)
	}
	if !slices.IsSorted(s) || len(slices.Compact(slices.Clone(s))) != K {
		t.Error("sketch not sorted and distinct")
	}
	if len(Sketch(words("w", 10))) != 8 {
		t.Errorf("10 words give %d shingles, want 8", len(Sketch(words("w", 10))))
	}
}

func BenchmarkSketch(b *testing.B) {
	ws := words("w", 300)
	b.SetBytes(int64(len(strings.Join(ws, " "))))
	for b.Loop() {
		Sketch(ws)
	}
}

// TestBottomK checks the thresholded selection against sorting every
// value, on inputs of every size class: short, long, and long but made of
// few distinct values (a repeated paragraph), where the threshold lets
// too few through.
func TestBottomK(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		name        string
		n, distinct int
	}{
		{"empty", 0, 1},
		{"short", 100, 1 << 30},
		{"at the switch", 2 * K, 1 << 30},
		{"just past it", 2*K + 1, 1 << 30},
		{"long", 5000, 1 << 30},
		{"long, repetitive", 5000, 150},
		{"long, very repetitive", 5000, 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for trial := range 20 {
				pool := make([]uint64, min(tc.n, tc.distinct))
				for i := range pool {
					pool[i] = mix(rng.Uint64())
				}
				sh := make([]uint64, tc.n)
				for i := range sh {
					sh[i] = pool[rng.IntN(len(pool))]
				}
				want := slices.Compact(slices.Sorted(slices.Values(sh)))
				want = want[:min(len(want), K)]
				if got := bottomK(slices.Clone(sh)); !slices.Equal(got, want) {
					t.Fatalf("trial %d: got %d values, want %d (first differ: %v)", trial, len(got), len(want), firstDiff(got, want))
				}
			}
		})
	}
}

func firstDiff(a, b []uint64) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// BenchmarkSketchLong sketches a 5,000-word text without repeats, where
// sketching keeps 128 of ~5,000 shingles.
func BenchmarkSketchLong(b *testing.B) {
	ws := make([]string, 5000)
	for i := range ws {
		ws[i] = fmt.Sprintf("w%d", i*7919%100003)
	}
	b.SetBytes(int64(len(strings.Join(ws, " "))))
	for b.Loop() {
		Sketch(ws)
	}
}
