package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// statedDate is a date as a metadata line writes it, with its byte range
// in the string read. Y is 0 when the line gives no year ("BEIJING, June 2
// (Reuters) -").
type statedDate struct {
	Y, M, D    int
	Start, End int
}

// resolve writes the date as YYYY-MM-DD. A date without a year takes the
// year that puts it nearest to ref (a December dateline on a January
// article is last year's); without ref it has no full date.
func (d statedDate) resolve(ref string) (string, bool) {
	if d.Y != 0 {
		return fmtDate(d.Y, d.M, d.D)
	}
	rt, err := time.Parse("2006-01-02", ref)
	if err != nil {
		return "", false
	}
	best, bestGap := "", time.Duration(1<<62)
	for y := rt.Year() - 1; y <= rt.Year()+1; y++ {
		s, ok := fmtDate(y, d.M, d.D)
		if !ok {
			continue
		}
		t, _ := time.Parse("2006-01-02", s)
		if gap := max(t.Sub(rt), rt.Sub(t)); gap < bestGap {
			best, bestGap = s, gap
		}
	}
	return best, best != ""
}

func fmtDate(y, m, d int) (string, bool) {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// dateStyle says how an article writes a numeric date whose day and month
// could be either way round ("04/03/2025"): as the article writes its dates
// in words, month first ("March 4") in American usage, day first ("4
// March") elsewhere, which is also the default. It reads the text only
// when such a date turns up.
type dateStyle struct {
	text      string
	done, mdy bool
}

func (ds *dateStyle) monthDay() bool {
	if ds == nil {
		return false
	}
	if !ds.done {
		ds.done = true
		ds.mdy = len(mdyRE.FindAllStringIndex(ds.text, 50)) > len(dmyRE.FindAllStringIndex(ds.text, 50))
	}
	return ds.mdy
}

var (
	// "2025-03-04", "2025-03-04T10:15:00+07:00", "2025/03/04"
	ymdRE = regexp.MustCompile(`(?:^|[^\d])(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?:$|[^\d])`)
	// "04/03/2025", "4.3.2025", "04-03-25"
	numDateRE = regexp.MustCompile(`(?:^|[^\d./-])(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})(?:$|[^\d])`)
	// a clock time and its zone: "10:15 am GMT+7", "18:19", "10.15 IST", "(UTC+08:00)"
	clockRE = regexp.MustCompile(`(?i)\b\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?|\b(?:GMT|UTC)\s*[+-]?\s*\d{0,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}\b`)
)

// findStatedDate finds the first date s writes: in words with or without a
// year ("Tue, March 4, 2025", "4 March", "Mar. 4"), in ISO form with or
// without a time ("2025-03-04T10:15:00+07:00"), or in numbers ("04/03/2025",
// day first unless ds says the article writes month first, or a part is
// over 12).
func findStatedDate(s string, ds *dateStyle) (statedDate, bool) {
	var found []statedDate
	// mdyRE groups month, day, year; dmyRE day, month, year
	for _, form := range [2]struct {
		re         *regexp.Regexp
		month, day int
	}{{mdyRE, 2, 4}, {dmyRE, 4, 2}} {
		for _, m := range form.re.FindAllStringSubmatchIndex(s, 4) {
			d := statedDate{M: int(monthNames[strings.ToLower(s[m[form.month]:m[form.month+1]])]), Start: m[0], End: m[1]}
			d.D, _ = strconv.Atoi(s[m[form.day]:m[form.day+1]])
			if m[6] >= 0 {
				d.Y, _ = strconv.Atoi(s[m[6]:m[7]])
			}
			found = append(found, d)
		}
	}
	if strings.ContainsAny(s, "-/.") {
		found = append(found, numericDates(s, ds)...)
	}
	best, ok := statedDate{}, false
	for _, d := range found {
		if !validMonthDay(d) {
			continue
		}
		if !ok || d.Start < best.Start || d.Start == best.Start && d.End > best.End {
			best, ok = d, true
		}
	}
	return best, ok
}

func numericDates(s string, ds *dateStyle) []statedDate {
	var out []statedDate
	for _, m := range ymdRE.FindAllStringSubmatchIndex(s, 4) {
		if s[m[4]:m[5]] != s[m[8]:m[9]] {
			continue // "2025-03/04" is no date
		}
		d := statedDate{Start: m[2], End: m[1]}
		d.Y, _ = strconv.Atoi(s[m[2]:m[3]])
		d.M, _ = strconv.Atoi(s[m[6]:m[7]])
		d.D, _ = strconv.Atoi(s[m[10]:m[11]])
		d.End = trimNonDigit(s, m[2], m[1])
		out = append(out, d)
	}
	for _, m := range numDateRE.FindAllStringSubmatchIndex(s, 4) {
		if s[m[4]:m[5]] != s[m[8]:m[9]] {
			continue
		}
		a, _ := strconv.Atoi(s[m[2]:m[3]])
		b, _ := strconv.Atoi(s[m[6]:m[7]])
		y, _ := strconv.Atoi(s[m[10]:m[11]])
		if m[11]-m[10] == 2 {
			y += 2000
		}
		d := statedDate{Y: y, D: a, M: b, Start: m[2], End: m[11]}
		switch {
		case a > 12:
		case b > 12 || ds.monthDay() && s[m[4]:m[5]] == "/":
			d.D, d.M = b, a
		}
		out = append(out, d)
	}
	return out
}

func trimNonDigit(s string, start, end int) int {
	for end > start && (s[end-1] < '0' || s[end-1] > '9') {
		end--
	}
	return end
}

func validMonthDay(d statedDate) bool {
	y := d.Y
	if y == 0 {
		y = 2000 // a leap year: "29 February" without a year may stand
	}
	_, ok := fmtDate(y, d.M, d.D)
	return ok
}

// leadingDate reads a date at the start of s, after an optional label
// ("on", "Published:", "Updated") and weekday, with the time and zone
// after it: "on March 4, 2025 at 10:15 am", "Tue, 04/03/2025 10:15 GMT+7".
// It returns the date and how much of s it read.
func leadingDate(s string, ds *dateStyle) (statedDate, int, bool) {
	at := 0
	for {
		w, n := firstWord(s[at:])
		lw := strings.ToLower(strings.Trim(w, ":,"))
		if w == "" || !dateLabel[lw] && !isWeekday(lw) {
			break
		}
		at += n
	}
	at = skipSeps(s, at, len(s))
	// a date is short: look at the start only, not the whole paragraph
	window := s[at:]
	if len(window) > 64 {
		window = window[:64]
		for !utf8.ValidString(window) {
			window = window[:len(window)-1]
		}
	}
	d, ok := findStatedDate(window, ds)
	if !ok || d.Start != 0 {
		return statedDate{}, 0, false
	}
	d.Start, d.End = d.Start+at, d.End+at
	end := d.End
	for {
		// ", 10:15 am", " | 10:15 GMT+7", " at 18:19", " GMT+7"
		k := skipSpace(s, end, len(s))
		if k < len(s) && (s[k] == ',' || s[k] == '|') {
			k = skipSpace(s, k+1, len(s))
		}
		if k+3 <= len(s) && strings.EqualFold(s[k:k+3], "at ") {
			k = skipSpace(s, k+3, len(s))
		}
		m := clockRE.FindStringIndex(s[k:min(len(s), k+24)])
		if m == nil || m[0] != 0 {
			break
		}
		end = k + m[1]
	}
	return d, end, true
}

// dateLabel: the words that open a line or part that gives a date.
var dateLabel = map[string]bool{"on": true, "published": true, "posted": true, "updated": true, "last": true, "first": true,
	"date": true, "modified": true, "created": true, "publish": true, "publication": true, "released": true, "issued": true,
	"dated": true, "edited": true, "time": true, "at": true}

func isWeekday(w string) bool {
	switch strings.TrimSuffix(w, ".") {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun":
		return true
	}
	return false
}

// dateKind ranks what a line says a date is: the date the article was
// published, a date with no label, the date it was last updated.
type dateKind int

const (
	publishedDate dateKind = iota
	plainDate
	updatedDate
)

// parseDateLine reads a line that gives the article's date and little
// else: "Tue, March 4, 2025 | 10:15 am GMT+7", "04/03/2025", "Published:
// 4 March 2025", "Updated 2025-03-04T10:15:00+07:00", "Posted on March 4,
// 2025", "Jakarta ● Tue, March 4, 2025". A line with both a published and
// an updated date gives the published one.
func parseDateLine(s string, ds *dateStyle) (statedDate, dateKind, bool) {
	if len(s) > 160 || strings.IndexFunc(s, unicode.IsDigit) < 0 {
		return statedDate{}, 0, false
	}
	used := make([]bool, len(s))
	mark := func(a, z int) {
		for i := a; i < z; i++ {
			used[i] = true
		}
	}
	type labelled struct {
		d    statedDate
		kind dateKind
	}
	var dates []labelled
	for at := 0; at < len(s); {
		d, ok := findStatedDate(s[at:], ds)
		if !ok {
			break
		}
		d.Start, d.End = d.Start+at, d.End+at
		dates = append(dates, labelled{d, labelBefore(s, at, d.Start)})
		mark(d.Start, d.End)
		at = d.End
	}
	if len(dates) == 0 {
		return statedDate{}, 0, false
	}
	for _, m := range clockRE.FindAllStringIndex(s, -1) {
		mark(m[0], m[1])
	}
	if !onlyDateWords(s, used) {
		return statedDate{}, 0, false
	}
	best := dates[0]
	for _, l := range dates[1:] {
		if l.kind < best.kind {
			best = l
		}
	}
	return best.d, best.kind, true
}

// labelBefore: what the words between from and at call the date at at.
func labelBefore(s string, from, at int) dateKind {
	ws := strings.Fields(strings.ToLower(s[from:at]))
	for i := len(ws) - 1; i >= 0; i-- {
		switch strings.Trim(ws[i], ":,|-") {
		case "updated", "modified", "edited":
			if i > 0 && strings.Trim(ws[i-1], ":,|-") == "first" {
				return publishedDate
			}
			return updatedDate
		case "published", "posted", "publish", "publication", "released", "issued", "created", "dated", "date":
			return publishedDate
		}
	}
	return plainDate
}

// onlyDateWords: once the dates and times are taken out, what is left of s
// is labels, weekdays, zones, separators and at most three capitalised
// words (a place: "Jakarta ● Tue, March 4, 2025", "| Mumbai").
func onlyDateWords(s string, used []bool) bool {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, k := utf8.DecodeRuneInString(s[i:])
		if used[i] || !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' {
			b.WriteByte(' ')
		} else {
			b.WriteString(s[i : i+k])
		}
		i += k
	}
	names := 0
	for _, w := range strings.Fields(b.String()) {
		lw := strings.ToLower(w)
		switch {
		case dateLabel[lw] || isWeekday(lw) || lw == "local" || lw == "hrs" || lw == "hours" || lw == "am" || lw == "pm" || lw == "by" || lw == "and":
		case isAllCaps(w) && len(w) <= 5: // a zone: IST, WIB, EAT, KST
		case unicode.IsUpper(firstRune(w)) && names < 3:
			names++
		default:
			return false
		}
	}
	return true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
