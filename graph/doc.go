// Package graph keeps newsgraph's knowledge graph in Cayley and answers the
// reads the API and the exports need, in schema types. It is split by job:
//
//   - package quadlog holds the quads in Cayley (bbolt, PostgreSQL,
//     CockroachDB or the memstore): writes of whole articles, texts,
//     N-Quads and JSON-LD, imports, backups. Cayley stays inside it.
//   - package index is the read model: entities, names, statements and
//     their adjacency, search and traversal, in memory.
//   - this package, the Store, wires them: a write goes one way, the
//     document to its quads in the log and the same document to its record
//     in the index, with no decoding of quads; the node-and-edge exports
//     (GraphML, GEXF, Cytoscape, CSV) are written from the index.
//
// See quadlog's documentation for the quad model and the backends, and
// index's for the reads.
package graph
