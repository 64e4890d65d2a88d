package page

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// decode turns a page's raw bytes into valid UTF-8, honouring the encoding
// the page declares: a byte-order mark first, then a <meta charset> or
// http-equiv Content-Type, as a browser's prescan does. Browsers stop the
// prescan at 1,024 bytes, but real pages put the declaration after long
// inline scripts, so when the prescan finds nothing we look further, in
// the page's <head>. Undeclared bytes that are valid UTF-8 stay UTF-8;
// otherwise windows-1252, the web's legacy default. Any byte the decoder
// cannot map becomes U+FFFD, so the result is always valid UTF-8.
func decode(b []byte) string {
	enc, name, certain := charset.DetermineEncoding(b, "")
	if !certain {
		enc, name = nil, ""
		if label := laterMetaCharset(b); label != "" {
			enc, name = charset.Lookup(label)
		}
		if enc == nil {
			if utf8.Valid(b) {
				return string(b)
			}
			enc, name = charset.Lookup("windows-1252")
		}
	}
	// A page that declares a legacy charset but is valid UTF-8 beyond
	// ASCII was re-encoded by a CMS or a proxy without fixing the
	// declaration; decoding it as declared would give mojibake.
	if name != "utf-8" && !strings.HasPrefix(name, "utf-16") && !isASCII(b) && utf8.Valid(b) {
		return string(b)
	}
	if name == "utf-8" {
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	out, err := decodeWith(enc, b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return strings.ToValidUTF8(out, "\uFFFD")
}

func decodeWith(enc encoding.Encoding, b []byte) (string, error) {
	out, err := enc.NewDecoder().Bytes(b)
	return string(out), err
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// laterMetaCharset finds a charset declaration in a <meta> tag anywhere
// before </head> (at most the first 64 KiB), for pages whose declaration
// sits past the browser's 1,024-byte prescan window.
func laterMetaCharset(b []byte) string {
	head := b[:min(len(b), 64<<10)]
	if i := bytes.Index(bytes.ToLower(head), []byte("</head")); i >= 0 {
		head = head[:i]
	}
	lower := bytes.ToLower(head)
	for off := 0; ; {
		i := bytes.Index(lower[off:], []byte("<meta"))
		if i < 0 {
			return ""
		}
		off += i
		end := bytes.IndexByte(lower[off:], '>')
		if end < 0 {
			return ""
		}
		tag := string(lower[off : off+end])
		off += end
		j := strings.Index(tag, "charset")
		if j < 0 {
			continue
		}
		v := strings.TrimLeft(tag[j+len("charset"):], " \t\r\n")
		if !strings.HasPrefix(v, "=") {
			continue
		}
		v = strings.TrimLeft(v[1:], " \t\r\n\"'")
		k := strings.IndexAny(v, "\"'; \t\r\n/")
		if k >= 0 {
			v = v[:k]
		}
		if v != "" {
			return v
		}
	}
}
