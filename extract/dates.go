package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A date found in text, with where it stands.
type dateMention struct {
	Date       string // YYYY-MM-DD
	Start, End int
}

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
	"nov": 11, "november": 11, "dec": 12, "december": 12,
}

const monthRE = `(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`

var (
	// "June 15, 2009", "Nov. 20", "January 31, 2024"
	mdyRE = regexp.MustCompile(`\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`)
	// "29 Oct. 2025", "9 May 2025", "21 January"
	dmyRE = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+` + monthRE + `(?:,?\s+(\d{4})\b)?`)
	isoRE = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	// "on Wednesday", "Wednesday" — resolved against the article date
	weekdayRE = regexp.MustCompile(`\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
	relDayRE  = regexp.MustCompile(`(?i)\b(today|yesterday)\b`)
)

// findDates returns every explicit date in s (offsets relative to s), in
// order. A day and month without a year take the year of ref (YYYY-MM-DD),
// when ref is known.
func findDates(s, ref string) []dateMention {
	var out []dateMention
	refYear := 0
	if len(ref) >= 4 {
		refYear, _ = strconv.Atoi(ref[:4])
	}
	add := func(y, m, d int, start, end int) {
		if y == 0 {
			y = refYear
		}
		if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
			return
		}
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d {
			return
		}
		out = append(out, dateMention{Date: t.Format("2006-01-02"), Start: start, End: end})
	}
	for _, m := range mdyRE.FindAllStringSubmatchIndex(s, -1) {
		mon := monthNames[strings.ToLower(s[m[2]:m[3]])]
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y := 0
		if m[6] >= 0 {
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		add(y, int(mon), d, m[0], m[1])
	}
	for _, m := range dmyRE.FindAllStringSubmatchIndex(s, -1) {
		if overlaps(out, m[0], m[1]) {
			continue
		}
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mon := monthNames[strings.ToLower(s[m[4]:m[5]])]
		y := 0
		if m[6] >= 0 {
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		add(y, int(mon), d, m[0], m[1])
	}
	for _, m := range isoRE.FindAllStringSubmatchIndex(s, -1) {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		add(y, mo, d, m[0], m[1])
	}
	sortDates(out)
	return out
}

func overlaps(ds []dateMention, start, end int) bool {
	for _, d := range ds {
		if start < d.End && d.Start < end {
			return true
		}
	}
	return false
}

func sortDates(ds []dateMention) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].Start < ds[j-1].Start; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// resolveRelative turns "today", "yesterday" and a weekday in s into a date
// relative to the article date ref: a weekday means the latest such day on
// or before ref, as news reports past days ("on Wednesday" in an article of
// Wednesday 2025-10-29 is that day).
func resolveRelative(s, ref string) (dateMention, bool) {
	rt, err := time.Parse("2006-01-02", ref)
	if err != nil {
		return dateMention{}, false
	}
	if m := relDayRE.FindStringSubmatchIndex(s); m != nil {
		t := rt
		if strings.EqualFold(s[m[2]:m[3]], "yesterday") {
			t = t.AddDate(0, 0, -1)
		}
		return dateMention{Date: t.Format("2006-01-02"), Start: m[0], End: m[1]}, true
	}
	if m := weekdayRE.FindStringSubmatchIndex(s); m != nil {
		want := weekday(s[m[2]:m[3]])
		back := (int(rt.Weekday()) - int(want) + 7) % 7
		return dateMention{Date: rt.AddDate(0, 0, -back).Format("2006-01-02"), Start: m[0], End: m[1]}, true
	}
	return dateMention{}, false
}

func weekday(name string) time.Weekday {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if d.String() == name {
			return d
		}
	}
	return time.Sunday
}

var urlDateRE = regexp.MustCompile(`/(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)`)

// dateFromURL reads a publication date from a URL path such as
// /2024/11/20/story or /news/2024-11-20-story.
func dateFromURL(u string) string {
	m := urlDateRE.FindStringSubmatch(u)
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	ds := findDates(strconv.Itoa(y)+"-"+pad2(mo)+"-"+pad2(d), "")
	if len(ds) == 0 {
		return ""
	}
	return ds[0].Date
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
