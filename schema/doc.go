// Package schema is the centre of newsgraph: the ontology the extractor
// produces, the store keeps and the API serves, and the domain types that
// carry it between them. It imports only the standard library; extract,
// graph and api import it and never each other.
//
// The ontology is the code form of the annotation guidelines
// (shared/eval/GUIDELINES.md). Entity types:
//
//	type          what counts
//	Person        a named human
//	Ministry      a named government body of one country (ministry, department,
//	              office, agency, commission, presidential office, parliament)
//	Country       a sovereign state; id is its ISO 3166-1 alpha-2 code
//	Agreement     an agreement, MOU, deal, treaty, accord, pact, joint statement
//	Sector        an industry or technology area from the closed list in sectors.tsv
//	Organization  a named non-government organization
//	Location      a named city, region, venue or building
//	Event         a named or clearly singled-out happening
//
// Scored predicates, with the subject and object types they allow:
//
//	predicate     subject -> object
//	signed        Country, Person, Ministry, Organization -> Agreement
//	coversSector  Agreement -> Sector
//	signedAt      Agreement -> Location, Event
//	signedOn      Agreement -> date (YYYY-MM-DD)
//	announced     Ministry, Person, Organization, Country -> Agreement, Event
//	memberOf      Person -> Ministry, Organization
//	represents    Person -> Country
//	partOf        Ministry -> Country, Ministry; Event -> Event
//	locatedIn     Location, Event, Organization, Ministry -> Location, Country
//	attended      Person, Country, Organization -> Event
//
// The table lives once, in Predicates; adding a type or a predicate is a
// change there and nowhere else.
package schema
