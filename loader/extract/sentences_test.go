package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "Japan agreed. China did not.", []string{"Japan agreed.", "China did not."}},
		{"US abbreviation mid sentence", "The U.S. Department of Commerce acted. Japan followed.",
			[]string{"The U.S. Department of Commerce acted.", "Japan followed."}},
		{"US abbreviation at the end", "Chips were sent to the U.S. The move angered China.",
			[]string{"Chips were sent to the U.S.", "The move angered China."}},
		{"UK", "The U.K. Treasury agreed.", []string{"The U.K. Treasury agreed."}},
		{"honorifics", "Mr. Ma and Mrs. Doe met Dr. Smith. Sen. Warren and Rep. Lee objected, as did Gov. Newsom.",
			[]string{"Mr. Ma and Mrs. Doe met Dr. Smith.", "Sen. Warren and Rep. Lee objected, as did Gov. Newsom."}},
		{"company suffix inside", "Acme Corp. said Foo Inc. and Bar Co. Ltd. agreed.",
			[]string{"Acme Corp. said Foo Inc. and Bar Co. Ltd. agreed."}},
		{"company suffix at the end", "Shares fell at Acme Corp. The company declined to comment.",
			[]string{"Shares fell at Acme Corp.", "The company declined to comment."}},
		{"dept and street", "The Dept. of Energy on Main St. agreed.", []string{"The Dept. of Energy on Main St. agreed."}},
		{"months", "On Jan. 5 the ban began. It ended in Feb. 2024.", []string{"On Jan. 5 the ban began.", "It ended in Feb. 2024."}},
		{"initials", "J. P. Morgan lent money. Then it stopped.", []string{"J. P. Morgan lent money.", "Then it stopped."}},
		{"decimals", "Exports fell 3.5 percent. Imports rose 1.2%.", []string{"Exports fell 3.5 percent.", "Imports rose 1.2%."}},
		{"closing quotes", "He said \u201cWe will act.\u201d China protested.", []string{"He said \u201cWe will act.\u201d", "China protested."}},
		{"straight quotes", `She said "No." Then she left.`, []string{`She said "No."`, "Then she left."}},
		{"question and exclamation", "Will Japan join? It must! Officials agree.", []string{"Will Japan join?", "It must!", "Officials agree."}},
		{"ellipsis before capital", "They waited... Then China acted.", []string{"They waited...", "Then China acted."}},
		{"ellipsis before lower case", "They waited \u2026 and waited.", []string{"They waited \u2026 and waited."}},
		{"title line", "US asks Japan to join chip curbs\nUS authorities asked Japan.", []string{"US asks Japan to join chip curbs", "US authorities asked Japan."}},
		{"paragraphs", "First paragraph ends here.\n\nSecond one starts here", []string{"First paragraph ends here.", "Second one starts here"}},
		{"wrapped line", "The ban on imports\nof seafood began.", []string{"The ban on imports\nof seafood began."}},
		{"lower case after period", "Use e.g. the list.", []string{"Use e.g. the list."}},
		{"empty", "  \n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range splitSentences(tt.text) {
				if tt.text[s.Start:s.End] != s.Text {
					t.Errorf("sentence %d: offsets [%d,%d) give %q, Text is %q", s.Index, s.Start, s.End, tt.text[s.Start:s.End], s.Text)
				}
				got = append(got, s.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("splitSentences(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
