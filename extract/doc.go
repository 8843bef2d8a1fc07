// Package extract turns news articles into schema.Documents: the entities
// an article names, the relations between them, and for each relation the
// sentence that says so, a confidence and the name of the rule that made it.
//
// The pipeline, one stage a file:
//
//	input.go      read plain text, the seed's header form, HTML and JSON Lines; refuse
//	              empty, binary, non-UTF-8, non-English and oversized input
//	metadata.go   classify lines (headers, headline, byline, dateline, boilerplate); title,
//	              date, author and publisher as the article states them, the plainest
//	              statement winning
//	bylines.go    bylines and credit lines ("By Jane Doe, Reuters", "Reporting by ..."),
//	              with the names they are made of (bylinenames.go) and their words:
//	              outlets, roles, labels (bylinewords.go, data/bylines.tsv)
//	datelines.go  datelines ("NAIROBI, June 2 (Xinhua) --"), date lines, syndication
//	              headers, an agency's sign-off
//	stateddates.go the dates metadata lines write, in words, numbers and ISO form
//	text.go       sentences (one splitter built per process) and prose's tokens and
//	              tags, aligned back onto the article's bytes
//	chunk.go      runs of capitalised words joined by the small words names use
//	runs.go       runs cut and joined: legal forms, names with commas, lists of people
//	ner.go        type each run: gazetteer name, head word, title + name, or unknown
//	persons.go    titles before and after names, lists of titled people
//	patterns.go   what capitals do not show: quoted titles, agreement and event
//	              nouns, bodies named with a demonym, sectors
//	context.go    type the remaining names from the words around them;
//	              lowercase.go the words the article itself writes in lower case
//	tagger*.go    a trained name tagger (averaged perceptron, BIO over person, organization,
//	              place, event) beside the rules: it reviews the runs the weak rules typed or
//	              left, and adds sure names they missed; train.go learns it (`make train`)
//	resolve.go    one entity per thing: overlaps settled, surnames, acronyms and
//	              "the ministry" resolved to what they name
//	signing.go    each clause with a signing verb: who signed (before the verb, or after
//	              "with", "between", "by") and what
//	agreements.go untitled agreements told apart by their parties, kind and topic, and
//	              "the MoU" resolved; kinds.go the kinds; agreement_names.go their names
//	identity.go   what the text names (one entity in the graph) and what it only
//	              describes (one per article: schema.ScopedEntityID)
//	rules.go      the relation table: each rule's name, predicate, confidence and what
//	              it matches; relations*.go their code; lexicon.go the verbs they read
//	              (data/verbs.tsv)
//	dates.go      explicit and relative dates
//	batch.go      many files on all cores, in input order
//
// prose's named-entity recogniser is not used: it is its slowest stage and,
// on this kind of news, a weak signal (it calls agreement titles people and
// companies places); its tagger is one signal among the gazetteers and the
// patterns. Knowledge lives in data/*.tsv (aliases and demonyms, government
// bodies, organizations, places, titles, head and front words, role nouns,
// company suffixes, the words of a kind, the things that name no entity,
// verbs, news outlets and the words of bylines), with country names, codes,
// capitals and native names from a maintained country module and given
// names from a maintained list of first names (gofakeit's data).
package extract
