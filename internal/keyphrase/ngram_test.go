package keyphrase

import "testing"

func TestNgramIndex(t *testing.T) {
	big := ngram{1<<ngramBits - 3, 1<<ngramBits - 3, 1<<ngramBits - 3}
	keys := []ngram{{-1, -1, -1}, {0, -1, -1}, {0, 0, -1}, {0, 0, 0}, {1, 0, -1}, {0, 1, -1}, {-1, 0, -1}, big, {big[0], -1, -1}}
	for _, numKeys := range []int{10, 1<<ngramBits - 2, 1 << ngramBits} {
		x := newNgramIndex(numKeys, 0)
		for i, k := range keys {
			x.put(k, int32(i))
		}
		for i, k := range keys {
			if v, ok := x.get(k); !ok || v != int32(i) {
				t.Errorf("numKeys %d: get(%v) = %d, %v; want %d", numKeys, k, v, ok, i)
			}
		}
		if _, ok := x.get(ngram{2, 2, 2}); ok {
			t.Errorf("numKeys %d: get of an n-gram never put found one", numKeys)
		}
	}
}
