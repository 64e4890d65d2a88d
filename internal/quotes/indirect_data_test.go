package quotes

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"testing"
)

func TestShippedIndirectLoads(t *testing.T) {
	tb, err := decodeIndirect(indirectData)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.model.Weights) != numIndirectFeatures || len(tb.cues) == 0 || len(tb.context) == 0 {
		t.Fatalf("weights %d, cues %d, contexts %d", len(tb.model.Weights), len(tb.cues), len(tb.context))
	}
	if p := tb.cues["said"]; p < 0.3 || p > 1 {
		t.Errorf(`prior of "said" = %v, want a strong cue`, p)
	}
	if tb.model.Threshold <= 0 || tb.model.Threshold >= 1 || tb.speechThreshold <= 0 || tb.speechThreshold > tb.model.Threshold {
		t.Errorf("thresholds %v, %v", tb.model.Threshold, tb.speechThreshold)
	}
}

func sampleIndirectTables() *indirectTables {
	w := make([]float64, numIndirectFeatures+1)
	for i := range w {
		w[i] = float64(i%7-3) * 0.1234
	}
	return &indirectTables{
		cues:            map[string]float64{"said": 0.8123, "say": 0.7, "according": 0.7796, "about": 0.2489},
		context:         map[string]float64{"said aa": 1.25, "said > that": 0.5, "said < he": -0.33, "": 0.2},
		model:           &Model{Weights: w[:numIndirectFeatures], Threshold: 0.3},
		speechThreshold: 0.25,
		ranker:          w[1:],
		cueMin:          0.22,
		skipAdjectival:  true,
		speechAnyPrior:  true,
	}
}

func TestIndirectTablesRoundTrip(t *testing.T) {
	want := sampleIndirectTables()
	b, err := encodeIndirect(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeIndirect(b)
	if err != nil {
		t.Fatal(err)
	}
	for name, pair := range map[string][2]map[string]float64{"cues": {want.cues, got.cues}, "context": {want.context, got.context}} {
		if len(pair[0]) != len(pair[1]) {
			t.Errorf("%s: %d entries, want %d", name, len(pair[1]), len(pair[0]))
		}
		for k, v := range pair[0] {
			if g, ok := pair[1][k]; !ok || g != v {
				t.Errorf("%s[%q] = %v, %v; want %v", name, k, g, ok, v)
			}
		}
	}
	for i, w := range want.model.Weights {
		if got.model.Weights[i] != w {
			t.Errorf("weight %d = %v, want %v", i, got.model.Weights[i], w)
		}
	}
	for i, w := range want.ranker {
		if got.ranker[i] != w {
			t.Errorf("ranker weight %d = %v, want %v", i, got.ranker[i], w)
		}
	}
	if got.model.Threshold != 0.3 || got.speechThreshold != 0.25 || got.cueMin != 0.22 || !got.skipAdjectival || !got.speechAnyPrior {
		t.Errorf("threshold %v, speech %v, cueMin %v, skip %v", got.model.Threshold, got.speechThreshold, got.cueMin, got.skipAdjectival)
	}
	again, _ := encodeIndirect(got)
	if !bytes.Equal(again, b) {
		t.Error("encoding is not deterministic")
	}
}

// gz compresses a payload, appending its checksum when sum is set.
func gz(p []byte, sum bool) []byte {
	if sum {
		p = binary.LittleEndian.AppendUint32(append([]byte(nil), p...), crc32.ChecksumIEEE(p))
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(p)
	zw.Close()
	return b.Bytes()
}

func TestIndirectTablesRejectCorrupt(t *testing.T) {
	good, err := encodeIndirect(sampleIndirectTables())
	if err != nil {
		t.Fatal(err)
	}
	payload, err := gzip.NewReader(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	raw.ReadFrom(payload)
	p := raw.Bytes()[:raw.Len()-4] // without its checksum
	flipped := append([]byte(nil), p...)
	flipped[len(flipped)/2] ^= 0x40
	header := append([]byte(indirectMagic), 1) // version 1
	outOfOrder := binary.AppendUvarint(append([]byte(nil), header...), numIndirectFeatures)
	for range numIndirectFeatures {
		outOfOrder = binary.AppendVarint(outOfOrder, 0)
	}
	outOfOrder = append(outOfOrder, 3, 2, 0, 22, 1) // thresholds, no ranker, least prior, flag
	// two cues, "b" then "a"
	outOfOrder = append(outOfOrder, 2, 0, 1, 'b', 5, 0, 1, 'a', 5)
	priorAbove1 := binary.AppendUvarint(append(append([]byte(nil), outOfOrder[:len(outOfOrder)-9]...), 1, 0, 1, 'a'), 10001)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("byline indirect\n\x01")},
		{"truncated gzip", good[:len(good)/2]},
		{"bad magic", gz(append([]byte("byline indirekt\n"), p[len(indirectMagic):]...), true)},
		{"bad checksum", gz(flipped, false)},
		{"truncated payload", gz(p[:len(p)-3], true)},
		{"trailing bytes", gz(append(append([]byte(nil), p...), 0), true)},
		{"version 2", gz(append(append([]byte(indirectMagic), 2), p[len(indirectMagic)+1:]...), true)},
		{"wrong weight count", gz(binary.AppendUvarint(append([]byte(nil), header...), numIndirectFeatures-1), true)},
		{"wrong ranker count", gz(append(append([]byte(nil), outOfOrder[:len(outOfOrder)-12]...), 5), true)},
		{"keys out of order", gz(append(append([]byte(nil), outOfOrder...), 0), true)},
		{"prior above 1", gz(append(priorAbove1, 0), true)},
		{"unknown flags", gz(append(append(append([]byte(nil), outOfOrder[:len(outOfOrder)-10]...), 4), 0, 0), true)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := decodeIndirect(tc.data); !errors.Is(err, errIndirectCorrupt) {
				t.Errorf("err = %v, want errIndirectCorrupt", err)
			}
		})
	}
}

func FuzzDecodeIndirect(f *testing.F) {
	good, _ := encodeIndirect(sampleIndirectTables())
	f.Add(good)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := decodeIndirect(data)
		if err == nil && (tb.model == nil || len(tb.model.Weights) != numIndirectFeatures) {
			t.Fatal("accepted tables without a full model")
		}
	})
}

// BenchmarkDecodeIndirect is what the first Quotes call pays once to load
// the shipped tables (nothing is decoded at start-up).
func BenchmarkDecodeIndirect(b *testing.B) {
	for b.Loop() {
		if _, err := decodeIndirect(indirectData); err != nil {
			b.Fatal(err)
		}
	}
}

func TestContextHashesDistinct(t *testing.T) {
	ctx := shippedIndirect().context
	if got := len(contextByHash()); got != len(ctx) {
		t.Fatalf("%d hashes for %d context keys: a collision", got, len(ctx))
	}
	for k, v := range ctx {
		if got := contextLogit([]byte(k)); got != v {
			t.Fatalf("contextLogit(%q) = %v, want %v", k, got, v)
		}
	}
	if got := contextLogit([]byte("no such context")); got != 0 {
		t.Errorf("unknown key: %v, want 0", got)
	}
}
