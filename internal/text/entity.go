package text

// EntityType is a named entity's class, as in CoNLL-2003.
type EntityType string

// The entity classes byline tags.
const (
	Person       EntityType = "PER"
	Location     EntityType = "LOC"
	Organization EntityType = "ORG"
	Misc         EntityType = "MISC" // nationalities, events, works, products
)

// A Mention is one place in the Document's Body where an entity is named.
type Mention struct {
	Span
	Text string `json:"text"`
}

// An Entity is one referent named in an article: all its mentions merged
// ("Volodymyr Zelensky", "Zelensky", "Zelensky's"), titles stripped, and
// ranked by Salience, how central it is to the article.
type Entity struct {
	Name     string     `json:"name"` // the fullest form the article uses
	Type     EntityType `json:"type"`
	Mentions []Mention  `json:"mentions"`
	Salience float64    `json:"salience"` // in [0, 1]; entities are sorted by it, highest first
	// Aliases are the other forms the article uses for the entity, such
	// as a surname or an acronym, without possessives and titles.
	Aliases []string `json:"aliases,omitempty"`
	// InTitle reports whether the headline names the entity.
	InTitle bool `json:"in_title,omitempty"`
}
