// Package index is newsgraph's read model: the in-memory index every read
// of the graph is served from, made of one record per article (Doc) and
// what the reads derive from them. It knows documents (package schema)
// only, never quads: the write path packs each document it stores (Pack),
// and a store that opens rebuilds the index from the records. Its errors
// start "graph:", the store's name for the user.
//
// # Reads
//
// Cayley has no text search, no shortest path and slow label scans, so reads
// are served from here. It is not a second source of truth: every record is
// made from a document the store holds as quads. Article texts are the
// exception: only the store holds them, and with them the evidence
// sentences, which are spans of the texts. A read gives evidence without
// its sentence, and FillSentences cuts the sentences a caller shows from
// the texts (Texts, which the store reads and caches), in one batch.
//
// Every article's record stays in memory, so it is held packed (Doc): the
// strings articles repeat interned and held by handle, the attributes that
// take few values shared, each evidence sentence once per article, mention
// spans and relations as varints; a read converts what it returns to
// schema types. A statement keeps, per asserting article, the article, the
// offset of its relation there and its confidence and rule; an entity keeps
// the articles that mention it, and the statements it takes part in, in
// slices rather than maps. The conversion is exact (no offset or
// confidence is narrowed), so the reads and the quads an article
// contributed are what its document gave. A statement asserted by
// thousands of articles carries thousands of sentences, so the reads that
// return many edges at once (Neighborhood, Path) give each edge its
// evidence count, Statements gives the evidence by statement id, and
// Relations renders evidence for the page it returns only.
package index
