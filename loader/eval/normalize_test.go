package eval

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Japan", "japan"},
		{"U.S.", "us"},
		{"U.S", "us"},
		{"US", "us"},
		{"the United States", "united states"},
		{"The  Netherlands", "netherlands"},
		{"The", "the"},
		{"Theresa May", "theresa may"},
		{"China's", "china"},
		{"China’s", "china"},
		{"U.S.'s", "us"},
		{"Macy's Inc.", "macy inc"},
		{"exporters'", "exporters"},
		{"O'Brien", "obrien"},
		{"Société Générale", "societe generale"},
		{"São Paulo", "sao paulo"},
		{"İstanbul", "istanbul"},
		{"Ministry of Economy, Trade and Industry", "ministry of economy trade and industry"},
		{"  Economy,\tTrade\nand Industry ", "economy trade and industry"},
		{"Trade & Industry", "trade and industry"},
		{"U.S.-China", "us china"},
		{"“Huawei”", "huawei"},
		{"ＡＢＣ", "abc"},
		{"", ""},
		{" ... ", ""},
		{"’s", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNormalizeIdempotent checks that a normalised name is its own normal
// form, which is what makes the comparison symmetric between gold and
// extraction whatever form either side wrote.
func TestNormalizeIdempotent(t *testing.T) {
	for _, s := range []string{"U.S.'s", "The the", "The The Band", "Macy's", "Trade & Industry", "İstanbul", "a’s b's", "the ’s"} {
		n := Normalize(s)
		if again := Normalize(n); again != n {
			t.Errorf("Normalize(%q) = %q, but Normalize(%q) = %q", s, n, n, again)
		}
	}
}
