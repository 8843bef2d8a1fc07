// Package graph keeps newsgraph's knowledge graph in Cayley and answers the
// reads the API and the exports need, in schema types. It is split by job:
//
//   - package quadlog holds the quads in Cayley (bbolt, PostgreSQL,
//     CockroachDB or the memstore) and, beside them in the same
//     transactions, a catalog of one record per article: writes of whole
//     articles, texts, the feed of changes, N-Quads and JSON-LD, imports,
//     backups. Cayley stays inside it.
//   - package index is the read model: entities, names, statements and
//     their adjacency, search and traversal, in memory, made of the
//     records.
//   - this package, the Store, wires them. A write goes one way: the
//     document to its quads and its record in the log, the record to the
//     index, with no decoding of quads. A store opens by making its index
//     from the catalog's records (from every quad for a store without one,
//     which a writable open then builds), and on PostgreSQL may follow the
//     changes other processes commit (Follow). The node-and-edge exports
//     (GraphML, GEXF, Cytoscape, CSV) are written from the index.
//
// See quadlog's documentation for the quad model and the backends, and
// index's for the reads.
package graph
