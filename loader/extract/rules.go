package extract

import (
	"regexp"

	"github.com/tradegraph/tradegraph"
)

// objectSlot says where a rule finds the actor acted on.
type objectSlot int

const (
	// objAfter: the first actor right after the trigger (a few words of
	// determiners and adjectives may come between), as in "asked Japan to",
	// "imports of seafood from Taiwan" (the trigger ends at "from").
	objAfter objectSlot = iota
	// objConveyed: "the request was conveyed by X to Y": the first actor
	// after the trigger acts, the actor after "to" is acted on.
	objConveyed
	// objInAbout: the actor the "about" group names as the goods' origin
	// ("banned imports of Japanese seafood").
	objInAbout
	// objList: every actor inside the trigger's "list" group ("added A, B
	// and C to the Entity List").
	objList
)

// aboutMode says where a rule reads the object phrase.
type aboutMode int

const (
	// aboutAfterObject: what follows the object, without a leading "to"
	// ("asked Japan to join efforts ..." → "join efforts ...").
	aboutAfterObject aboutMode = iota
	// aboutGroup: the trigger's "about" group ("imports of seafood").
	aboutGroup
	// aboutNone: the relation has no object phrase.
	aboutNone
)

// rule is one entry of the trigger lexicon. Trigger runs on a sentence's
// text, case-insensitively; the subject is the nearest actor before the
// match in the same clause, the object is found by Object.
type rule struct {
	ID    string
	Type  tradegraph.RelationType
	Cameo string
	// Strength is how surely the trigger states the relation, 0..1; it is
	// the starting point of Confidence.
	Strength float64
	Trigger  *regexp.Regexp
	Object   objectSlot
	About    aboutMode
	// Next, when set, must match the text right after the object (a
	// request needs "to ..." or "for ..." after whom it asks).
	Next *regexp.Regexp
	// Possessive: the object is a possessor right after the trigger
	// ("seeking Tokyo's engagement").
	Possessive bool
	// Nominal: the trigger is a noun ("ban on", "tariffs on"), so its
	// subject must own it ("China's ban on") or be the subject of a verb
	// that puts it in force ("China announced a ban on"); an actor merely
	// near the noun ("worried about tariffs on Japan") is not enough.
	Nominal bool
}

// re compiles a trigger pattern: case-insensitive, word-bounded at the
// start, and tolerant of curly apostrophes.
func re(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b` + pattern)
}

// goods is a short noun phrase of traded goods inside a trigger; it may
// not cross a clause boundary.
const goods = `[^.;,]{1,60}?`

// toNext is what must follow the asked actor in a request.
var toNext = regexp.MustCompile(`(?i)^\s*(?:,\s*)?(?:to|for|into)\b`)

// rules is the trigger lexicon, most specific first: when two rules fire
// on the same (type, from, to) in one sentence the first one wins.
var rules = []rule{
	// REQUESTED — CAMEO 02 appeal, 10 demand.
	{ID: "request.ask-to", Type: tradegraph.Requested, Cameo: "020", Strength: 0.9,
		Trigger: re(`(?:ask(?:s|ed|ing)?|urg(?:e|es|ed|ing)|press(?:es|ed|ing)?|request(?:s|ed|ing)?|call(?:s|ed|ing)?\s+(?:up)?on|appeal(?:s|ed|ing)?\s+to|encourag(?:e|es|ed|ing)|push(?:es|ed|ing)?)\b`),
		Object:  objAfter, About: aboutAfterObject, Next: toNext},
	{ID: "request.demand", Type: tradegraph.Requested, Cameo: "100", Strength: 0.9,
		Trigger: re(`(?:demand(?:s|ed|ing)?|insist(?:s|ed|ing)?)\s+that\b`),
		Object:  objAfter, About: aboutAfterObject},
	{ID: "request.seek", Type: tradegraph.Requested, Cameo: "020", Strength: 0.7,
		Trigger: re(`(?:seek(?:s|ing)?|sought)\b`),
		Object:  objAfter, About: aboutAfterObject, Possessive: true},
	{ID: "request.conveyed", Type: tradegraph.Requested, Cameo: "020", Strength: 0.7,
		Trigger: re(`(?:request|appeal|demand)s?\b[^.;]{0,40}?\b(?:conveyed|delivered|relayed|passed|made|sent|transmitted|put)\b`),
		Object:  objConveyed, About: aboutNone},

	// RESTRICTED_EXPORTS — CAMEO 163 embargo, 172 sanctions. Listed
	// before BANNED so that "banned chip sales to Huawei" is an export
	// restriction, not an import ban.
	{ID: "export.controls-on", Type: tradegraph.RestrictedExports, Cameo: "163", Strength: 0.85,
		Trigger: re(`(?:impos(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|tighten(?:s|ed|ing)?|expand(?:s|ed|ing)?|announc(?:e|es|ed|ing)|extend(?:s|ed|ing)?|slapp?(?:s|ed|ing)?|plac(?:e|es|ed|ing)|put(?:s|ting)?)\s+(?:new\s+|tighter\s+|sweeping\s+|its\s+|the\s+)*(?P<about>export\s+(?:controls?|curbs?|restrictions?|bans?|limits?)(?:\s+on\s+` + goods + `)?)\s+(?:on|against|to|for)\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "export.controls-noun", Type: tradegraph.RestrictedExports, Cameo: "163", Strength: 0.75,
		Trigger: re(`(?P<about>export\s+(?:controls?|curbs?|restrictions?|bans?|limits?))\s+(?:on|against)\b`),
		Object:  objAfter, About: aboutGroup, Nominal: true},
	{ID: "export.bar-sales", Type: tradegraph.RestrictedExports, Cameo: "163", Strength: 0.85,
		Trigger: re(`(?:bar(?:s|red|ring)?|ban(?:s|ned|ning)?|block(?:s|ed|ing)?|restrict(?:s|ed|ing)?|halt(?:s|ed|ing)?|stopp?(?:s|ed|ing)?|curb(?:s|ed|ing)?|limit(?:s|ed|ing)?|prohibit(?:s|ed|ing)?)\s+(?P<about>(?:` + goods + `\s+)?(?:sales|exports|shipments|deliveries|supplies)(?:\s+of\s+` + goods + `)?)\s+to\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "export.licence", Type: tradegraph.RestrictedExports, Cameo: "172", Strength: 0.8,
		Trigger: re(`(?:requir(?:e|es|ed|ing)|impos(?:e|es|ed|ing)|introduc(?:e|es|ed|ing))\s+(?P<about>(?:export\s+)?licen[cs]es?(?:\s+requirements?)?(?:\s+for\s+` + goods + `)?)\s+(?:for\s+(?:sales|exports|shipments)\s+)?(?:to|for)\b`),
		Object:  objAfter, About: aboutGroup},

	// BANNED — CAMEO 163 embargo.
	{ID: "ban.halt-imports", Type: tradegraph.Banned, Cameo: "163", Strength: 0.9,
		Trigger: re(`(?:ban(?:s|ned|ning)?|halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|block(?:s|ed|ing)?|stopp?(?:s|ed|ing)?|prohibit(?:s|ed|ing)?|embargo(?:es|ed|ing)?|bar(?:s|red|ring)?)\s+(?:all\s+|the\s+|further\s+)?(?P<about>(?:` + goods + `\s+)?imports?(?:\s+of\s+` + goods + `)?)\s+(?:from|originating\s+(?:from|in))\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "ban.goods", Type: tradegraph.Banned, Cameo: "163", Strength: 0.8,
		Trigger: re(`(?:ban(?:s|ned|ning)?|halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|block(?:s|ed|ing)?|stopp?(?:s|ed|ing)?|prohibit(?:s|ed|ing)?|embargo(?:es|ed|ing)?)\s+(?:all\s+|the\s+|further\s+)?(?P<about>imports?\s+of\s+[^.;,]{1,60}|[^.;,]{1,40}?\s+imports?)\b`),
		Object:  objInAbout, About: aboutGroup},
	{ID: "ban.import-ban-on", Type: tradegraph.Banned, Cameo: "163", Strength: 0.8,
		Trigger: re(`(?P<about>(?:import\s+)?(?:ban|embargo|suspension|halt)\s+on\s+(?:imports?\s+of\s+)?` + goods + `)\s+(?:from|originating\s+(?:from|in))\b`),
		Object:  objAfter, About: aboutGroup, Nominal: true},

	// SANCTIONED — CAMEO 163.
	{ID: "sanction.entity-list", Type: tradegraph.Sanctioned, Cameo: "163", Strength: 0.95,
		Trigger: re(`add(?:s|ed|ing)?\s+(?P<list>[^.;]{1,240}?)\s+to\s+(?:its\s+|the\s+|a\s+)?(?P<about>(?:entity|sanctions?|trade|unverified|military\s+end[- ]user)\s+(?:list|blacklist)|blacklist)\b`),
		Object:  objList, About: aboutGroup},
	{ID: "sanction.verb", Type: tradegraph.Sanctioned, Cameo: "163", Strength: 0.9,
		Trigger: re(`(?:sanction(?:ed|ing)?|blacklist(?:ed|ing)?|froze\s+(?:the\s+)?assets\s+of|freez(?:e|es|ing)\s+(?:the\s+)?assets\s+of|impos(?:e|es|ed|ing)\s+sanctions\s+(?:on|against))`),
		Object:  objAfter, About: aboutNone},

	// IMPOSED_TARIFF — CAMEO 172.
	{ID: "tariff.impose-on", Type: tradegraph.ImposedTariff, Cameo: "172", Strength: 0.9,
		Trigger: re(`(?:impos(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|slapp?(?:s|ed|ing)?|levi(?:ed|es)|levy(?:ing)?|hik(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|doubl(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|announc(?:e|es|ed|ing)|plac(?:e|es|ed|ing)|put(?:s|ting)?)\s+(?P<about>[^.;,]{0,40}?(?:tariffs?|duties|duty|levies)(?:\s+(?:of|worth)\s+[^.;,]{1,30}?)?(?:\s+on\s+` + goods + `)?)\s+(?:on|against|from)\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "tariff.noun", Type: tradegraph.ImposedTariff, Cameo: "172", Strength: 0.7,
		Trigger: re(`(?P<about>(?:tariffs?|anti-dumping\s+duties|duties)(?:\s+on\s+` + goods + `)?)\s+(?:on|against)\s+(?:imports\s+from\s+)?`),
		Object:  objAfter, About: aboutGroup, Nominal: true},

	// RELOCATED_TO — no CAMEO code.
	{ID: "relocate.move-to", Type: tradegraph.RelocatedTo, Strength: 0.85,
		Trigger: re(`(?:relocat(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|emigrat(?:e|es|ed|ing)|fled|flee(?:s|ing)?|shift(?:s|ed|ing)?\s+(?:its\s+|his\s+|her\s+)?(?:headquarters|base))\s+(?:(?:its|his|her)\s+(?:headquarters|base|family)\s+)?to\b`),
		Object:  objAfter, About: aboutNone},
	{ID: "relocate.settle-in", Type: tradegraph.RelocatedTo, Strength: 0.8,
		Trigger: re(`(?:settl(?:e|es|ed|ing)|resettl(?:e|es|ed|ing)|took\s+up\s+residence)\s+in\b`),
		Object:  objAfter, About: aboutNone},

	// MET_WITH — CAMEO 04 consult.
	{ID: "meet.held-talks", Type: tradegraph.MetWith, Cameo: "043", Strength: 0.85,
		Trigger: re(`(?:h[oe]ld|hold(?:s|ing)?|conduct(?:s|ed|ing)?)\s+(?:\w+\s+){0,2}(?:talks|meetings?|consultations|discussions|a\s+call|a\s+summit)\s+with\b`),
		Object:  objAfter, About: aboutNone},
	{ID: "meet.met", Type: tradegraph.MetWith, Cameo: "040", Strength: 0.85,
		Trigger: re(`(?:met|meet(?:s|ing)?|hosted|host(?:s|ing)?)(?:\s+with)?\b`),
		Object:  objAfter, About: aboutNone},

	// AGREED_WITH — CAMEO 05/06 cooperate.
	{ID: "agree.deal-with", Type: tradegraph.AgreedWith, Cameo: "057", Strength: 0.85,
		Trigger: re(`(?:sign(?:s|ed|ing)?|reach(?:es|ed|ing)?|struck|strik(?:e|es|ing)|clinch(?:es|ed|ing)?|conclud(?:e|es|ed|ing)|seal(?:s|ed|ing)?|agree(?:s|d|ing)?(?:\s+on)?)\s+(?P<about>(?:an?\s+|the\s+)?[^.;,]{0,40}?(?:deal|agreement|accord|pact|treaty|memorandum|truce|framework))\s+with\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "agree.agreed-with", Type: tradegraph.AgreedWith, Cameo: "057", Strength: 0.8,
		Trigger: re(`(?:agree(?:s|d|ing)?|sign(?:s|ed|ing)?\s+up)\s+with\b`),
		Object:  objAfter, About: aboutAfterObject},

	// CRITICIZED — CAMEO 11 disapprove, 12 reject.
	{ID: "criticize.verb", Type: tradegraph.Criticized, Cameo: "111", Strength: 0.85,
		// Stems of British and American spellings, not misspellings.
		Trigger: re(`(?:criticis(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|slamm?(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|rebuk(?:e|es|ed|ing)|blast(?:s|ed|ing)?|lambast(?:s|ed|ing)?|accus(?:e|es|ed|ing)|censur(?:e|es|ed|ing))\b`), //nolint:misspell
		Object:  objAfter, About: aboutAfterObject},
	{ID: "criticize.protest", Type: tradegraph.Criticized, Cameo: "112", Strength: 0.8,
		Trigger: re(`(?:protest(?:s|ed|ing)?|lodg(?:e|es|ed|ing)\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:protest|complaint)\s+with)\b`),
		Object:  objAfter, About: aboutAfterObject},
	{ID: "criticize.complaint", Type: tradegraph.Criticized, Cameo: "115", Strength: 0.8,
		Trigger: re(`(?:fil(?:e|es|ed|ing)|lodg(?:e|es|ed|ing)|submit(?:s|ted|ting)?|launch(?:es|ed|ing)?|brought|bring(?:s|ing)?)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,2}?(?P<about>(?:complaint|case|lawsuit|suit|dispute|challenge))\s+(?:against|with)\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "criticize.reject", Type: tradegraph.Criticized, Cameo: "120", Strength: 0.7,
		Trigger: re(`(?:reject(?:s|ed|ing)?|rebuff(?:s|ed|ing)?)\b`),
		Object:  objAfter, About: aboutAfterObject, Possessive: true},

	// INVESTED_IN — CAMEO 061 economic cooperation.
	{ID: "invest.in", Type: tradegraph.InvestedIn, Cameo: "061", Strength: 0.85,
		Trigger: re(`(?:invest(?:s|ed|ing)?|pledg(?:e|es|ed|ing)|poured|pour(?:s|ing)?|commit(?:s|ted|ting)?)\s+(?P<about>[^.;]{0,50}?)\s*\b(?:in|into)\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "invest.stake", Type: tradegraph.InvestedIn, Cameo: "061", Strength: 0.8,
		Trigger: re(`(?:took|take(?:s)?|taking|acquir(?:e|es|ed|ing)|bought|buy(?:s|ing)?)\s+(?P<about>an?\s+(?:[\d.]+\s*(?:%|per\s*cent|percent)\s+|minority\s+|majority\s+)?stake)\s+in\b`),
		Object:  objAfter, About: aboutGroup},

	// ACQUIRED — no CAMEO code.
	{ID: "acquire.verb", Type: tradegraph.Acquired, Strength: 0.9,
		Trigger: re(`(?:acquir(?:e|es|ed|ing)|bought|buy(?:s|ing)?|purchas(?:e|es|ed|ing)|took\s+over|tak(?:e|es|ing)\s+over|tak(?:e|es|ing)\s+control\s+of|took\s+control\s+of|absorb(?:s|ed|ing)?)\b`),
		Object:  objAfter, About: aboutNone},

	// FOUNDED / OWNS stated with a verb; the appositive forms ("founder
	// of") come from mention roles.
	{ID: "founded.verb", Type: tradegraph.Founded, Strength: 0.9,
		Trigger: re(`(?:co-?)?(?:founds|founded|founding|establish(?:es|ed|ing)?|set\s+up)\b`),
		Object:  objAfter, About: aboutNone},
	{ID: "owns.verb", Type: tradegraph.Owns, Strength: 0.85,
		Trigger: re(`(?:own(?:s|ed)?)\b`),
		Object:  objAfter, About: aboutNone},
}
