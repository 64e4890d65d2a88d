// Package indexfile is the container for byline's saved indexes: an
// 8-byte magic, a format version, a length-prefixed payload and a CRC-32C
// of everything before it. Reading checks the magic, version, length and
// checksum before any decoding, so a truncated or corrupted file is
// reported as such rather than as a confusing decode error; the Decoder
// still bounds-checks every read so that even a file with a valid
// checksum but malformed content can never panic.
package indexfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// Errors callers can test with errors.Is.
var (
	ErrNotIndex  = errors.New("not a byline index file")
	ErrVersion   = errors.New("unsupported index format version")
	ErrTruncated = errors.New("index file is truncated")
	ErrChecksum  = errors.New("index file checksum mismatch (corrupted)")
	ErrMalformed = errors.New("index file content is malformed")
)

const headerLen = 8 + 4 + 8 // magic, version, payload length
const trailerLen = 4        // CRC-32C

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// An Encoder builds a payload in memory.
type Encoder struct{ buf []byte }

// Raw appends bytes as they are (for fuzzing decoders with well-framed
// but arbitrary payloads).
func (e *Encoder) Raw(b []byte) { e.buf = append(e.buf, b...) }

// Uvarint appends an unsigned varint.
func (e *Encoder) Uvarint(x uint64) { e.buf = binary.AppendUvarint(e.buf, x) }

// Varint appends a signed varint.
func (e *Encoder) Varint(x int64) { e.buf = binary.AppendVarint(e.buf, x) }

// Float64 appends a float64.
func (e *Encoder) Float64(x float64) {
	e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(x))
}

// String appends a length-prefixed string.
func (e *Encoder) String(s string) {
	e.Uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

// Float32s appends a length-prefixed float32 slice.
func (e *Encoder) Float32s(xs []float32) {
	e.Uvarint(uint64(len(xs)))
	for _, x := range xs {
		e.buf = binary.LittleEndian.AppendUint32(e.buf, math.Float32bits(x))
	}
}

// Uint64s appends a length-prefixed uint64 slice.
func (e *Encoder) Uint64s(xs []uint64) {
	e.Uvarint(uint64(len(xs)))
	for _, x := range xs {
		e.buf = binary.LittleEndian.AppendUint64(e.buf, x)
	}
}

// DeltaUint32s appends a length-prefixed increasing uint32 slice as
// varint deltas, which keeps sorted term ids to about a byte each.
func (e *Encoder) DeltaUint32s(xs []uint32) {
	e.Uvarint(uint64(len(xs)))
	var prev uint32
	for _, x := range xs {
		e.Uvarint(uint64(x - prev))
		prev = x
	}
}

// WriteTo writes the file: header, payload and checksum.
func (e *Encoder) WriteTo(w io.Writer, magic string, version uint32) (int64, error) {
	if len(magic) != 8 {
		return 0, fmt.Errorf("indexfile: magic must be 8 bytes, got %d", len(magic))
	}
	h := make([]byte, 0, headerLen)
	h = append(h, magic...)
	h = binary.LittleEndian.AppendUint32(h, version)
	h = binary.LittleEndian.AppendUint64(h, uint64(len(e.buf)))
	crc := crc32.Update(crc32.Checksum(h, castagnoli), castagnoli, e.buf)
	var total int64
	for _, b := range [][]byte{h, e.buf, binary.LittleEndian.AppendUint32(nil, crc)} {
		n, err := w.Write(b)
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// A Decoder reads a payload. Errors are sticky: after the first failure
// every read returns zero values and Err reports the failure.
type Decoder struct {
	Version uint32
	buf     []byte
	err     error
}

// Read reads a whole file from r and checks its magic, version (at most
// maxVersion), length and checksum.
func Read(r io.Reader, magic string, maxVersion uint32) (*Decoder, error) {
	head := make([]byte, headerLen)
	if n, err := io.ReadFull(r, head); err != nil {
		if n == 0 && err == io.EOF {
			return nil, fmt.Errorf("%w: empty input", ErrNotIndex)
		}
		if n >= len(magic) && string(head[:len(magic)]) == magic {
			return nil, fmt.Errorf("%w: header has %d of %d bytes", ErrTruncated, n, headerLen)
		}
		if err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("%w (%d bytes)", ErrNotIndex, n)
		}
		return nil, err
	}
	if string(head[:8]) != magic {
		return nil, ErrNotIndex
	}
	version := binary.LittleEndian.Uint32(head[8:])
	if version == 0 || version > maxVersion {
		return nil, fmt.Errorf("%w %d (this build reads up to %d)", ErrVersion, version, maxVersion)
	}
	size := binary.LittleEndian.Uint64(head[12:])
	// Read through a limit rather than allocating size up front, so a
	// corrupted length cannot demand gigabytes before the data runs out.
	body, err := io.ReadAll(io.LimitReader(r, int64(min(size, math.MaxInt64-trailerLen))+trailerLen))
	if err != nil {
		return nil, err
	}
	if uint64(len(body)) < size+trailerLen {
		return nil, fmt.Errorf("%w: payload has %d of %d bytes", ErrTruncated, len(body), size+trailerLen)
	}
	payload, sum := body[:size], binary.LittleEndian.Uint32(body[size:])
	if crc32.Update(crc32.Checksum(head, castagnoli), castagnoli, payload) != sum {
		return nil, ErrChecksum
	}
	return &Decoder{Version: version, buf: payload}, nil
}

// Err reports the first decoding failure, or nil.
func (d *Decoder) Err() error { return d.err }

// Done reports an error unless the payload was consumed exactly.
func (d *Decoder) Done() error {
	if d.err == nil && len(d.buf) != 0 {
		d.fail("%d trailing bytes", len(d.buf))
	}
	return d.err
}

func (d *Decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
	}
	d.buf = nil
}

// Uvarint reads an unsigned varint.
func (d *Decoder) Uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.buf = d.buf[n:]
	return x
}

// Varint reads a signed varint.
func (d *Decoder) Varint() int64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Varint(d.buf)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.buf = d.buf[n:]
	return x
}

// Len reads a length prefix and checks that at least n*unit bytes
// remain, so a corrupted length cannot trigger a huge allocation.
func (d *Decoder) Len(unit int) int {
	n := d.Uvarint()
	if d.err != nil {
		return 0
	}
	if unit < 1 {
		unit = 1
	}
	if n > uint64(len(d.buf)/unit) {
		d.fail("length %d exceeds the %d bytes left", n, len(d.buf))
		return 0
	}
	return int(n)
}

// Float64 reads a float64.
func (d *Decoder) Float64() float64 {
	if d.err != nil {
		return 0
	}
	if len(d.buf) < 8 {
		d.fail("short float64")
		return 0
	}
	x := math.Float64frombits(binary.LittleEndian.Uint64(d.buf))
	d.buf = d.buf[8:]
	return x
}

// String reads a length-prefixed string.
func (d *Decoder) String() string {
	n := d.Len(1)
	if d.err != nil {
		return ""
	}
	s := string(d.buf[:n])
	d.buf = d.buf[n:]
	return s
}

// Float32s reads a length-prefixed float32 slice.
func (d *Decoder) Float32s() []float32 {
	n := d.Len(4)
	if d.err != nil {
		return nil
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(d.buf[4*i:]))
	}
	d.buf = d.buf[4*n:]
	return out
}

// Uint64s reads a length-prefixed uint64 slice.
func (d *Decoder) Uint64s() []uint64 {
	n := d.Len(8)
	if d.err != nil {
		return nil
	}
	out := make([]uint64, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint64(d.buf[8*i:])
	}
	d.buf = d.buf[8*n:]
	return out
}

// DeltaUint32s reads what DeltaUint32s wrote, checking that the values
// strictly increase (after the first) and fit in 32 bits.
func (d *Decoder) DeltaUint32s() []uint32 {
	n := d.Len(1)
	if d.err != nil {
		return nil
	}
	out := make([]uint32, n)
	var prev uint64
	for i := range out {
		x := d.Uvarint()
		if d.err != nil {
			return nil
		}
		if i > 0 && x == 0 {
			d.fail("ids not strictly increasing")
			return nil
		}
		prev += x
		if prev > math.MaxUint32 {
			d.fail("id overflows 32 bits")
			return nil
		}
		out[i] = uint32(prev)
	}
	return out
}
