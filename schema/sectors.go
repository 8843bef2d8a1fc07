package schema

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed sectors.tsv
var sectorsTSV string

// SectorDef is one sector of the closed vocabulary with the surface forms
// that map onto it.
type SectorDef struct {
	Name    string
	Surface []string
}

// Sectors returns the closed sector vocabulary, parsed from the embedded
// sectors.tsv. The file is part of the binary, so a malformed line is a
// programmer error and panics (caught by the package tests).
func Sectors() []SectorDef {
	defs, err := parseSectors(sectorsTSV)
	if err != nil {
		panic(err)
	}
	return defs
}

func parseSectors(text string) ([]SectorDef, error) {
	var defs []SectorDef
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, forms, ok := strings.Cut(line, "\t")
		if !ok || name == "" {
			return nil, fmt.Errorf("schema: sectors.tsv line %d: want name<TAB>forms", i+1)
		}
		def := SectorDef{Name: name}
		for _, f := range strings.Split(forms, "|") {
			if f = strings.TrimSpace(f); f != "" {
				def.Surface = append(def.Surface, f)
			}
		}
		defs = append(defs, def)
	}
	return defs, nil
}

// IsSector reports whether name is one of the closed list's sector names.
func IsSector(name string) bool {
	for _, d := range Sectors() {
		if d.Name == name {
			return true
		}
	}
	return false
}
