package extract

import (
	"strings"
	"testing"
)

// TestSentencesAndTokens: where sentences end and which periods stay on
// their word.
func TestSentencesAndTokens(t *testing.T) {
	x := testExtractor(t)
	for _, c := range []struct {
		text string
		want []string // each sentence's tokens, joined by spaces
	}{
		{"“We will cooperate,” said Ha. “In particular, trade.”",
			[]string{"“ We will cooperate , ” said Ha .", "“ In particular , trade . ”"}},
		{"The talks ended, according to Li. Kim arrived later.",
			[]string{"The talks ended , according to Li .", "Kim arrived later ."}},
		{"It was signed by Gen. Ahn of Acme Co. in Jan. 2025 at the U.S. embassy.",
			[]string{"It was signed by Gen. Ahn of Acme Co. in Jan. 2025 at the U.S. embassy ."}},
		{"The forum opened (Nov. 20) in Lima. Jose W. Diokno spoke.",
			[]string{"The forum opened ( Nov. 20 ) in Lima .", "Jose W. Diokno spoke ."}},
		{"The grant was signed. U.S. Ambassador to Kenya Mark Lowe attended.",
			[]string{"The grant was signed .", "U.S. Ambassador to Kenya Mark Lowe attended ."}},
		{"Work went on in the U.S.-China Climate and Clean Energy Partnership. It grew.",
			[]string{"Work went on in the U.S.-China Climate and Clean Energy Partnership .", "It grew ."}},
		{"“Is it true?” he asked. eBay said so.",
			[]string{"“ Is it true ? ” he asked .", "eBay said so ."}},
		{"H.E. Ruth Wambui met Mr. Cho.",
			[]string{"H.E. Ruth Wambui met Mr. Cho ."}},
	} {
		var got []string
		for _, s := range x.models.sentences(c.text, 0, len(c.text)) {
			words := make([]string, len(s.Tokens))
			for i, tk := range s.Tokens {
				words[i] = tk.Text
				if c.text[tk.Start:tk.End] != tk.Text {
					t.Errorf("%q: token %q is at %d:%d, which holds %q", c.text, tk.Text, tk.Start, tk.End, c.text[tk.Start:tk.End])
				}
			}
			got = append(got, strings.Join(words, " "))
		}
		if strings.Join(got, " | ") != strings.Join(c.want, " | ") {
			t.Errorf("%q:\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}
