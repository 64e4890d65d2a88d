package text

import "time"

// An Article is a news article's structure: its metadata and its clean
// body paragraphs, with navigation, cookie banners, share prompts and
// related-post lists removed. byline.Parse builds one from scraped page text;
// the page package builds one from HTML.
type Article struct {
	Title       string    `json:"title"`
	Section     string    `json:"section,omitempty"`
	Site        string    `json:"site,omitempty"`
	Authors     []string  `json:"authors,omitempty"`
	Published   time.Time `json:"published,omitzero"`
	Modified    time.Time `json:"modified,omitzero"`
	URL         string    `json:"url,omitempty"`      // canonical URL, when known
	Language    string    `json:"language,omitempty"` // BCP 47 tag, when known
	Description string    `json:"description,omitempty"`
	Image       string    `json:"image,omitempty"` // lead image URL, when known
	Paragraphs  []string  `json:"paragraphs"`
	Related     []Link    `json:"related,omitempty"` // the page's related-post list
}

// A Link is a titled reference to another page, such as a related post.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}
