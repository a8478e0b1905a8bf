package synth

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tradegraph/tradegraph"
)

// sector is what a story trades in.
type sector struct {
	goods []string
	// controlled goods are the kind states put export controls on.
	controlled bool
	// reasons are given for measures against the goods.
	reasons []string
}

var sectors = []*sector{
	{controlled: true, goods: []string{"advanced chips", "chipmaking equipment", "lithography systems", "memory chips", "photoresists", "high-purity gases", "AI accelerators"},
		reasons: []string{"citing national security concerns", "citing the risk of military use", "citing the diversion of technology to weapons programmes"}},
	{goods: []string{"seafood", "scallops", "frozen fish", "aquatic products"},
		reasons: []string{"citing food safety concerns", "citing radiation fears", "citing lapses in customs paperwork"}},
	{goods: []string{"beef", "pineapples", "wine", "barley", "soybeans", "wheat", "pork"},
		reasons: []string{"citing pest detections", "citing food safety concerns", "citing labelling violations"}},
	{controlled: true, goods: []string{"steel", "aluminium", "gallium", "germanium", "rare earths", "graphite", "antimony"},
		reasons: []string{"citing national security concerns", "citing unfair subsidies", "citing a surge in cheap shipments"}},
	{goods: []string{"electric vehicles", "lithium batteries", "auto parts"},
		reasons: []string{"citing unfair subsidies", "citing a flood of cheap cars", "citing forced labour concerns"}},
	{goods: []string{"solar panels", "polysilicon", "wind turbines", "power transformers"},
		reasons: []string{"citing forced labour concerns", "citing unfair subsidies", "citing dumping"}},
	{controlled: true, goods: []string{"telecom equipment", "drones", "surveillance cameras", "smartphones"},
		reasons: []string{"citing national security concerns", "citing data security risks", "citing espionage risks"}},
}

// sanctionReasons and sanctionGerunds say why targets were listed.
var (
	sanctionReasons = []string{"over alleged support for military programmes", "citing human rights abuses", "over links to military end users", "citing the diversion of controlled technology", "over sanctions evasion"}
	sanctionGerunds = []string{"helping evade sanctions", "supplying military end users", "diverting controlled technology", "shipping dual-use goods"}
)

// fill replaces each {name} in t with vals[name].
func fill(t string, vals map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		b.WriteString(t[:i])
		v, ok := vals[t[i+1:i+j]]
		if !ok {
			panic("synth: template slot {" + t[i+1:i+j] + "} has no value in " + t)
		}
		b.WriteString(v)
		t = t[i+j+1:]
	}
}

// variant is one way of wording a relation; hedged variants make the claim
// hedged.
type variant struct {
	text   string
	hedged bool
}

func plain(ts ...string) []variant {
	vs := make([]variant, len(ts))
	for i, t := range ts {
		vs[i] = variant{text: t}
	}
	return vs
}

func hedged(ts ...string) []variant {
	vs := plain(ts...)
	for i := range vs {
		vs[i].hedged = true
	}
	return vs
}

// choose picks a variant, a hedged one with probability ph when there are
// both.
func (s *story) choose(plainVs, hedgedVs []variant, ph float64) variant {
	if len(hedgedVs) > 0 && (len(plainVs) == 0 || s.g.chance(ph)) {
		return pick(s.g.rng, hedgedVs)
	}
	return pick(s.g.rng, plainVs)
}

// Vocabulary.

var (
	weekdays  = []string{"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday"}
	moreTimes = []string{"last week", "this week", "earlier this month", "late last month"}
	asks      = []string{
		"join export controls on {goods}", "extend a waiver for shipments of {goods}", "lift its restrictions on {goods}",
		"reconsider its duties on {goods}", "open its market to {goods}", "tighten checks on shipments of {goods}",
		"delay new rules on {goods}", "share data on supply chains for {goods}", "stop subsidising makers of {goods}",
	}
	askConcerning = "curb shipments of {goods} to {C}"
	topics        = []string{"its trade practices", "the new duties", "the curbs", "its subsidies for makers of {goods}", "the decision", "the export restrictions", "the listings", "its handling of the dispute"}
	gerunds       = []string{"abusing export controls", "weaponising trade", "dumping {goods} on world markets", "breaking World Trade Organization rules", "discriminating against foreign firms", "politicising trade"}
	deals         = []string{"a trade deal", "a supply agreement", "a critical minerals agreement", "a long-term supply deal", "a cooperation pact", "a memorandum", "a customs framework", "a free trade agreement"}
	quotes        = []string{
		"We will take all necessary measures to protect the legitimate rights of our companies",
		"This is about national security, not protectionism",
		"The door to dialogue remains open",
		"We are studying the rules closely and will comply with them",
		"Our supply chains must not depend on a single country",
		"These measures are unilateral and unjustified",
		"We expect our partners to play by the same rules",
		"Nobody wins a trade war",
		"We have made our concerns very clear",
		"Our exporters need predictability",
	}
	clauses = []string{
		"the measures were needed to protect national security", "the two sides would keep talking",
		"the company would comply with all applicable rules", "talks would continue next month",
		"the government was monitoring the situation closely", "exporters should prepare for delays at the border",
		"the impact on prices would be limited", "the rules had been drafted with allies",
	}
)

// vals returns the vocabulary slots every template may use, filled at
// random for one sentence.
func (s *story) vals() map[string]string {
	g := s.g
	goods := s.goods
	if g.chance(0.3) {
		goods = pick(g.rng, s.sec.goods)
	}
	when := pick(g.rng, weekdays)
	if g.chance(0.3) {
		when = pick(g.rng, moreTimes)
	}
	v := map[string]string{
		"goods":  goods,
		"when":   when,
		"reason": pick(g.rng, s.sec.reasons),
		"money":  s.money(),
		"pct":    pick(g.rng, []string{"10%", "15%", "20%", "25%", "35%", "50%", "100%"}),
		"year":   fmt.Sprint(s.date.Year() - 1 - g.rng.IntN(15)),
		"quote":  pick(g.rng, quotes),
		"clause": pick(g.rng, clauses),
		"n":      pick(g.rng, []string{"two", "three", "four", "five"}),
		"month":  s.date.AddDate(0, -1-g.rng.IntN(5), 0).Month().String(),
		"staff":  fmt.Sprint(50 * (2 + g.rng.IntN(80))),
		"stake":  pick(g.rng, []string{"5%", "10%", "12.5%", "20%", "25%", "30%", "49%"}),
	}
	v["topic"] = fill(pick(g.rng, topics), v)
	v["gerund"] = fill(pick(g.rng, gerunds), v)
	v["deal"] = fill(pick(g.rng, deals), v)
	return v
}

func (s *story) money() string {
	g := s.g
	switch u := g.rng.Float64(); {
	case u < 0.4:
		return fmt.Sprintf("$%d million", 10*(5+g.rng.IntN(95)))
	case u < 0.7:
		return fmt.Sprintf("$%d billion", 1+g.rng.IntN(40))
	}
	return fmt.Sprintf("$%d.%d billion", 1+g.rng.IntN(20), 1+g.rng.IntN(9))
}

// withArticle puts "a" or "an" before a word.
func withArticle(w string) string {
	if w != "" && strings.ContainsRune("AEIOU", rune(w[0])) {
		return "an " + w
	}
	return "a " + w
}

// move writes one sentence (or a short run of them) and records its
// claims; it returns false when it does not fit the story so far.
type move func(s *story) bool

// weighted is a move with how often it is chosen.
type weighted struct {
	w float64
	m move
}

// body lists the moves of paragraphs after the lead. Relation moves come
// with the weights that keep every relation type common in a sample of a
// thousand articles.
var body = []weighted{
	{1.1, (*story).requested},
	{0.8, (*story).banned},
	{0.9, (*story).restricted},
	{0.6, (*story).sanctioned},
	{0.8, (*story).tariff},
	{0.5, (*story).relocated},
	{0.8, (*story).met},
	{0.6, (*story).agreed},
	{1.1, (*story).criticized},
	{0.7, (*story).invested},
	{0.5, (*story).acquired},
	{0.45, (*story).founderMove},
	{0.4, (*story).owns},
	{0.4, (*story).reported},
	{1.2, (*story).statement},
	{1.8, (*story).followUp},
	{2, (*story).negated},
	{4, (*story).background},
	{4.5, (*story).context},
}

// fallbackHeadlines serve leads that set no headline of their own.
var fallbackHeadlines = []string{
	"{a} steps up pressure on {b} over {goods}",
	"{a} and {b} spar over {goods} trade",
	"{a} moves against {b} as {goods} dispute widens",
	"Trade tensions between {a} and {b} deepen",
}

// leads are the moves that may open an article, by how often.
var leads = []weighted{
	{3, (*story).tariff},
	{3, (*story).banned},
	{3, (*story).restricted},
	{2.5, (*story).sanctioned},
	{3, (*story).requested},
	{1.5, (*story).met},
	{1.5, (*story).agreed},
	{1, (*story).criticized},
	{1.2, (*story).invested},
	{1, (*story).acquired},
	{0.6, (*story).relocated},
}

// pickMove chooses a move by weight.
func (s *story) pickMove(ms []weighted) move {
	total := 0.0
	for _, m := range ms {
		total += m.w
	}
	u := s.g.rng.Float64() * total
	for _, m := range ms {
		if u < m.w {
			return m.m
		}
		u -= m.w
	}
	return ms[len(ms)-1].m
}

// write composes the article: a lead paragraph, then paragraphs of one to
// three sentences until the drawn length is reached.
func (s *story) write() {
	g := s.g
	target := int(310 + 100*g.rng.NormFloat64())
	target = max(MinWords+30, min(MaxWords-60, target))
	s.leading = true
	// Lead moves decline only some pairs of countries; a few draws find
	// one they take.
	for done := false; !done; {
		done = s.pickMove(leads)(s)
	}
	s.leading = false
	if s.title == "" {
		v := s.vals()
		v["a"], v["b"] = s.headName(s.lead), s.headName(s.other)
		s.title = upperFirst(fill(s.fresh(fallbackHeadlines), v))
	}
	if g.chance(0.35) {
		s.statement()
	}
	s.para()
	for s.nwords < target {
		n := 1 + g.rng.IntN(3)
		for i := 0; i < n && s.nwords < target; i++ {
			for tries := 0; tries < 20; tries++ {
				if s.pickMove(body)(s) {
					break
				}
			}
		}
		s.para()
	}
	s.trim()
}

// trim drops sentences from the end until the text fits MaxWords.
func (s *story) trim() {
	s.para()
	for s.nwords+words(s.dateline) > MaxWords && len(s.paras) > 1 {
		last := s.paras[len(s.paras)-1]
		dropped := last[len(last)-1]
		s.nwords -= words(dropped)
		if len(last) == 1 {
			s.paras = s.paras[:len(s.paras)-1]
		} else {
			s.paras[len(s.paras)-1] = last[:len(last)-1]
		}
		s.claims = slices.DeleteFunc(s.claims, func(c claim) bool { return c.sentence == dropped })
	}
}

// sides returns the actors of a sentence about a measure: the story's own
// pair in the lead and most of the time, a fresh pair otherwise.
func (s *story) sides() (from, to *actor) {
	g := s.g
	if s.leading || g.chance(0.75) {
		return s.lead, s.other
	}
	a := g.country()
	return a, g.countryNot(a)
}

// Relation moves.

func (s *story) requested() bool {
	g := s.g
	fc, tc := s.sides()
	from := s.voice(fc, true)
	if !s.leading && g.chance(0.3) {
		if p := s.officialOf(fc); p != nil {
			from = p
		}
	}
	to := tc
	if g.chance(0.3) {
		to = s.voice(tc, false)
	}
	if g.chance(0.15) {
		to = g.companyOf(tc.country)
	}
	v := s.vals()
	v["ask"] = fill(pick(g.rng, asks), v)
	if g.chance(0.2) {
		c := g.countryNot(fc, tc)
		s.mark(c)
		v["C"] = c.ref()
		v["ask"] = fill(askConcerning, v)
	}
	vr := s.choose(plain(
		"{A} has asked {B} to {ask}, officials said.",
		"{A} {when} urged {B} to {ask}.",
		"{A} called on {B} to {ask}.",
		"{A} pressed {B} to {ask} during talks {when}.",
		"{A} asked {B} to {ask}.",
	), hedged(
		"{A} has reportedly asked {B} to {ask}.",
		"{A} urged {B} to {ask}, according to people familiar with the matter.",
		"{A} is said to have pressed {B} to {ask}.",
	), 0.25)
	v["A"], v["B"] = s.subj(from), s.obj(to, false)
	s.claim(tradegraph.Requested, from, to, vr.hedged)
	s.say(fill(vr.text, v), persons(from, to)...)
	s.headline("{a} asks {b} to {ask}", from, to, v)
	return true
}

func (s *story) banned() bool {
	g := s.g
	fc, tc := s.sides()
	if tc == g.c.eu {
		return false
	}
	from := s.voice(fc, true)
	v := s.vals()
	v["Badj"] = tc.demonym
	var vr variant
	if tc.demonym != "" && g.chance(0.25) {
		vr = s.choose(plain(
			"{A} banned imports of {Badj} {goods} {when}, {reason}.",
			"{A} {when} suspended imports of {Badj} {goods} until further notice.",
		), hedged(
			"{A} has reportedly halted imports of {Badj} {goods}.",
		), 0.2)
		s.mark(tc)
	} else {
		vr = s.choose(plain(
			"{A} halted imports of {goods} from {B} {when}, {reason}.",
			"{A} {when} suspended imports of {goods} from {B}.",
			"{A} banned imports of {goods} from {B}, {reason}.",
			"{A} announced a ban on imports of {goods} from {B} {when}.",
			"{A} has blocked all imports of {goods} from {B}.",
		), hedged(
			"{A} has reportedly stopped imports of {goods} from {B}.",
			"{A} halted imports of {goods} from {B}, according to customs data seen by {outlet}.",
		), 0.2)
	}
	v["A"] = s.subj(from)
	v["B"] = s.obj(tc, true)
	v["outlet"] = s.outletName()
	s.claim(tradegraph.Banned, from, tc, vr.hedged)
	s.say(fill(vr.text, v), persons(from)...)
	if tc.demonym != "" {
		s.headline("{a} halts imports of {Badj} {goods}", from, tc, v)
	}
	return true
}

func (s *story) restricted() bool {
	g := s.g
	fc, tc := s.sides()
	from := s.voice(fc, true)
	to := tc
	if g.chance(0.45) {
		to = g.companyOf(tc.country)
	}
	v := s.vals()
	if !s.sec.controlled {
		// Export controls are about technology and strategic materials,
		// whatever else the story is about.
		sec := sectors[pick(g.rng, []int{0, 3, 6})]
		v["goods"], v["reason"] = pick(g.rng, sec.goods), pick(g.rng, sec.reasons)
	}
	vr := s.choose(plain(
		"{A} barred sales of {goods} to {B} {when}, {reason}.",
		"{A} restricted exports of {goods} to {B}, {reason}.",
		"{A} imposed new export controls on {B}, covering {goods}.",
		"{A} will require licences for exports of {goods} to {B}, {reason}.",
		"{A} {when} stopped shipments of {goods} to {B}, {reason}.",
		"{A} {when} tightened export restrictions on {B}, adding {goods} to the controlled items.",
	), hedged(
		"{A} is said to have restricted sales of {goods} to {B} {when}.",
		"{A} has reportedly barred shipments of {goods} to {B} since {month}.",
	), 0.2)
	v["A"], v["B"] = s.subj(from), s.obj(to, false)
	s.claim(tradegraph.RestrictedExports, from, to, vr.hedged)
	s.say(fill(vr.text, v), persons(from)...)
	s.headline("{a} curbs {goods} exports to {b}", from, to, v)
	return true
}

// sanctioners are the bodies that list and sanction, by country.
var sanctioners = map[string][]string{
	"US": {"ministry:us-commerce", "ministry:us-bis", "ministry:us-ofac", "ministry:us-treasury"},
	"GB": {"ministry:gb-ofsi", "ministry:gb-fcdo"},
	"EU": {"ministry:eu-council", "ministry:eu-commission"},
	"JP": {"ministry:jp-meti"},
}

func (s *story) sanctioner(c *actor) *actor {
	g := s.g
	if ids := sanctioners[c.country]; len(ids) > 0 && g.chance(0.7) {
		id := pick(g.rng, ids)
		for _, m := range g.c.ministries[c.country] {
			if m.id == id {
				return m
			}
		}
	}
	return s.voice(c, true)
}

func (s *story) sanctioned() bool {
	g := s.g
	fc, tc := s.sides()
	if tc == g.c.eu {
		return false
	}
	from := s.sanctioner(fc)
	v := s.vals()
	v["reason"] = pick(g.rng, sanctionReasons)
	v["gerund"] = pick(g.rng, sanctionGerunds)
	v["A"] = s.subj(from)
	list := "sanctions list"
	if from.id == "ministry:us-commerce" || from.id == "ministry:us-bis" {
		list = "Entity List"
	} else if g.chance(0.4) {
		list = "trade blacklist"
	}
	v["list"] = list
	if g.chance(0.5) {
		// A list of targets.
		n := 2 + g.rng.IntN(3)
		var targets []*actor
		for len(targets) < n {
			t := g.companyOf(tc.country)
			if !containsID(targets, t) {
				targets = append(targets, t)
			}
		}
		v["Bs"] = s.list(targets)
		vr := s.choose(plain(
			"{A} added {Bs} to its {list} {when}.",
			"{A} {when} added {Bs} to its {list}, {reason}.",
			"{Bs} were blacklisted by {A} {when}.",
		), hedged(
			"{A} has reportedly added {Bs} to its {list}.",
		), 0.15)
		if strings.HasPrefix(vr.text, "{Bs}") && from.invented {
			// The passive's agent is an object, where an invented ministry
			// would be read as its country.
			vr.text = "{A} added {Bs} to its {list} {when}."
		}
		for _, t := range targets {
			s.claim(tradegraph.Sanctioned, from, t, vr.hedged)
		}
		s.say(fill(vr.text, v), persons(from)...)
		v["n"] = fmt.Sprint(len(targets))
		v["Badj"] = tc.demonym
		if tc.demonym != "" {
			s.headline("{a} blacklists {n} {Badj} firms", from, tc, v)
		}
		return true
	}
	to := g.companyOf(tc.country)
	if g.chance(0.2) {
		to = founder(g.firmOf(tc.country))
	}
	vr := s.choose(plain(
		"{A} sanctioned {B} {when}, {reason}.",
		"{A} imposed sanctions on {B} for {gerund}.",
		"{A} froze the assets of {B} {when}.",
		"{A} blacklisted {B} {when}, {reason}.",
	), hedged(
		"{A} has reportedly blacklisted {B}, {reason}.",
	), 0.15)
	v["B"] = s.obj(to, false)
	s.claim(tradegraph.Sanctioned, from, to, vr.hedged)
	s.say(fill(vr.text, v), persons(from, to)...)
	return true
}

func (s *story) tariff() bool {
	g := s.g
	fc, tc := s.sides()
	if tc == g.c.eu {
		return false
	}
	from := s.voice(fc, true)
	v := s.vals()
	var vr variant
	if tc.demonym != "" && g.chance(0.3) {
		v["Badj"] = tc.demonym
		vr = s.choose(plain(
			"{A} {when} raised duties on {Badj} {goods} to {pct}.",
			"{A} imposed tariffs on {Badj} {goods}, {reason}.",
		), nil, 0)
		s.mark(tc)
	} else {
		vr = s.choose(plain(
			"{A} imposed {pct} tariffs on {goods} from {B} {when}.",
			"{A} {when} slapped anti-dumping duties of {pct} on {goods} from {B}.",
			"{A} announced new tariffs on {goods} from {B}, {reason}.",
			"{A} raised tariffs on {goods} from {B} to {pct}.",
			"{A} imposed duties of up to {pct} on {goods} from {B}.",
		), hedged(
			"{A} is said to have imposed tariffs on {goods} from {B}.",
		), 0.15)
	}
	v["A"], v["B"] = s.subj(from), s.obj(tc, true)
	s.claim(tradegraph.ImposedTariff, from, tc, vr.hedged)
	s.say(fill(vr.text, v), persons(from)...)
	v["Badj"] = tc.demonym
	if tc.demonym != "" {
		s.headline("{a} slaps {pct} tariffs on {Badj} {goods}", from, tc, v)
	}
	return true
}

func (s *story) relocated() bool {
	g := s.g
	_, tc := s.sides()
	if tc == g.c.eu || tc.kind != tradegraph.Country {
		return false
	}
	v := s.vals()
	f := g.firm()
	if f.country == tc.country {
		return false
	}
	var who *actor
	var vr variant
	if g.chance(0.5) {
		who = founder(f)
		vr = s.choose(plain(
			"{A} has moved to {B}, where {pron} spent the past year.",
			"{A} relocated to {B} {when}.",
			"{A} settled in {B} last year.",
		), hedged(
			"{A} is reported to have moved to {B}.",
			"{A} has reportedly moved to {B}.",
		), 0.35)
		v["pron"] = "he"
		if who.person.female {
			v["pron"] = "she"
		}
	} else {
		who = f
		vr = s.choose(plain(
			"{A} relocated its headquarters to {B} {when}.",
			"{A} moved its base to {B}, {reason}.",
			"{A} shifted its headquarters to {B} last year.",
		), hedged(
			"{A} has reportedly moved its headquarters to {B}.",
		), 0.2)
	}
	v["A"], v["B"] = s.subj(who), s.obj(tc, true)
	s.claim(tradegraph.RelocatedTo, who, tc, vr.hedged)
	s.say(fill(vr.text, v), persons(who)...)
	s.headline("{a} moves to {b}", who, tc, v)
	return true
}

func (s *story) met() bool {
	g := s.g
	fc, tc := s.sides()
	from, to := s.officialOf(fc), s.officialOf(tc)
	if from == nil {
		from = s.voice(fc, true)
	}
	if to == nil || g.chance(0.2) {
		to = s.voice(tc, false)
	}
	v := s.vals()
	v["city"] = cityOf(fc, tc)
	if g.chance(0.5) {
		v["city"] = cityOf(tc, fc)
	}
	vr := s.choose(plain(
		"{A} met {B} in {city} {when}.",
		"{A} held talks with {B} {when}.",
		"{A} held a call with {B} {when} to discuss {goods}.",
		"{A} hosted {B} in {host} {when}.",
	), nil, 0)
	v["host"] = cityOf(fc, tc)
	v["A"], v["B"] = s.subj(from), s.obj(to, false)
	s.claim(tradegraph.MetWith, from, to, false)
	s.say(fill(vr.text, v), persons(from, to)...)
	s.headline("{a} and {b} hold trade talks", fc, tc, v)
	return true
}

func (s *story) agreed() bool {
	g := s.g
	fc, tc := s.sides()
	var from, to *actor
	if g.chance(0.5) {
		from, to = s.voice(fc, true), s.voice(tc, false)
	} else {
		from, to = g.companyOf(fc.country), g.companyOf(tc.country)
	}
	if from.id == to.id {
		return false
	}
	v := s.vals()
	vr := s.choose(plain(
		"{A} signed {deal} with {B} {when}.",
		"{A} reached {deal} with {B} after months of talks.",
		"{A} struck {deal} with {B} worth {money}.",
		"{A} agreed with {B} to cooperate on {goods}.",
	), hedged(
		"{A} has reportedly signed {deal} with {B} {when}.",
	), 0.15)
	v["A"], v["B"] = s.subj(from), s.obj(to, false)
	s.claim(tradegraph.AgreedWith, from, to, vr.hedged)
	s.say(fill(vr.text, v), persons(from, to)...)
	s.headline("{a} and {b} sign {goods} deal", fc, tc, v)
	return true
}

func (s *story) criticized() bool {
	g := s.g
	// The side acted on answers back.
	tc, fc := s.sides()
	var from *actor
	switch u := g.rng.Float64(); {
	case u < 0.5:
		from = s.voice(fc, true)
	case u < 0.75:
		from = s.officialOf(fc)
	case u < 0.85 && len(g.c.orgs) > 0:
		from = g.c.orgs[g.orgZipf.Uint64()]
	default:
		from = g.companyOf(fc.country)
	}
	if from == nil {
		from = fc
	}
	to := s.voice(tc, false)
	v := s.vals()
	vr := s.choose(plain(
		"{A} criticised {B} over {topic}.",
		"{A} {when} condemned {B} for {gerund}.",
		"{A} accused {B} of {gerund}.",
		"{A} filed a complaint against {B} at the World Trade Organization over {topic}.",
		"{A} lodged a formal protest with {B} over {topic}.",
		"{A} sharply criticized {B} for {gerund}.",
	), hedged(
		"{A} has reportedly lodged a complaint with {B} over {topic}.",
	), 0.1)
	v["A"], v["B"] = s.subj(from), s.obj(to, false)
	s.claim(tradegraph.Criticized, from, to, vr.hedged)
	s.say(fill(vr.text, v), persons(from, to)...)
	s.headline("{a} condemns {b} over {goods} curbs", from, to, v)
	return true
}

func (s *story) invested() bool {
	g := s.g
	_, tc := s.sides()
	if tc == g.c.eu {
		return false
	}
	from := g.company()
	to := tc
	v := s.vals()
	var vr variant
	if g.chance(0.35) {
		to = g.firm()
		if to.id == from.id {
			return false
		}
		vr = s.choose(plain(
			"{A} took a {stake} stake in {B} {when}.",
			"{A} bought a minority stake in {B} for {money}.",
			"{A} invested {money} in {B}, {aBadj} maker of {product}.",
		), hedged(
			"{A} is said to have bought a stake in {B} worth {money}.",
		), 0.15)
		v["product"] = to.product
		v["aBadj"] = withArticle(demonymOf(g.c, to.country))
	} else {
		if from.country == tc.country {
			return false
		}
		vr = s.choose(plain(
			"{A} will invest {money} in {B} over the next five years.",
			"{A} is investing {money} in {B} to build a new plant.",
			"{A} poured {money} into {B} last year.",
			"{A} invested {money} in {B} {when}.",
		), hedged(
			"{A} has reportedly pledged to invest {money} in {B}.",
		), 0.1)
		if strings.Contains(vr.text, "pledged to invest") {
			vr.hedged = true
		}
	}
	v["A"], v["B"] = s.subj(from), s.obj(to, true)
	if !strings.Contains(vr.text, "pledged to invest") {
		s.claim(tradegraph.InvestedIn, from, to, vr.hedged)
	}
	s.say(fill(vr.text, v), persons(from)...)
	s.headline("{a} to invest {money} in {b}", from, to, v)
	return true
}

func (s *story) acquired() bool {
	g := s.g
	from := g.company()
	to := g.firm()
	if to.id == from.id {
		return false
	}
	v := s.vals()
	v["product"] = to.product
	v["aBadj"] = withArticle(demonymOf(g.c, to.country))
	vr := s.choose(plain(
		"{A} acquired {B}, {aBadj} maker of {product}, for {money}.",
		"{A} bought {B} for {money} {when}.",
		"{A} took over {B} in a deal valued at {money}.",
		"{A} completed the purchase of {B}, a supplier of {product}.",
	), hedged(
		"{A} is said to have bought {B} for {money}.",
	), 0.15)
	if g.chance(0.2) {
		vr = variant{text: "{B} was acquired by {A} {when}."}
		v["B"] = s.subj(to)
		v["A"] = s.obj(from, false)
	} else {
		v["A"], v["B"] = s.subj(from), s.obj(to, false)
	}
	s.claim(tradegraph.Acquired, from, to, vr.hedged)
	s.say(fill(vr.text, v), persons(from)...)
	s.headline("{a} buys {b} for {money}", from, to, v)
	return true
}

// founderMove names a founder, and sometimes what they did next.
func (s *story) founderMove() bool {
	g := s.g
	f := g.firm()
	p := founder(f)
	if s.named[p.id] {
		return false
	}
	v := s.vals()
	v["P"] = s.subj(p)
	v["clause"] = pick(g.rng, clauses)
	s.say(fill(pick(g.rng, []string{
		"{P} said {clause}.",
		"{P} told reporters that {clause}.",
		"\"{quote},\" {P} said in an interview.",
	}), v), p)
	if g.chance(0.4) {
		v["P"] = s.subj(p)
		v["F"] = f.name
		v["year"] = fmt.Sprint(s.date.Year() - 2 - g.rng.IntN(20))
		s.claim(tradegraph.Founded, p, f, false)
		s.say(fill(pick(g.rng, []string{
			"{P} founded {F} in {year}.",
			"{P} set up {F} in {year} with two partners.",
		}), v), p)
	}
	return true
}

// owns states who owns a firm.
func (s *story) owns() bool {
	g := s.g
	f := g.firm()
	owner := g.company()
	if owner.id == f.id {
		return false
	}
	// The owner may be a founder named before.
	for i := len(s.persons) - 1; i >= 0 && i >= len(s.persons)-3; i-- {
		for _, p := range s.persons[i] {
			if p.person.role == roleFounder && p.person.firm.id != f.id {
				owner = p
			}
		}
	}
	v := s.vals()
	v["product"] = f.product
	var vr variant
	if owner.kind == tradegraph.Person || g.chance(0.5) {
		vr = pick(g.rng, plain("{A} also owns {B}, a maker of {product}.", "{A} owns {B}, which employs about {staff} people."))
		v["A"], v["B"] = s.subj(owner), s.obj(f, false)
	} else {
		vr = pick(g.rng, plain("{B} has been owned by {A} since {year}.", "{B}, a maker of {product}, is owned by {A}, filings show."))
		v["B"], v["A"] = s.subj(f), s.obj(owner, false)
	}
	s.claim(tradegraph.Owns, owner, f, false)
	s.say(fill(vr.text, v), persons(owner)...)
	return true
}

// Moves without relations of their own.

// statement introduces a person speaking for the story's lead or other
// side; the introduction ties them to their body, country or firm.
func (s *story) statement() bool {
	g := s.g
	side := s.lead
	if g.chance(0.4) {
		side = s.other
	}
	var p *actor
	if g.chance(0.25) {
		p = chief(g.firmOf(firstCode(side)), s.term)
	} else {
		p = s.officialOf(side)
	}
	if p == nil || s.named[p.id] {
		return false
	}
	v := s.vals()
	v["P"] = s.subj(p)
	v["city"] = cityOf(side, s.other)
	s.say(fill(s.fresh([]string{
		"\"{quote},\" {P} said in a statement.",
		"\"{quote},\" {P} told reporters in {city}.",
		"{P} said {clause}.",
		"{P} told a news conference that {clause}.",
	}), v), p)
	return true
}

// followUp continues with the person of the last sentences, by pronoun
// or name.
func (s *story) followUp() bool {
	if len(s.persons) == 0 {
		return false
	}
	var p *actor
	for _, q := range s.persons[len(s.persons)-1] {
		p = q
	}
	if p == nil {
		return false
	}
	v := s.vals()
	v["P"] = s.subj(p)
	v["Who"] = s.subj(s.lead)
	s.say(fill(s.fresh([]string{
		"{P} added that {clause}.",
		"{P} said {Who} would respond to any further measures.",
		"{P} did not give details.",
		"\"{quote},\" {P} added.",
	}), v), p)
	return true
}

// negated states what did not happen, might happen, or was undone: none
// of it is a relation.
func (s *story) negated() bool {
	g := s.g
	fc, tc := s.sides()
	if tc == g.c.eu {
		return false
	}
	from := s.voice(fc, true)
	v := s.vals()
	v["A"], v["B"] = s.subj(from), s.obj(tc, true)
	s.say(fill(pick(g.rng, []string{
		"{A} has not banned imports of {goods} from {B}.",
		"{A} denied that it had restricted exports of {goods} to {B}.",
		"{A} has yet to impose tariffs on {goods} from {B}.",
		"{A} is considering tariffs on {goods} from {B}.",
		"{A} threatened to halt imports of {goods} from {B}.",
		"{A} lifted its ban on imports of {goods} from {B} {when}.",
		"{A} could impose duties on {goods} from {B}, analysts said.",
		"{A} declined to say whether it would restrict sales of {goods} to {B}.",
		"{A} ruled out new tariffs on {goods} from {B}.",
	}), v), persons(from)...)
	return true
}

// background adds context: trade figures, market moves, reactions that
// name actors without a relation between them.
func (s *story) background() bool {
	g := s.g
	v := s.vals()
	a, b := s.lead, s.other
	v["A"], v["B"] = s.subj(a), s.obj(b, true)
	v["A's"] = s.poss(a)
	v["Co"] = s.subj(g.company())
	if a.capital != "" {
		v["capital"] = a.capital
	} else {
		v["capital"] = a.ref()
	}
	v["small"] = fmt.Sprintf("%.1f%%", 0.5+float64(g.rng.IntN(80))/10)
	tpl := []string{
		"Trade between {A} and {B} reached {money} last year, according to official data.",
		"Shipments of {goods} make up about {pct} of {A's} exports to {B}.",
		"The measures come amid rising tensions over {goods}.",
		"Analysts said the move could disrupt supply chains for {goods} across Asia.",
		"Shares of {Co} fell {small} in early trading.",
		"Officials in {capital} did not immediately respond to a request for comment.",
		"{Co} said it was assessing the impact on its business.",
		"Exporters have warned that shipments of {goods} could fall sharply this year.",
		"Prices of {goods} have risen by about {pct} since the start of the year.",
	}
	if len(g.c.orgs) > 0 {
		v["Org"] = s.subj(g.c.orgs[g.orgZipf.Uint64()])
		tpl = append(tpl, "{Org} has warned that such measures fragment global trade.")
	}
	s.say(fill(s.fresh(tpl), v))
	return true
}

// contexts are sentences that carry the story on without naming anyone.
var contexts = []string{
	"The decision follows months of talks between officials of the two sides.",
	"It was not clear how long the measures would remain in place.",
	"The rules take effect in {month}, giving exporters several weeks to adjust.",
	"Industry groups said they had not been consulted before the announcement.",
	"The step had been widely expected after a review launched last year.",
	"Customs officers will check shipments of {goods} more closely from next month.",
	"Traders said the announcement caught the market by surprise.",
	"The measures cover goods worth about {money} a year, according to trade figures.",
	"Officials said further steps could follow if the situation did not improve.",
	"Both sides have said they want to avoid a wider trade dispute.",
	"The announcement came hours before markets opened in Asia.",
	"Economists said the direct effect on growth would be small, but warned of knock-on costs for manufacturers.",
	"Several companies have already begun to move orders elsewhere.",
	"Details of how the rules will be enforced are expected in the coming weeks.",
	"Prices of {goods} rose on the news, traders said.",
}

// context adds a sentence that names nobody.
func (s *story) context() bool {
	v := s.vals()
	v["month"] = s.date.AddDate(0, 1+s.g.rng.IntN(3), 0).Month().String()
	s.say(fill(s.fresh(contexts), v))
	return true
}

// reported attributes a claim to an outlet, in one sentence or two.
func (s *story) reported() bool {
	g := s.g
	outlet := s.outletName()
	fc, tc := s.sides()
	if tc == g.c.eu {
		return false
	}
	from := s.voice(fc, true)
	v := s.vals()
	v["O"] = outlet
	v["A"], v["B"] = s.subj(from), s.obj(tc, true)
	if !s.sec.controlled {
		v["controlled"] = pick(g.rng, sectors[pick(g.rng, []int{0, 3, 6})].goods)
	} else {
		v["controlled"] = v["goods"]
	}
	switch g.rng.IntN(3) {
	case 0:
		s.claim(tradegraph.Banned, from, tc, false)
		s.say(fill("{O} reported that {A} had halted imports of {goods} from {B}.", v), persons(from)...)
	case 1:
		s.claim(tradegraph.ImposedTariff, from, tc, false)
		s.say(fill("{A} imposed tariffs on {goods} from {B}, {O} reported.", v), persons(from)...)
	default:
		s.claim(tradegraph.RestrictedExports, from, tc, true)
		s.say(fill("{A} restricted exports of {controlled} to {B}, according to {O}.", v), persons(from)...)
	}
	return true
}

// Helpers.

// outletName names a news outlet the text cites.
func (s *story) outletName() string {
	g := s.g
	if len(g.c.outlets) == 0 {
		return "local media"
	}
	o := g.c.outlets[g.outletZipf.Uint64()]
	s.mark(o)
	return o.name
}

// list joins actors as wires list them: "A, B and C".
func (s *story) list(as []*actor) string {
	names := make([]string, len(as))
	for i, a := range as {
		names[i] = s.obj(a, false)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// headline sets the title from the lead sentence.
func (s *story) headline(t string, a, b *actor, v map[string]string) {
	if !s.leading || s.title != "" {
		return
	}
	v["a"], v["b"] = s.headName(a), s.headName(b)
	s.title = upperFirst(fill(t, v))
}

// headName is how a headline names an actor: short forms, no article.
func (s *story) headName(a *actor) string {
	if c := s.g.c.byCode[a.country]; a.kind == tradegraph.Ministry && a.abbrev == "" && c != nil {
		a = c // "Japan's Fisheries Agency" heads as "Japan"
	}
	switch {
	case a.kind == tradegraph.Country && (a.short == "US" || a.short == "UK" || a.short == "UAE"):
		return a.short
	case a.kind == tradegraph.Organization && a.short != "":
		return a.short
	case a.abbrev != "":
		return a.abbrev
	case a.person != nil:
		return a.person.later
	}
	return strings.TrimPrefix(a.name, "the ")
}

func upperFirst(t string) string {
	if t == "" {
		return t
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// persons keeps the people among as.
func persons(as ...*actor) []*actor {
	var ps []*actor
	for _, a := range as {
		if a != nil && a.kind == tradegraph.Person {
			ps = append(ps, a)
		}
	}
	return ps
}

func containsID(as []*actor, a *actor) bool {
	for _, b := range as {
		if b.id == a.id {
			return true
		}
	}
	return false
}

// demonymOf is the demonym of a country code, or "foreign".
func demonymOf(c *cast, code string) string {
	if a := c.byCode[code]; a != nil && a.demonym != "" {
		return a.demonym
	}
	return "foreign"
}

// firstCode is the country code firms of a side come from.
func firstCode(a *actor) string {
	if a.kind == tradegraph.Country && len(a.country) == 2 {
		if _, ok := firmCities[a.country]; ok {
			return a.country
		}
	}
	return "US"
}

// cityOf is where a meeting takes place: the capital of one side.
func cityOf(as ...*actor) string {
	for _, a := range as {
		if a.capital != "" {
			return a.capital
		}
	}
	return "Geneva"
}
