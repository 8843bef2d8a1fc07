package corpus

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/schema"
)

// stories is how many story lines articles are spread over: article i
// belongs to story i%stories and shares its cast with the other articles
// of that story.
const stories = 500

// entity is a member of an article's cast: its identity and the ways a
// template can name it (forms[""] is the plain name; others are "s" short
// form, "dem" demonym, "q" quoted title, "kind", "poss", "full", "appos",
// "last").
type entity struct {
	typ   schema.EntityType
	name  string
	id    string
	forms map[string][]piece
}

type personName struct{ full, family string }

// story is what every article of one story line shares.
type story struct {
	c1, c2       *country
	pf           *portfolio
	sectors      [3]*sector
	agreement    string
	event        string
	ev2          *multilateral
	city, venue  string
	org, orgCity string
	bank, uni    string
	exec         personName
	execTitle    string
	sign         time.Time
}

var epoch = time.Date(2015, time.January, 1, 0, 0, 0, 0, time.UTC)

func (g *Generator) story(s int) *story {
	r := g.rng("story", strconv.Itoa(s))
	lib := g.lib
	st := &story{pf: pick(r, ptrs(lib.portfolios))}
	st.c1 = pick(r, ptrs(lib.countries))
	for st.c2 = st.c1; st.c2 == st.c1; {
		st.c2 = pick(r, ptrs(lib.countries))
	}
	st.sectors = g.storySectors(r, st.pf)
	a, b := st.c1.Short, st.c2.Short
	st.agreement = fill(pick(r, lib.words["agreement"]), a, b, st.sectors[0].Name)
	st.event = fill(pick(r, lib.words["event"]), a, b, st.sectors[1].Name)
	if r.IntN(3) == 0 {
		st.ev2 = pick(r, ptrs(lib.events))
		st.city = st.ev2.City
	} else {
		st.city = pick(r, []string{st.c1.Capital, st.c2.Capital, st.c1.City})
	}
	st.venue = st.city + " " + pick(r, lib.words["venue"])
	st.org = pick(r, lib.words["company1"]) + pick(r, lib.words["company2"]) + " " + pick(r, lib.words["company3"])
	st.orgCity = pick(r, []string{st.c1.City, st.c1.Capital})
	st.bank = strings.NewReplacer("{D}", pick(r, []*country{st.c1, st.c2}).Demonym, "{C}", st.c1.City,
		"{W}", pick(r, lib.words["company1"])).Replace(pick(r, lib.words["bank"]))
	st.uni = strings.ReplaceAll(pick(r, lib.words["university"]), "{C}", pick(r, []string{st.c2.Capital, st.c2.City}))
	st.exec = g.person(r, st.c1.Culture)
	st.execTitle = pick(r, lib.words["executive"])
	st.sign = epoch.AddDate(0, 0, r.IntN(4000))
	return st
}

// storySectors picks three different sectors, the first from the
// portfolio's own so that a trade ministry signs about chips, not vaccines.
func (g *Generator) storySectors(r *rand.Rand, pf *portfolio) [3]*sector {
	var out [3]*sector
	names := []string{pick(r, pf.Sectors)}
	for len(names) < 3 {
		var n string
		if r.IntN(2) == 0 {
			n = pick(r, pf.Sectors)
		} else {
			n = pick(r, g.lib.sectors).Name
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	for i, n := range names {
		out[i] = &g.lib.sectors[slices.IndexFunc(g.lib.sectors, func(s sector) bool { return s.Name == n })]
	}
	return out
}

func fill(pattern, a, b, s string) string {
	return strings.NewReplacer("{A}", a, "{B}", b, "{S}", s).Replace(pattern)
}

// person draws a name of culture c.
func (g *Generator) person(r *rand.Rand, c string) personName {
	cu := g.lib.cultures[c]
	given, family := pick(r, cu.given), pick(r, cu.family)
	if cu.familyFirst {
		return personName{full: family + " " + given, family: family}
	}
	return personName{full: given + " " + family, family: family}
}

// official is the holder of a post in a country's government, the same
// person in every story: the post names the draw.
func (g *Generator) official(c *country, post string) personName {
	return g.person(g.rng("official", c.Code, post), c.Culture)
}

func (d *draft) addCountry(key string, c *country) {
	the := ""
	if c.The {
		the = "the "
	}
	d.ents[key] = &entity{typ: schema.Country, name: c.Name, id: schema.EntityID(schema.Country, c.Code),
		forms: map[string][]piece{
			"":    {{text: the}, {text: c.Name, key: key}},
			"s":   {{text: c.Short, key: key}},
			"dem": {{text: c.Demonym, key: key, noAlias: true}},
		}}
}

// addNamed adds an entity named by its plain name only.
func (d *draft) addNamed(key string, t schema.EntityType, name string) {
	d.ents[key] = &entity{typ: t, name: name, id: schema.EntityID(t, name),
		forms: map[string][]piece{"": {{text: name, key: key}}}}
}

// addPerson adds a person; before is what "full" puts before the name
// ("Japanese Foreign Minister "), after what "appos" puts after it
// (", the foreign minister").
func (d *draft) addPerson(key string, n personName, before, after []piece) {
	name := piece{text: n.full, key: key}
	d.ents[key] = &entity{typ: schema.Person, name: n.full, id: schema.EntityID(schema.Person, n.full),
		forms: map[string][]piece{
			"":      {name},
			"last":  {{text: n.family, key: key}},
			"full":  append(slices.Clone(before), name),
			"appos": append([]piece{name}, after...),
		}}
}

// addOfficial adds a person who holds title in country c (cast key ck).
func (d *draft) addOfficial(key string, n personName, c *country, ck, title string) {
	low := strings.ToLower(title)
	after := append([]piece{{text: ", "}}, d.ents[ck].forms[""]...)
	after = append(after, piece{text: possessive(c) + low, title: low})
	d.addPerson(key, n,
		[]piece{{text: c.adjective(), key: ck, noAlias: true}, {text: " " + title + " ", title: title}}, after)
}

func (d *draft) addMinistry(key string, c *country, ck string, pf *portfolio) {
	name, bare := c.Demonym+" "+pf.Ministry, pf.Ministry
	if c.US {
		name, bare = pf.USMinistry, pf.USMinistry
	}
	self := piece{text: bare, key: key}
	poss := []piece{{text: "the "}, self}
	if !c.US {
		owner := slices.Clone(d.ents[ck].forms[""])
		poss = append(owner, piece{text: possessive(c)}, self)
	}
	d.ents[key] = &entity{typ: schema.Ministry, name: name, id: schema.EntityID(schema.Ministry, name),
		forms: map[string][]piece{"": {{text: name, key: key}}, "poss": poss}}
}

func (d *draft) addAgreement(key, title string) {
	kind := "agreement"
	for _, k := range d.lib.kinds {
		if strings.Contains(title, k.needle) {
			kind = k.kind
			break
		}
	}
	self := piece{text: title, key: key}
	d.ents[key] = &entity{typ: schema.Agreement, name: title, id: schema.EntityID(schema.Agreement, title),
		forms: map[string][]piece{"": {self}, "q": {{text: "“"}, self, {text: "”"}}, "kind": {{text: kind}}}}
}

// addSector names sector s by one of its surface forms, drawn per article
// so that the same sector reads differently across a story.
func (d *draft) addSector(key string, s *sector) {
	form := pick(d.r, s.Forms)
	d.ents[key] = &entity{typ: schema.Sector, name: s.Name, id: schema.EntityID(schema.Sector, s.Name),
		forms: map[string][]piece{"": {{text: form, key: key}}}}
}

// possessive is what follows a country's name to make it possessive,
// with the space before the next word.
func possessive(c *country) string {
	if strings.HasSuffix(c.Name, "s") {
		return "' "
	}
	return "'s "
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func ptrs[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}
