package page

import (
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/byline-nlp/byline"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxRelated caps the related-post list: pages repeat whole link farms
// under a "More" heading, and the first items are the related ones.
const maxRelated = 20

// relatedClass matches class or id values of related-post containers.
var relatedClass = regexp.MustCompile(`(?i)(^|[-_ ])(related|relatedposts|related-?(posts?|articles?|stories|content|links)|more-?(stories|news|articles)|read-?more|also-?(like|read)|recommended|recommendations|weitere-?artikel|mehr-?zum-?thema)([-_ ]|$)`)

// relatedHeading matches the headings that introduce a related-post list.
var relatedHeading = regexp.MustCompile(`(?i)^\W*(related( posts| articles| stories| content| coverage| links)?|more (stories|news|articles|on this( story| topic)?)|read more|read next|you (may|might) also (like|be interested in)|recommended( for you| stories| articles)?|see also|also read|further reading|mehr zum thema|weitere artikel|lesen sie auch|das könnte sie auch interessieren|à lire aussi|lire aussi|sur le même sujet|leia também|lee también|te puede interesar|potrebbe interessarti|leggi anche)\W*$`)

// relatedLinks finds the page's related-post list: the links under a
// heading such as "Related articles" or "You may also like", or inside a
// container whose class names it so. Link titles are the anchors' text;
// links without a title of at least two words (icons, "More") are left
// out, and so is a link to the page itself.
func relatedLinks(doc *html.Node, base *url.URL, self string) []byline.Link {
	var out []byline.Link
	seen := map[string]bool{self: true}
	add := func(container *html.Node, skip *html.Node) {
		eachElement(container, func(n *html.Node) bool {
			if n == skip {
				return false
			}
			if n.DataAtom != atom.A || len(out) >= maxRelated {
				return len(out) < maxRelated
			}
			title := cleanText(nodeText(n))
			if len(strings.Fields(title)) < 2 || utf8.RuneCountInString(title) > 300 {
				return false
			}
			u := resolve(base, attr(n, "href"))
			if u == "" || seen[u] || strings.HasPrefix(attr(n, "href"), "#") {
				return false
			}
			seen[u] = true
			out = append(out, byline.Link{Title: title, URL: u})
			return false
		})
	}
	eachElement(doc, func(n *html.Node) bool {
		if len(out) >= maxRelated {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Nav, atom.Footer:
			return false
		case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Strong, atom.B:
			if relatedHeading.MatchString(cleanText(nodeText(n))) {
				// The list is what follows the heading, up to the next heading.
				for s := n.NextSibling; s != nil && len(out) < maxRelated; s = s.NextSibling {
					if s.Type == html.ElementNode && isHeading(s.DataAtom) {
						break
					}
					add(s, nil)
				}
				if n.NextSibling == nil && n.Parent != nil {
					add(n.Parent, n)
				}
				return false
			}
		}
		if relatedClass.MatchString(attr(n, "class")) || relatedClass.MatchString(attr(n, "id")) {
			add(n, nil)
			return false
		}
		return true
	})
	return out
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// eachElement calls f on root (when it is an element) and every element
// under it in document order,
// descending into an element only when f returns true. It uses an explicit
// stack, so nesting depth costs no goroutine stack.
func eachElement(root *html.Node, f func(*html.Node) bool) {
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && !f(n) {
			continue
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}
