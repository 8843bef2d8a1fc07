package corpus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/schema"
)

// draft is one article being made: its cast, the values its templates may
// ask for, and the article's own random source.
type draft struct {
	lib    *library
	r      *rand.Rand
	name   string
	ents   map[string]*entity
	vals   map[string]func() string
	pub    time.Time
	sign   time.Time
	author personName
	outlet string
}

func (g *Generator) draft(i int) *draft {
	st := g.story(i % stories)
	d := &draft{lib: g.lib, r: g.rng("article", strconv.Itoa(i)), ents: map[string]*entity{}}
	c1, c2 := st.c1, st.c2
	if d.r.IntN(10) < 3 {
		// some articles of a story are written from the other side
		c1, c2 = c2, c1
	}
	d.name = fmt.Sprintf("%s-%s-%05d", schema.Slug(c1.Short), schema.Slug(c2.Short), i)
	d.sign = st.sign
	days := d.r.IntN(7)
	if d.r.IntN(10) < 3 {
		days = 7 + d.r.IntN(40) // a follow-up weeks later
	}
	d.pub = st.sign.AddDate(0, 0, days).Add(time.Duration(7*60+d.r.IntN(14*60)) * time.Minute)
	d.castStory(g, st, c1, c2)
	d.castArticle(g)
	d.values(days)
	return d
}

// castStory adds the entities the article shares with its story and, for
// officials, with every story about the same countries.
func (d *draft) castStory(g *Generator, st *story, c1, c2 *country) {
	d.addCountry("C1", c1)
	d.addCountry("C2", c2)
	d.addMinistry("M1", c1, "C1", st.pf)
	d.addMinistry("M2", c2, "C2", st.pf)
	for _, o := range []struct {
		key  string
		c    *country
		ck   string
		post string
	}{
		{"P1", c1, "C1", st.pf.Key}, {"P2", c2, "C2", st.pf.Key}, {"V1", c1, "C1", "vice-" + st.pf.Key},
		{"H1", c1, "C1", "leader"}, {"H2", c2, "C2", "leader"},
	} {
		d.addOfficial(o.key, g.official(o.c, o.post), o.c, o.ck, d.postTitle(o.c, st.pf, o.post))
	}
	d.addPerson("AMB", g.official(c2, "ambassador-to-"+c1.Code),
		[]piece{{text: c2.adjective(), key: "C2", noAlias: true}, {text: " Ambassador ", title: "Ambassador"}},
		[]piece{{text: ", the "}, {text: c2.Demonym, key: "C2", noAlias: true}, {text: " ambassador", title: "ambassador"}})
	d.addPerson("EXEC", st.exec, nil, []piece{{text: ", the " + st.execTitle, title: st.execTitle}})
	d.addAgreement("AG", st.agreement)
	for i, s := range st.sectors {
		d.addSector("S"+strconv.Itoa(i+1), s)
	}
	d.addNamed("EV", schema.Event, st.event)
	if st.ev2 != nil {
		d.addNamed("EV2", schema.Event, st.ev2.Name)
		d.addNamed("EV2CITY", schema.Location, st.ev2.City)
	}
	d.addNamed("CITY", schema.Location, st.city)
	d.addNamed("VENUE", schema.Location, st.venue)
	d.addNamed("CAP1", schema.Location, c1.Capital)
	d.addNamed("CAP2", schema.Location, c2.Capital)
	d.addNamed("ORG", schema.Organization, st.org)
	d.addNamed("ORGCITY", schema.Location, st.orgCity)
	d.addNamed("BANK", schema.Organization, st.bank)
	d.addNamed("UNI", schema.Organization, st.uni)
}

// postTitle is how a country styles the holder of a post.
func (d *draft) postTitle(c *country, pf *portfolio, post string) string {
	switch {
	case post == "leader":
		return c.Leader
	case strings.HasPrefix(post, "vice-") && c.US:
		return pf.USVice
	case strings.HasPrefix(post, "vice-"):
		return pf.Vice
	case c.US:
		return pf.USTitle
	}
	return pf.Title
}

// castArticle adds who is the article's own: the analyst it quotes and its
// reporter, one of a few per outlet so bylines recur too.
func (d *draft) castArticle(g *Generator) {
	an := g.person(d.r, pick(d.r, d.lib.culture))
	role := pick(d.r, d.lib.words["analyst"])
	_, bare, _ := strings.Cut(role, " ")
	d.addPerson("AN", an, nil, []piece{{text: ", " + role, title: bare}})
	d.outlet = pick(d.r, d.lib.words["outlet"])
	k := strconv.Itoa(d.r.IntN(8))
	rr := g.rng("reporter", d.outlet, k)
	d.author = g.person(rr, pick(rr, d.lib.culture))
	d.addNamed("AUTHOR", schema.Person, d.author.full)
	d.addNamed("OUTLET", schema.Organization, d.outlet)
}

// values are the slots that are not entities. The signing date is given as
// a weekday when the article appeared within the week, the way news says
// "on Wednesday", and in full otherwise.
func (d *draft) values(days int) {
	when := "on " + d.sign.Format("January 2, 2006")
	if days < 7 {
		when = "on " + d.sign.Weekday().String()
	}
	eve := "on " + d.sign.AddDate(0, 0, -1).Weekday().String()
	d.vals = map[string]func() string{
		"SIGNDATE": func() string { return when },
		"WEEKDAY":  func() string { return eve },
		"AMOUNT":   func() string { return fmt.Sprintf("$%d.%d billion", 1+d.r.IntN(40), d.r.IntN(10)) },
		"PCT":      func() string { return strconv.Itoa(2 + d.r.IntN(30)) },
		"N":        func() string { return strconv.Itoa(2 + d.r.IntN(15)) },
		"YEAR0":    func() string { return strconv.Itoa(1965 + d.r.IntN(50)) },
	}
}

// has reports whether the cast can fill every slot and relation end of t.
func (d *draft) has(t *template) bool {
	for _, k := range t.needs {
		_, e := d.ents[k]
		_, v := d.vals[k]
		if !e && !v {
			return false
		}
	}
	return true
}

// deck deals templates of one kind in a shuffled order and reshuffles when
// all are used, so an article repeats a sentence only when it is long.
type deck struct {
	d    *draft
	left map[string][]*template
}

func (k *deck) next(kind string) *template {
	if len(k.left[kind]) == 0 {
		var ts []*template
		for _, t := range k.d.lib.templates[kind] {
			if k.d.has(t) {
				ts = append(ts, t)
			}
		}
		k.d.r.Shuffle(len(ts), func(i, j int) { ts[i], ts[j] = ts[j], ts[i] })
		k.left[kind] = ts
	}
	t := k.left[kind][0]
	k.left[kind] = k.left[kind][1:]
	return t
}

// targetWords draws an article length: log-normal around 440 words (mean
// near 500), kept within 150 to 1,440 so that one more sentence cannot take
// it past 1,500.
func targetWords(r *rand.Rand) int {
	w := int(math.Exp(math.Log(440) + 0.5*r.NormFloat64()))
	return min(max(w, 150), 1440)
}

// paragraphs draws the body: a lead paragraph, then facts, quotes and
// filler, cut into paragraphs so the total lands near the target length.
func (d *draft) paragraphs(overhead int) [][]sentence {
	target := targetWords(d.r)
	n := min(max(target/55, 6), 20)
	body := target - overhead
	k := &deck{d: d, left: map[string][]*template{}}
	paras := make([][]sentence, n)
	paras[0] = append(paras[0], d.render(k.next("lead")))
	total := paras[0][0].words
	for p := range paras {
		goal := body * (p + 1) / n
		for len(paras[p]) == 0 || total < goal {
			s := d.render(k.next(bodyKind(d.r)))
			paras[p] = append(paras[p], s)
			total += s.words
		}
	}
	for total+overhead < 150 {
		s := d.render(k.next("filler"))
		paras[n-1] = append(paras[n-1], s)
		total += s.words
	}
	return paras
}

func bodyKind(r *rand.Rand) string {
	switch x := r.IntN(100); {
	case x < 35:
		return "fact"
	case x < 55:
		return "quote"
	}
	return "filler"
}
