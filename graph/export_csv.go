package graph

import (
	"archive/zip"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/schema"
)

// The CSV tables: nodes, edges (statements between entities) and evidence
// (one row per sentence that supports a statement, date statements
// included). Their headers are Gephi's spreadsheet import's (Id, Label;
// Source, Target, Type, Label, Weight) or, with neo4j, those neo4j-admin
// import reads, with typed columns and ";" between the items of a list (its
// default --array-delimiter).

const neo4jListSep = ";"

func (v view) writeNodesCSV(w io.Writer, neo4j bool) error {
	cw := csv.NewWriter(w)
	sep := listSep
	if neo4j {
		sep = neo4jListSep
		cw.Write([]string{"entityId:ID", "name", ":LABEL", "aliases:string[]", "titles:string[]", "signedOn:date", "degree:int", "articles:string[]"})
	} else {
		cw.Write([]string{"Id", "Label", "Type", "Aliases", "Titles", "SignedOn", "Degree", "Articles"})
	}
	for _, e := range v.Entities {
		cw.Write([]string{e.ID, e.Name, string(e.Type), strings.Join(e.Aliases, sep), strings.Join(e.Titles, sep),
			v.firstSignedOn(e.ID), strconv.Itoa(v.Degree[e.ID]), strings.Join(v.Articles[e.ID], sep)})
	}
	cw.Flush()
	return cw.Error()
}

func (v view) writeEdgesCSV(w io.Writer, neo4j bool) error {
	cw := csv.NewWriter(w)
	sep := listSep
	if neo4j {
		sep = neo4jListSep
		cw.Write([]string{":START_ID", ":END_ID", ":TYPE", "statementId", "confidence:double", "evidenceCount:int", "rule",
			"articles:string[]", "evidence"})
	} else {
		cw.Write([]string{"Source", "Target", "Type", "Id", "Label", "Weight", "EvidenceCount", "Rule", "Articles", "Evidence"})
	}
	for _, st := range v.edges() {
		conf, n, arts, ev := formatFloat(st.Confidence), strconv.Itoa(len(st.Evidence)), strings.Join(articlesOf(st), sep), firstEvidence(st).Text
		if neo4j {
			cw.Write([]string{st.Subject, st.Object, string(st.Predicate), st.ID, conf, n, st.Rule, arts, ev})
		} else {
			cw.Write([]string{st.Subject, st.Object, "Directed", st.ID, string(st.Predicate), conf, n, st.Rule, arts, ev})
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeEvidenceCSV writes a row per sentence; Object is an entity id, or
// the date of a date statement.
func (v view) writeEvidenceCSV(w io.Writer, neo4j bool) error {
	cw := csv.NewWriter(w)
	if neo4j {
		cw.Write([]string{"evidenceId:ID(Evidence)", ":LABEL", "statementId", "subject", "predicate", "object", "article",
			"published:date", "start:int", "end:int", "charStart:int", "charEnd:int", "confidence:double", "rule", "sentence"})
	} else {
		cw.Write([]string{"Id", "Statement", "Subject", "Predicate", "Object", "Article", "Published", "Start", "End",
			"CharStart", "CharEnd", "Confidence", "Rule", "Sentence"})
	}
	for _, st := range v.Statements {
		for _, ev := range st.Evidence {
			chars := [2]string{}
			if ev.CharStart >= 0 {
				chars = [2]string{strconv.Itoa(ev.CharStart), strconv.Itoa(ev.CharEnd)}
			}
			row := []string{evidenceID(st.ID, ev), st.ID, st.Subject, string(st.Predicate), st.Object, ev.Article,
				ev.Published, strconv.Itoa(ev.Start), strconv.Itoa(ev.End), chars[0], chars[1],
				formatFloat(ev.Confidence), ev.Rule, ev.Text}
			if neo4j {
				row = append(row[:1], append([]string{"Evidence"}, row[1:]...)...)
			}
			cw.Write(row)
		}
	}
	cw.Flush()
	return cw.Error()
}

// evidenceID names one row of the evidence table: the statement, the
// article and the byte offsets, which the RDF exports' evidence IRIs hash.
func evidenceID(statement string, ev schema.Evidence) string {
	return statement + "/" + ev.Article + "/" + strconv.Itoa(ev.Start) + "-" + strconv.Itoa(ev.End)
}

// writeCSVZip writes the three tables into one zip archive.
func (v view) writeCSVZip(w io.Writer, neo4j bool) error {
	zw := zip.NewWriter(w)
	for _, t := range []struct {
		name  string
		write func(io.Writer, bool) error
	}{{"nodes.csv", v.writeNodesCSV}, {"edges.csv", v.writeEdgesCSV}, {"evidence.csv", v.writeEvidenceCSV}} {
		// a fixed time, so that the same graph zips to the same bytes
		f, err := zw.CreateHeader(&zip.FileHeader{Name: t.name, Method: zip.Deflate, Modified: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		if err := t.write(f, neo4j); err != nil {
			return err
		}
	}
	return zw.Close()
}
