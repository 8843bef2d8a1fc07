package schema

// The types below are the vocabulary of reads: graph.Store answers them and
// api asks them, so neither has to know the other.

// Statement is a relation as the store keeps it: one edge, asserted by one or
// more articles, each with its own evidence. Confidence is the highest any
// article gave it; Rule is the rule of that assertion. EvidenceCount is the
// number of assertions; reads that return many edges at once (a
// neighbourhood, a path) leave Evidence empty and give only the count, and
// the evidence is read by statement id when it is wanted.
type Statement struct {
	ID            string     `json:"id"`
	Subject       string     `json:"subject"`
	Predicate     Predicate  `json:"predicate"`
	Object        string     `json:"object"`
	Confidence    float64    `json:"confidence"`
	Rule          string     `json:"rule"`
	EvidenceCount int        `json:"evidenceCount"`
	Evidence      []Evidence `json:"evidence,omitempty"`
}

// Direction selects an entity's relations by which end it is.
type Direction string

// Directions of Relations queries.
const (
	Out  Direction = "OUT"
	In   Direction = "IN"
	Both Direction = "BOTH"
)

// Page asks for at most First items after the opaque cursor After.
type Page struct {
	First int
	After string
}

// PageInfo tells where a page ended and whether more follow.
type PageInfo struct {
	TotalCount  int
	EndCursor   string
	HasNextPage bool
}

// EntityFilter narrows an entity listing. Zero fields do not filter.
// Since and Until (YYYY-MM-DD, inclusive) keep entities mentioned in an
// article published in that range.
type EntityFilter struct {
	Type         EntityType
	NameContains string
	MentionedIn  string
	Since, Until string
}

// EntityPage is one page of an entity listing.
type EntityPage struct {
	Entities []Entity
	PageInfo
}

// SearchQuery asks for entities whose name or an alias matches Text:
// case- and accent-insensitive, by prefix, then within a small edit
// distance. The page is Limit hits from rank Offset on.
type SearchQuery struct {
	Text   string
	Types  []EntityType
	Limit  int
	Offset int
}

// SearchPage is one page of search hits, best first, and how many entities
// match in all.
type SearchPage struct {
	Hits  []SearchHit
	Total int
}

// SearchHit is one search result with its score (higher is better) and the
// name or alias that matched.
type SearchHit struct {
	Entity  Entity  `json:"entity"`
	Score   float64 `json:"score"`
	Matched string  `json:"matched"`
}

// RelationFilter narrows a relation listing. Zero fields do not filter.
// Entity with Direction selects the relations of one entity; Subject and
// Object pin either end. Since and Until (inclusive) apply to the published
// date of the articles that assert the statement.
type RelationFilter struct {
	Predicates    []Predicate
	Subject       string
	Object        string
	Entity        string
	Direction     Direction
	Article       string
	Since, Until  string
	MinConfidence float64
}

// RelationPage is one page of a relation listing.
type RelationPage struct {
	Relations []Statement
	PageInfo
}

// NeighborhoodQuery asks for the subgraph within Depth hops of ID, following
// only Predicates and keeping only nodes of Types (empty: all), with at most
// Limit nodes.
type NeighborhoodQuery struct {
	ID         string
	Depth      int
	Predicates []Predicate
	Types      []EntityType
	Limit      int
}

// Subgraph is a set of nodes and the edges between them, ready for a
// visualisation client. Truncated is set when a limit cut it short.
type Subgraph struct {
	Nodes     []Entity    `json:"nodes"`
	Edges     []Statement `json:"edges"`
	Truncated bool        `json:"truncated"`
}

// EntityCount is an entity with the number of statements it takes part in.
type EntityCount struct {
	Entity Entity `json:"entity"`
	Degree int    `json:"degree"`
}

// Stats summarises a graph.
type Stats struct {
	Articles    int                `json:"articles"`
	Entities    int                `json:"entities"`
	Relations   int                `json:"relations"`
	ByType      map[EntityType]int `json:"byType"`
	ByPredicate map[Predicate]int  `json:"byPredicate"`
	TopEntities []EntityCount      `json:"topEntities"`
}

// IngestStatus says what an ingest did with one article.
type IngestStatus string

// Outcomes of ingesting one article.
const (
	Added     IngestStatus = "new"
	Unchanged IngestStatus = "unchanged"
	Replaced  IngestStatus = "replaced"
	Failed    IngestStatus = "failed"
)

// IngestResult is the outcome for one article of an ingest.
type IngestResult struct {
	Article string       `json:"article"`
	Status  IngestStatus `json:"status"`
	Quads   int          `json:"quads"`
	Err     error        `json:"-"`
}

// ArticleFilter narrows an article listing. Zero fields do not filter.
// Mentions keeps the articles that mention that entity id.
type ArticleFilter struct {
	Since, Until string
	Mentions     string
}

// ExportQuery says what an export writes: Format, one of ExportFormats;
// with Entity, only the neighbourhood of that entity, Depth hops (1 when
// 0) around it; with Neo4j, CSV headers for neo4j-admin import instead of
// Gephi's.
type ExportQuery struct {
	Format string
	Entity string
	Depth  int
	Neo4j  bool
}

// ExportFormats are the formats of an export, in the order help texts
// give them.
var ExportFormats = []string{"nquads", "jsonld", "graphml", "gexf", "cytoscape", "csv", "csv-nodes", "csv-edges", "csv-evidence"}

// ArticlePage is one page of an article listing.
type ArticlePage struct {
	Articles []Article
	PageInfo
}
