package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// num writes a measured figure with as many digits as a noisy machine
// makes worth reading: whole numbers, with thousands separated, from 100
// up; three significant digits below.
func num(v float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "—"
	case a >= 100:
		return thousands(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case a == 0:
		return "0"
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}

func thousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// times is a ratio: "1.25×".
func times(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	if math.Abs(v) >= 10 {
		return num(v) + "×"
	}
	return strconv.FormatFloat(v, 'g', 3, 64) + "×"
}

// percent is a share: "80%", "1.2%".
func percent(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	p := 100 * v
	switch a := math.Abs(p); {
	case a >= 10:
		return strconv.FormatFloat(p, 'f', 0, 64) + "%"
	case a >= 1:
		return strconv.FormatFloat(p, 'f', 1, 64) + "%"
	default:
		return strconv.FormatFloat(p, 'g', 2, 64) + "%"
	}
}

// duration is a number of seconds as minutes and seconds.
func duration(sec float64) string {
	if sec < 60 {
		return num(sec) + " s"
	}
	s := int(math.Round(sec))
	return fmt.Sprintf("%d min %02d s", s/60, s%60)
}

// table writes a Markdown table; a column whose header ends in ":" is
// numbers, aligned right, and written without the colon.
func table(w io.Writer, header []string, rows [][]string) {
	seps := make([]string, len(header))
	heads := make([]string, len(header))
	for i, h := range header {
		heads[i], seps[i] = h, "---"
		if strings.HasSuffix(h, ":") {
			heads[i], seps[i] = strings.TrimSuffix(h, ":"), "--:"
		}
	}
	fmt.Fprintf(w, "| %s |\n|%s|\n", strings.Join(heads, " | "), strings.Join(seps, "|"))
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = strings.ReplaceAll(c, "|", `\|`) // a regexp's alternation is not a column
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	fmt.Fprintln(w)
}
