package segment

// Abbreviations that keep their period in the tokenizer. Titles come
// before a name and never end a sentence; the others may ("... & Co.
// It closed"), which sentence splitting decides from the next word.
// Forms are listed in the casings that occur, so lookups take the text
// as written and allocate nothing.
var titles = set(
	"Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Pvt",
	"Adm", "Cmdr", "Cdr", "Brig", "Gov", "Sen", "Rep", "Reps", "Sens", "Pres", "Supt", "Insp", "Det",
	"Rev", "Fr", "Hon", "Amb", "Atty", "Mt", "Mts", "Ft", "St", "Ste", "Messrs", "Mme", "Mlle", "Msgr",
	"Sr", "Sra", "Gens", "Govs", "Drs", "Profs", "Lieut", "Comdr", "Cllr", "Rt", "Mssrs",
)

var abbrevs = set(
	// Company and name suffixes.
	"Co", "co", "Cos", "Corp", "corp", "Inc", "inc", "Ltd", "ltd", "Bros", "Jr", "jr", "Plc", "plc", "LLC",
	"Assn", "Assoc", "Dept", "dept", "Univ", "Inst", "Govt", "Intl", "Natl", "Mfg",
	// Months and days.
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
	"Tue", "Tues", "Thu", "Thur", "Thurs", "Fri",
	// Addresses, measures and references.
	"st", "Ave", "ave", "Blvd", "Rd", "rd", "Hwy", "Apt", "Bldg", "No", "Nos", "nos", "Vol", "vol",
	"p", "pp", "para", "fig", "Fig", "figs", "ch", "Ch", "eds", "vs", "v", "al", "etc",
	"approx", "ca", "cf", "ibid", "viz", "Calif", "Conn",
	"Ga", "Kan", "Ky", "Md", "Mich", "Minn", "Neb", "Nev",
	"Okla", "Tenn", "Tex", "Va", "Vt", "Wis", "Wyo", "Ariz", "Colo",
	"Ala", "Ark", "Dak", "Mex",
	"ft", "yd", "lb", "lbs", "oz", "qt", "sq", "cu", "hr", "hrs", "mins",
	"secs", "mln", "bln", "pct", "Pct", "yr", "yrs", "mos", "wk", "wks", "dist", "Dist",
	"Rs",
)

// sentenceStarters are capitalised words that usually open a sentence,
// and so signal that the period of an abbreviation before them ended one.
var sentenceStarters = set(
	"A", "An", "The", "This", "That", "These", "Those", "There", "Here", "It", "Its", "He", "She", "They",
	"We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "But", "And", "Or", "So", "Yet", "Nor",
	"If", "When", "While", "Where", "What", "Why", "How", "Who", "Which", "As", "At", "In", "On", "For",
	"After", "Before", "Since", "Because", "Although", "Though", "However", "Meanwhile", "Still", "Then",
	"Now", "Today", "Yesterday", "Tomorrow", "Last", "Next", "Some", "Many", "Most", "All", "No", "Not",
	"Both", "Each", "Every", "Other", "Such", "One", "Two", "Three", "Officials", "Analysts", "According",
	"Also", "Earlier", "Later", "Instead", "Despite", "During", "Under", "With", "Without", "Is", "Are",
	"Was", "Were", "Do", "Does", "Did", "Can", "Could", "Will", "Would", "Should", "Let", "Please",
)

func set(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

// isAbbrev reports whether word, without its period, is an abbreviation
// that keeps the period.
func isAbbrev(word string) bool {
	if _, ok := titles[word]; ok {
		return true
	}
	_, ok := abbrevs[word]
	return ok
}

// isTitle reports whether word, without its period, is a title or other
// prepositive abbreviation, which never ends a sentence.
func isTitle(word string) bool {
	_, ok := titles[word]
	return ok
}

func isSentenceStarter(word string) bool {
	_, ok := sentenceStarters[word]
	return ok
}
