package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/schema"
)

var (
	fuzzOnce sync.Once
	fuzzX    *Extractor
	fuzzErr  error
)

// fuzzSeeds are texts written for the fuzzer: the shapes that once made a
// rule slice past its sentence or between overlapping mentions, and odd
// ones of our own.
var fuzzSeeds = []string{
	"The National Research Council (NRC), under the Ministry of Science and Technology, signed a memorandum of understanding with Acme Devices, Inc. to boost chip design.\nThe NRC also signed an MoU with Andes State University, while the Ministry of Education signed an MoU with Initech.",
	"Port Memorandum of Understanding (MOU): The Minister and the Secretary praised the work. Since the signing of the MOU Establishing Port Supply Chain and Innovation Partnership under the Framework of the Chile-Peru Trade Council, both sides met twice.",
	"date 2025-03-04 Korea, Chile sign MoU\n\nSouth Korea and Chile signed a memorandum of understanding on Tuesday. The signing ceremony took place in Santiago.",
	"NAIROBI, June 2, 2025 (Xinhua) -- Kenya and Japan signed two agreements, the pact and the deal, between the Ministry of Interior and the Government of Karnataka; and .",
	"The Secretary of State for Trade of the United Kingdom, the Right Honourable Jane Doe MP and the Minister, Her Excellency Retno L.P. Marsudi, met. ,,, ;; (MOU) (MoU) ()",
	"Qatar's Emir Sheikh Tamim bin Hamad Al Thani — the 31st ASEAN Summit's state visit to Japan's Embassy of Canada in Peru, Inc. Co., Ltd. and",
	"\u202eMOU\u202c between \u00a0 İstanbul and Côte d’Ivoire’s ’s 's signed signed signed.",
}

// FuzzExtract: no text makes the extractor panic, and every document it
// makes validates against its text (spans inside it, ends that exist).
// Seeded with texts of our own, the seed article and, when ../shared/eval
// (or EVAL_DIR) is there, the development articles.
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("../seeds/korea-us-mou.txt"); err == nil {
		f.Add(b)
	}
	dir := os.Getenv("EVAL_DIR")
	if dir == "" {
		dir = "../../shared/eval"
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "articles", "*.txt"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	fuzzOnce.Do(func() { fuzzX, fuzzErr = New(Config{Workers: 1}) })
	if fuzzErr != nil {
		f.Fatal(fuzzErr)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := fuzzX.Extract(context.Background(), schema.Article{ID: "fuzz.txt"}, data)
		var internal *internalError
		if errors.As(err, &internal) {
			t.Fatalf("%v\n%s", err, internal.stack)
		}
		if err != nil {
			return // refused input: empty, binary, not English, too long
		}
		if verr := doc.Validate(len(data)); verr != nil {
			t.Fatalf("document does not validate: %v", verr)
		}
	})
}
