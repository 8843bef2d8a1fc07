package main

import (
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/extract"
	"github.com/newsgraph/newsgraph/schema"
)

// texts gives each extracted document the article text its offsets refer
// to, which the store keeps for Article.text and the code point offsets of
// the evidence. extract.Result carries the document only, so the text is
// read again from the result's file; ExtractAll emits the results of one
// file one after another, so each file is read and parsed once.
type texts struct {
	file   string
	byHash map[string]string // the file's article texts by their hash
}

// fill sets d's text from r's file, matching it by the hash the extractor
// gave the article; a document whose text cannot be found keeps none.
func (t *texts) fill(r extract.Result, d *schema.Document) error {
	if r.Source != t.file {
		t.file, t.byHash = r.Source, map[string]string{}
		data, err := os.ReadFile(r.Source)
		if err != nil {
			return fmt.Errorf("text of %s: %w", r.Source, err)
		}
		ins, _ := extract.ParseInput(r.Source, data) // its errors came with the extraction
		for _, in := range ins {
			t.byHash[schema.TextHash(in.Text)] = in.Text
		}
	}
	text, ok := t.byHash[d.Article.Hash]
	if !ok {
		return fmt.Errorf("%s: article %s: no text of hash %.12s in the file", r.Source, d.Article.ID, d.Article.Hash)
	}
	return d.SetText(text)
}
