module github.com/byline-nlp/byline

go 1.26
