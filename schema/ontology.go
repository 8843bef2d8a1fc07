package schema

import (
	"fmt"
	"slices"
)

// EntityType is one of the ontology's eight kinds of thing.
type EntityType string

// The entity types of the ontology.
const (
	Person       EntityType = "Person"
	Ministry     EntityType = "Ministry"
	Country      EntityType = "Country"
	Agreement    EntityType = "Agreement"
	Sector       EntityType = "Sector"
	Organization EntityType = "Organization"
	Location     EntityType = "Location"
	Event        EntityType = "Event"
)

// EntityTypes lists every entity type in a fixed order.
var EntityTypes = []EntityType{Person, Ministry, Country, Agreement, Sector, Organization, Location, Event}

// Valid reports whether t is one of the ontology's entity types.
func (t EntityType) Valid() bool { return slices.Contains(EntityTypes, t) }

// Prefix is the lower-case path segment that starts the ids of entities of t
// ("person/ha-jung-woo").
func (t EntityType) Prefix() string {
	switch t {
	case Person:
		return "person"
	case Ministry:
		return "ministry"
	case Country:
		return "country"
	case Agreement:
		return "agreement"
	case Sector:
		return "sector"
	case Organization:
		return "organization"
	case Location:
		return "location"
	case Event:
		return "event"
	}
	return "entity"
}

// TypeDoc says what counts as an entity of type t, as the annotation
// guidelines do.
func TypeDoc(t EntityType) string {
	switch t {
	case Person:
		return "a named human"
	case Ministry:
		return "a named government body of one country: ministry, department, office, agency, commission, presidential office, parliament"
	case Country:
		return "a sovereign state; its id is its ISO 3166-1 alpha-2 code"
	case Agreement:
		return "an agreement, MOU, deal, treaty, accord, pact or joint statement"
	case Sector:
		return "an industry or technology area from the closed list of sectors"
	case Organization:
		return "a named non-government organization"
	case Location:
		return "a named city, region, venue or building"
	case Event:
		return "a named or clearly singled-out happening"
	}
	return ""
}

// ParseEntityType turns a type name, as written in the guidelines, into an
// EntityType.
func ParseEntityType(s string) (EntityType, error) {
	t := EntityType(s)
	if !t.Valid() {
		return "", fmt.Errorf("schema: unknown entity type %q", s)
	}
	return t, nil
}

// Predicate names a relation between two entities (or an entity and a date).
type Predicate string

// The scored predicates of the ontology.
const (
	Signed       Predicate = "signed"
	CoversSector Predicate = "coversSector"
	SignedAt     Predicate = "signedAt"
	SignedOn     Predicate = "signedOn"
	Announced    Predicate = "announced"
	MemberOf     Predicate = "memberOf"
	Represents   Predicate = "represents"
	PartOf       Predicate = "partOf"
	LocatedIn    Predicate = "locatedIn"
	Attended     Predicate = "attended"
)

// PredicateSpec says which subjects and objects a predicate allows.
// A predicate whose ObjectIsDate is set takes a YYYY-MM-DD literal as object.
type PredicateSpec struct {
	Name         Predicate
	Subjects     []EntityType
	Objects      []EntityType
	ObjectIsDate bool
	// Pairs, when set, narrows Subjects x Objects to the listed pairs
	// (partOf: Ministry -> Country|Ministry, Event -> Event).
	Pairs [][2]EntityType
	Doc   string
}

// Predicates is the ontology's relation table, in the guidelines' order.
var Predicates = []PredicateSpec{
	{Name: Signed, Subjects: []EntityType{Country, Person, Ministry, Organization}, Objects: []EntityType{Agreement},
		Doc: "the subject is a party to, signed, or concluded the agreement"},
	{Name: CoversSector, Subjects: []EntityType{Agreement}, Objects: []EntityType{Sector},
		Doc: "the agreement concerns that sector"},
	{Name: SignedAt, Subjects: []EntityType{Agreement}, Objects: []EntityType{Location, Event},
		Doc: "where or at which event the agreement was signed"},
	{Name: SignedOn, Subjects: []EntityType{Agreement}, ObjectIsDate: true,
		Doc: "the signing date"},
	{Name: Announced, Subjects: []EntityType{Ministry, Person, Organization, Country}, Objects: []EntityType{Agreement, Event},
		Doc: "the subject announced it"},
	{Name: MemberOf, Subjects: []EntityType{Person}, Objects: []EntityType{Ministry, Organization},
		Doc: "works in, heads, or speaks for the body"},
	{Name: Represents, Subjects: []EntityType{Person}, Objects: []EntityType{Country},
		Doc: "an official or envoy of the country"},
	{Name: PartOf, Subjects: []EntityType{Ministry, Event}, Objects: []EntityType{Country, Ministry, Event},
		Pairs: [][2]EntityType{{Ministry, Country}, {Ministry, Ministry}, {Event, Event}},
		Doc:   "the body belongs to that government; the event took place within the larger one"},
	{Name: LocatedIn, Subjects: []EntityType{Location, Event, Organization, Ministry}, Objects: []EntityType{Location, Country},
		Doc: "physical location"},
	{Name: Attended, Subjects: []EntityType{Person, Country, Organization}, Objects: []EntityType{Event},
		Doc: "took part in the event"},
}

// Spec returns the specification of p, and false when p is not in the ontology.
func Spec(p Predicate) (PredicateSpec, bool) {
	for _, s := range Predicates {
		if s.Name == p {
			return s, true
		}
	}
	return PredicateSpec{}, false
}

// Allows reports whether a relation p from a subject of type s to an object
// of type o is allowed by the ontology. For date predicates o is ignored.
func (ps PredicateSpec) Allows(s, o EntityType) bool {
	if !slices.Contains(ps.Subjects, s) {
		return false
	}
	if ps.ObjectIsDate {
		return true
	}
	if ps.Pairs != nil {
		return slices.Contains(ps.Pairs, [2]EntityType{s, o})
	}
	return slices.Contains(ps.Objects, o)
}

// ParsePredicate turns a predicate name into a Predicate of the ontology.
func ParsePredicate(s string) (Predicate, error) {
	if _, ok := Spec(Predicate(s)); !ok {
		return "", fmt.Errorf("schema: unknown predicate %q", s)
	}
	return Predicate(s), nil
}
