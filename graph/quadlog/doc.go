// Package quadlog keeps newsgraph's graph in Cayley: documents as quads,
// written in transactions of whole articles and read back, the texts, the
// exports and imports of the quads, backups of a bbolt store. No Cayley
// type leaves it; the graph package above it and the read index (package
// index) see documents only. Its errors start "graph:", the store's name
// for the user.
//
// # Backends
//
// Config.DB picks one: "memory" (Cayley's memstore, for tests; it is not safe
// for concurrent writes, so all writes here are serialised), a file path
// (Cayley's key-value store over bbolt, one file, opened with no_bloom, the
// embedded default), or a postgres://, postgresql:// or cockroach:// URL
// (Cayley's SQL store). The same conformance table runs against the
// memstore, bbolt and PostgreSQL (no CockroachDB server runs here).
// A bbolt store is created with one Cayley index, keyed by label, subject,
// predicate and object, instead of Cayley's default two, in which the keys
// of an entity that many articles describe grow with every article
// (layout.go); a store keeps the layout it was created with.
//
// # The quad model
//
// Every quad an article contributes carries the article's IRI as its label
// (a named graph), so the label is the provenance and an article can be
// taken back exactly. With base = https://newsgraph.dev/:
//
//	article   <base>article/<id>   (id path-escaped)
//	  <art> rdf:type <base>type/Article
//	  <art> schema:headline, schema:url, schema:datePublished, schema:author,
//	        schema:publisher, schema:wordCount, schema:articleBody (the text
//	        every offset refers to), <base>vocab#hash
//	  <art> <base>vocab#mentions <entity>           one per entity it mentions
//
//	entity    <base>entity/<extractor id>, e.g. <base>entity/country/KR;
//	          the id is stable across articles, so articles meet on it
//	  <e> rdf:type <base>type/<EntityType>
//	  <e> schema:name "…"; schema:alternateName "…"; schema:jobTitle "…"
//	  <e> <base>vocab#confidence 0.9 (a float, exported as xsd:decimal)
//	  <e> <base>vocab#mentionAt "start-end"           byte span in that article
//
//	relation  a direct edge, for traversal:
//	  <subject> <base>rel/<predicate> <object>       (a date literal for signedOn)
//	          a statement node, the edge every asserting article shares:
//	  <st> rdf:type rdf:Statement; rdf:subject, rdf:predicate, rdf:object
//	  where <st> is <base>statement/<id>, id the API's Relation.id
//	  ("st-" and a hash of the triple);
//	          and an evidence node per assertion, for provenance:
//	  <ev> rdf:type <base>type/Evidence; <base>vocab#supports <st>;
//	       #article <art>; #confidence; #rule; #sentence; #start, #end (bytes);
//	       #charStart, #charEnd (code points, when the text is stored)
//	  where <ev> is <base>evidence/<hash of article, triple and offsets>.
//
// Stores written before texts and evidence nodes named each assertion a
// statement node of its own (<base>statement/<hash>, carrying the
// sentence as #evidence) and kept the path of the article's file
// (#source). They are read as they are, and an article is rewritten in the
// current form when it is ingested again with its text.
//
// The exports type literals with their XML Schema IRIs (integers,
// decimals, dates); the store keeps Cayley's native values, to which Import turns
// them back.
//
// Entity attributes are asserted per article, each in its article's graph:
// when two articles name "country/KR" the quads differ only by label, so
// deleting one article leaves the other's assertions, and the entity lives
// as long as any article mentions it. Reads merge them, never duplicate:
// the type and name most articles give, every other name and alias as an
// alias, all titles, variants differing only in case, accents or punctuation
// counted once. A statement read back is one edge (subject, predicate,
// object) with the evidence of every article that asserts it.
//
// # Writes
//
// Commit turns each document into its quads and compares them with what the
// article contributed before: the same quads are left alone, a changed
// article is taken out whole and written whole. Many
// articles share a Cayley transaction (at most Config.TxDeltas quad changes,
// 100,000 by default; fewer hold less memory during a load). When the
// process has a memory limit, each transaction is sized from the live heap
// the last one reached, so that a load stays under the limit as the store
// and its index grow. Removals and additions go in separate
// transactions (Cayley's key-value stores miscount node references when one
// transaction both drops a node's last references and adds new ones), so a
// killed load leaves every article fully present, fully absent, or — for a
// replacement killed between the two — absent, never a mix of versions.
//
// # The catalog and the feed
//
// Beside the quads, in the same transactions, the store keeps a catalog:
// one entry per article with its record, the bytes package index makes
// its in-memory view of the article from, a version, its hash and its
// extras (catalog.go). A bbolt store keeps it in buckets of its own in the
// same file, written in Cayley's bbolt transaction through the hidalgo
// interface this package hands Cayley; PostgreSQL in a table written in
// Cayley's SQL transaction by a flavour of Cayley's SQL store whose RunTx
// writes the quads, the rows Cayley's own flavour writes in a few
// statements rather than one per row (package pgbatch), and then the
// entries. Nothing of Cayley's tables is written behind its back: the
// rows go in the transaction Cayley opens and commits, and Cayley reads
// back what it wrote.
//
// The catalog is what a process starts from (an index made from the
// records, not from every quad), what a write is planned against (what
// the article holds before it), and, on PostgreSQL, what other processes
// follow: each entry carries the transaction that wrote it, and Changes
// reads the entries of the transactions ended since a position
// (catalog_sql.go). A CockroachDB store has no catalog in this version:
// its processes make their index from the quads and do not follow each
// other. A store written by an earlier version gets its catalog when a
// process of this version first opens it for writing.
package quadlog
