package extract

import "testing"

// The argument frames of frames.go, one clause shape per case, with the
// near misses that must stay silent.

func TestFramesSubjects(t *testing.T) {
	const (
		acme   = "Acme Robotics=company:acme-robotics"
		zenith = "Zenith Motors=company:zenith-motors"
		vela   = "Vela Chips=company:vela-chips"
	)
	runCases(t, []relCase{
		{name: "relative clause", text: "Acme Robotics, which acquired Zenith Motors in 2019, makes arms.",
			actors: []string{acme, zenith},
			want:   []want{{edge: "ACQUIRED company:acme-robotics company:zenith-motors"}}},
		{name: "relative after an appositive", text: "Acme Robotics, the Osaka-based maker that owns Zenith Motors, said sales rose.",
			actors: []string{acme, zenith},
			want:   []want{{edge: "OWNS company:acme-robotics company:zenith-motors"}}},
		{name: "relative clause between subject and verb", text: "Acme Robotics, which had lost money for years, has moved its headquarters to Japan.",
			actors: []string{acme, japan},
			want:   []want{{edge: "RELOCATED_TO company:acme-robotics country:JP"}}},
		{name: "actor inside a closed relative clause", text: "Acme Robotics, which sells to Zenith Motors, has moved its headquarters to India.",
			actors: []string{acme, zenith, india},
			want:   []want{{edge: "RELOCATED_TO company:acme-robotics country:IN"}}},
		{name: "complementiser that is no relative", text: "Reuters reported that Acme Robotics moved its plant to India.",
			actors: []string{reut, acme, india},
			want:   []want{{edge: "RELOCATED_TO company:acme-robotics country:IN", by: "company:reuters"}}},
		{name: "coordinated verb", text: "China criticised the United States over the rules and urged Japan to reject them.",
			actors: []string{china, us, japan},
			want: []want{{edge: "CRITICIZED country:CN country:US"},
				{edge: "REQUESTED country:CN country:JP", about: "reject them"}}},
		{name: "participle after after", text: "Japan signed the accord after holding talks with India.",
			actors: []string{japan, india},
			want:   []want{{edge: "MET_WITH country:JP country:IN"}}},
		{name: "dateline is no subject", text: "BEIJING - China protested the tariffs and urged the United States to drop them.",
			actors: []string{"BEIJING=country:CN", china, us},
			want:   []want{{edge: "REQUESTED country:CN country:US", about: "drop them"}}},
		{name: "possessor is no subject", text: "Several of Acme Robotics's suppliers have moved production to India.",
			actors: []string{acme, india}},
		{name: "possessor's government acts for it", text: "Japan's government imposed tariffs on steel from China.",
			actors: []string{japan, china},
			want:   []want{{edge: "IMPOSED_TARIFF country:JP country:CN"}}},
		{name: "that year is no clause", text: "Chinese customs that year suspended imports of beef from Australia.",
			actors: []string{"Chinese customs=ministry:cn-customs", "Australia=country:AU"},
			want:   []want{{edge: "BANNED ministry:cn-customs country:AU"}, {edge: "PART_OF ministry:cn-customs country:CN"}}},
		{name: "conditional", text: "Vela Chips pledged to invest $2.5 billion in Japan if the rules change.",
			actors: []string{vela, japan}},
		{name: "question", text: "Will Japan ban imports of beef from India?",
			actors: []string{japan, india}},
		{name: "condition in a later clause", text: "Japan banned imports of beef from India, and said it would lift the ban if tests improve.",
			actors: []string{japan, india},
			want:   []want{{edge: "BANNED country:JP country:IN"}}},
		{name: "denied that", text: "Vela Chips denied that it had asked Japan to waive the rules.",
			actors: []string{vela, japan}},
	})
}

func TestFramesObjects(t *testing.T) {
	const (
		acme  = "Acme Robotics=company:acme-robotics"
		vela  = "Vela Chips=company:vela-chips"
		orbit = "Orbit Semiconductor=company:orbit-semiconductor"
	)
	runCases(t, []relCase{
		{name: "possessive chain agent", text: "Vela Chips was added to the Entity List by the United States's Commerce Department.",
			actors: []string{vela, "United States=country:US", "Commerce Department=ministry:us-commerce"},
			want: []want{{edge: "SANCTIONED ministry:us-commerce company:vela-chips", about: "Entity List"},
				{edge: "PART_OF ministry:us-commerce country:US"}}},
		{name: "passive list with a phrase before by", text: "Vela Chips and Orbit Semiconductor were designated in March by the Commerce Department.",
			actors: []string{vela, orbit, "Commerce Department=ministry:us-commerce"},
			want: []want{{edge: "SANCTIONED ministry:us-commerce company:vela-chips"},
				{edge: "SANCTIONED ministry:us-commerce company:orbit-semiconductor"},
				{edge: "PART_OF ministry:us-commerce country:US"}}},
		{name: "appositive list before a passive verb", text: "Vela Chips and Orbit Semiconductor, two small traders, were blacklisted by the United States.",
			actors: []string{vela, orbit, us},
			want: []want{{edge: "SANCTIONED country:US company:vela-chips"},
				{edge: "SANCTIONED country:US company:orbit-semiconductor"}}},
		{name: "inverted passive", text: "Among the firms designated by the Commerce Department were Hong Kong-based Vela Chips and Orbit Semiconductor.",
			actors: []string{"Commerce Department=ministry:us-commerce", "Hong Kong=country:HK", vela, orbit},
			want: []want{{edge: "SANCTIONED ministry:us-commerce company:vela-chips"},
				{edge: "SANCTIONED ministry:us-commerce company:orbit-semiconductor"},
				{edge: "PART_OF ministry:us-commerce country:US"}}},
		{name: "passive without agent after a sanction", text: "The United States sanctioned Vela Chips. Orbit Semiconductor was blacklisted in the same action.",
			actors: []string{usCap, vela, orbit},
			want: []want{{edge: "SANCTIONED country:US company:vela-chips"},
				{edge: "SANCTIONED country:US company:orbit-semiconductor"}}},
		{name: "passive without agent and nothing before", text: "Orbit Semiconductor was blacklisted last year.",
			actors: []string{orbit}},
		{name: "including list", text: "The United States added 30 firms to its Entity List, including chip makers Vela Chips and Orbit Semiconductor.",
			actors: []string{usCap, vela, orbit},
			want: []want{{edge: "SANCTIONED country:US company:vela-chips"},
				{edge: "SANCTIONED country:US company:orbit-semiconductor"}}},
		{name: "description before the name", text: "Acme Robotics bought Dutch chip designer Vela Chips for $2 billion.",
			actors: []string{acme, "Dutch=country:NL", vela},
			want:   []want{{edge: "ACQUIRED company:acme-robotics company:vela-chips"}}},
		{name: "deal with a possessor is no deal with it", text: "Acme Robotics signed an agreement with Vela Chips's main shareholders.",
			actors: []string{acme, vela}},
		{name: "title between country and person", text: "Fumio Kishida met Chinese Vice Premier He Lifeng on Monday.",
			actors: []string{"Fumio Kishida=person:fumio-kishida", "Chinese=country:CN", "He Lifeng=person:he-lifeng"},
			want:   []want{{edge: "MET_WITH person:fumio-kishida person:he-lifeng"}}},
		{name: "investment in a place", text: "Acme Robotics has invested $300 million in a new plant in India's Tamil Nadu state.",
			actors: []string{acme, "India=country:IN"},
			want:   []want{{edge: "INVESTED_IN company:acme-robotics country:IN", about: "$300 million"}}},
		{name: "investment in a town, then the country", text: "Acme Robotics invested $1 billion in a plant in Szeged, Hungary, last year.",
			actors: []string{acme, "Hungary=country:HU"},
			want:   []want{{edge: "INVESTED_IN company:acme-robotics country:HU"}}},
		{name: "relocated things to a place", text: "Acme Robotics has relocated two assembly lines to factories in northern India.",
			actors: []string{acme, india},
			want:   []want{{edge: "RELOCATED_TO company:acme-robotics country:IN"}}},
		{name: "shifted attention is no relocation", text: "Acme Robotics shifted its attention to India.",
			actors: []string{acme, india}},
		{name: "named after a demonym phrase", text: "China suspended imports from two Canadian exporters, Acme Robotics and Vela Chips, in 2019.",
			actors: []string{china, "Canadian exporters=aff:country:CA", acme, vela},
			want: []want{{edge: "BANNED country:CN company:acme-robotics"},
				{edge: "BANNED country:CN company:vela-chips"}}},
		{name: "a name after a comma is no list", text: "Japan revoked licences for shipments bound for China, Acme Robotics said.",
			actors: []string{japan, china, acme},
			want:   []want{{edge: "RESTRICTED_EXPORTS country:JP country:CN"}}},
		{name: "a company halting its own shipments", text: "Acme Robotics halted shipments to the United States.",
			actors: []string{acme, us}},
	})
}

func TestFramesTriggers(t *testing.T) {
	const (
		acme = "Acme Robotics=company:acme-robotics"
		vela = "Vela Chips=company:vela-chips"
	)
	runCases(t, []relCase{
		{name: "goods list with commas", text: "China banned shipments of gallium, germanium and antimony to the United States.",
			actors: []string{china, us},
			want:   []want{{edge: "RESTRICTED_EXPORTS country:CN country:US", about: "shipments of gallium, germanium and antimony"}}},
		{name: "controls on exports to", text: "Japan tightened controls on exports to India of three chemicals.",
			actors: []string{japan, india},
			want:   []want{{edge: "RESTRICTED_EXPORTS country:JP country:IN"}}},
		{name: "tariff on goods by demonym", text: "The United States raised tariffs on Chinese electric vehicles to 100%.",
			actors: []string{usCap, "Chinese electric=aff:country:CN"},
			want:   []want{{edge: "IMPOSED_TARIFF country:US country:CN"}}},
		{name: "tariff on goods from a list", text: "The United States charges a 20% duty on parcels sent from China and India.",
			actors: []string{usCap, china, india},
			want: []want{{edge: "IMPOSED_TARIFF country:US country:CN"},
				{edge: "IMPOSED_TARIFF country:US country:IN"}}},
		{name: "tariff named before its subject", text: "The measures mirror the 100% tariff that the United States placed on Chinese cars.",
			actors: []string{us, "Chinese cars=aff:country:CN"},
			want:   []want{{edge: "IMPOSED_TARIFF country:US country:CN"}}},
		{name: "placed on without a tariff noun", text: "The rules that the United States placed on Chinese cars are strict.",
			actors: []string{us, "Chinese cars=aff:country:CN"}},
		{name: "hit with sanctions", text: "The United States hit Vela Chips with new sanctions on Monday.",
			actors: []string{usCap, vela},
			want:   []want{{edge: "SANCTIONED country:US company:vela-chips"}}},
		{name: "hit with tariffs", text: "Japan hit India with 25% tariffs on steel.",
			actors: []string{japan, india},
			want:   []want{{edge: "IMPOSED_TARIFF country:JP country:IN"}}},
		{name: "hit without a measure", text: "The storm hit Japan on Monday.",
			actors: []string{japan}},
		{name: "announced sanctions on", text: "The United States announced new sanctions on Vela Chips.",
			actors: []string{usCap, vela},
			want:   []want{{edge: "SANCTIONED country:US company:vela-chips"}}},
		{name: "sanctions merely near", text: "The United States worried about sanctions on Vela Chips.",
			actors: []string{usCap, vela}},
		{name: "put on the entity list", text: "Japan put Vela Chips and Acme Robotics on its entity list.",
			actors: []string{japan, vela, acme},
			want: []want{{edge: "SANCTIONED country:JP company:vela-chips"},
				{edge: "SANCTIONED country:JP company:acme-robotics"}}},
		{name: "agreed to acquire", text: "Acme Robotics has agreed to acquire Vela Chips for $1 billion.",
			actors: []string{acme, vela},
			want:   []want{{edge: "ACQUIRED company:acme-robotics company:vela-chips"}}},
		{name: "agreed to restrict is not done", text: "Japan agreed to restrict exports to China.",
			actors: []string{japan, china}},
		{name: "completed the acquisition of", text: "Acme Robotics said on Monday it had completed the acquisition of Vela Chips.",
			actors: []string{acme, vela},
			want:   []want{{edge: "ACQUIRED company:acme-robotics company:vela-chips"}}},
		{name: "possessor's unit", text: "Acme Robotics's chip design unit Vela Chips was sanctioned.",
			actors: []string{acme, vela},
			want:   []want{{edge: "OWNS company:acme-robotics company:vela-chips"}}},
		{name: "coordinated subjects agree", text: "Japan and India agreed on Tuesday to lower duties on steel.",
			actors: []string{japan, india},
			want:   []want{{edge: "AGREED_WITH country:JP country:IN"}}},
		{name: "a pair after a preposition is no subject", text: "Trade between Japan and India reached $20 billion last year.",
			actors: []string{japan, india}},
		{name: "the two agreed", text: "Fumio Kishida met Joe Biden in Tokyo, and the two leaders agreed to cooperate on chips.",
			actors: []string{"Fumio Kishida=person:fumio-kishida", "Joe Biden=person:joe-biden"},
			want: []want{{edge: "MET_WITH person:fumio-kishida person:joe-biden"},
				{edge: "AGREED_WITH person:fumio-kishida person:joe-biden"}}},
		{name: "talks between", text: "The deal followed two days of talks between Japan and India.",
			actors: []string{japan, india},
			want:   []want{{edge: "MET_WITH country:JP country:IN"}}},
		{name: "called a possessor's measure", text: `China called India's duties "an act of protectionism".`,
			actors: []string{china, india},
			want:   []want{{edge: "CRITICIZED country:CN country:IN"}}},
		{name: "called without a verdict", text: "China called India's trade minister on Friday.",
			actors: []string{china, india}},
		{name: "urged partners not to", text: "Japan urged India in a letter on Monday not to raise duties.",
			actors: []string{japan, india},
			want:   []want{{edge: "REQUESTED country:JP country:IN"}}},
		{name: "said to with an adverb", text: "Japan is also said to have pressed India to cut duties.",
			actors: []string{japan, india},
			want:   []want{{edge: "REQUESTED country:JP country:IN", about: "cut duties", hedged: true}}},
		{name: "a relative clause is not hedged by the sentence", text: "Fumio Kishida, who met Joe Biden on Monday, left for India, according to Reuters.",
			actors: []string{"Fumio Kishida=person:fumio-kishida", "Joe Biden=person:joe-biden", india, reut},
			want:   []want{{edge: "MET_WITH person:fumio-kishida person:joe-biden", by: "company:reuters"}}},
	})
}

// An end inferred from the clause's shape lowers confidence against the
// same relation stated with both ends next to the trigger.
func TestFrameConfidence(t *testing.T) {
	conf := func(text string) float64 {
		t.Helper()
		d := handDoc(t, text, "Acme Robotics=company:acme-robotics", "Vela Chips=company:vela-chips")
		for _, r := range findRelations(d, testBodies()) {
			if edge(r) == "ACQUIRED company:acme-robotics company:vela-chips" {
				return r.Confidence
			}
		}
		t.Fatalf("%q: no ACQUIRED edge", text)
		return 0
	}
	direct := conf("Acme Robotics acquired Vela Chips.")
	inferred := conf("Acme Robotics, which acquired Vela Chips, makes arms.")
	if inferred >= direct {
		t.Errorf("relative-clause subject: confidence %v, not below %v", inferred, direct)
	}
	if direct != confidence(0.9, 0, false) {
		t.Errorf("direct: confidence %v, want %v", direct, confidence(0.9, 0, false))
	}
}
