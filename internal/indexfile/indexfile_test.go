package indexfile

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"testing"
)

const magic = "TESTIDX\x00"

func sample() []byte {
	var e Encoder
	e.Uvarint(300)
	e.Varint(-5)
	e.Float64(math.Pi)
	e.String("héllo")
	e.Float32s([]float32{1, 2.5})
	e.Uint64s([]uint64{1, math.MaxUint64})
	e.DeltaUint32s([]uint32{3, 4, 1000, math.MaxUint32})
	var b bytes.Buffer
	if _, err := e.WriteTo(&b, magic, 2); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func TestRoundTrip(t *testing.T) {
	d, err := Read(bytes.NewReader(sample()), magic, 2)
	if err != nil {
		t.Fatal(err)
	}
	if d.Version != 2 || d.Uvarint() != 300 || d.Varint() != -5 || d.Float64() != math.Pi || d.String() != "héllo" {
		t.Fatal("scalars differ")
	}
	if got := d.Float32s(); !slices.Equal(got, []float32{1, 2.5}) {
		t.Errorf("Float32s = %v", got)
	}
	if got := d.Uint64s(); !slices.Equal(got, []uint64{1, math.MaxUint64}) {
		t.Errorf("Uint64s = %v", got)
	}
	if got := d.DeltaUint32s(); !slices.Equal(got, []uint32{3, 4, 1000, math.MaxUint32}) {
		t.Errorf("DeltaUint32s = %v", got)
	}
	if err := d.Done(); err != nil {
		t.Error(err)
	}
}

func TestReadErrors(t *testing.T) {
	good := sample()
	flip := slices.Clone(good)
	flip[len(flip)/2] ^= 0x40
	badSum := slices.Clone(good)
	badSum[len(badSum)-1] ^= 1
	other := slices.Clone(good)
	copy(other, "OTHERIDX")
	for _, tc := range []struct {
		name string
		data []byte
		max  uint32
		want error
	}{
		{"empty", nil, 2, ErrNotIndex},
		{"foreign", []byte("{\"json\": true}\n"), 2, ErrNotIndex},
		{"other magic", other, 2, ErrNotIndex},
		{"header cut", good[:10], 2, ErrTruncated},
		{"payload cut", good[:len(good)-9], 2, ErrTruncated},
		{"checksum cut", good[:len(good)-1], 2, ErrTruncated},
		{"flipped byte", flip, 2, ErrChecksum},
		{"flipped checksum", badSum, 2, ErrChecksum},
		{"newer version", good, 1, ErrVersion},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(tc.data), magic, tc.max)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
	// Every proper prefix fails cleanly.
	for n := range len(good) {
		if _, err := Read(bytes.NewReader(good[:n]), magic, 2); err == nil {
			t.Fatalf("prefix of %d bytes read without error", n)
		}
	}
}

func TestDecoderBounds(t *testing.T) {
	var e Encoder
	e.Uvarint(1 << 40) // a length no payload can back
	var b bytes.Buffer
	e.WriteTo(&b, magic, 1)
	d, err := Read(&b, magic, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Float32s(); got != nil || !errors.Is(d.Err(), ErrMalformed) {
		t.Errorf("huge length: %v, %v", got, d.Err())
	}
	if d.String() != "" || d.Uvarint() != 0 {
		t.Error("reads after an error must return zero values")
	}
}

// FuzzDecode feeds arbitrary payloads (with valid framing, so the
// checksum does not stop them) to every reader: none may panic or
// allocate beyond the input.
func FuzzDecode(f *testing.F) {
	f.Add(sample()[headerLen : len(sample())-trailerLen])
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, payload []byte) {
		var e Encoder
		e.buf = payload
		var b bytes.Buffer
		e.WriteTo(&b, magic, 1)
		d, err := Read(&b, magic, 1)
		if err != nil {
			t.Fatal(err)
		}
		for d.Err() == nil {
			d.Uvarint()
			d.Varint()
			d.Float64()
			_ = d.String()
			d.Float32s()
			d.Uint64s()
			d.DeltaUint32s()
			if d.Done() == nil {
				break
			}
		}
	})
}
