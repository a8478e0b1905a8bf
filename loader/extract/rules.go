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
	// and C to the Entity List"), and the list after ", including".
	objList
	// objAgent: a passive trigger whose "about" group holds no actor
	// ("were added to the Entity List by X"): the actors before it are
	// acted on, the one after "by" acts.
	objAgent
	// objPlace: the actor right after the trigger, or else the country a
	// place phrase after it names ("invested $1 billion in a plant in
	// Vietnam's Nghe An province", "moved lines to factories in India").
	objPlace
	// objMutual: the coordinated subjects act on each other ("Japan and
	// South Korea agreed ...", "A and B signed a merger agreement").
	objMutual
	// objBetween: the two actors after the trigger act on each other
	// ("talks between A and B").
	objBetween
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
	Trigger  *sentenceRegexp
	Object   objectSlot
	About    aboutMode
	// Next, when set, must match the text right after the object (a
	// request needs "to ..." or "for ..." after whom it asks).
	Next *prefixRegexp
	// Antecedent, when set, must match the text right before the subject:
	// "the 100% tariff that the United States placed on Chinese cars" is a
	// tariff only because a tariff noun stands before the subject.
	Antecedent *regexp.Regexp
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
func re(pattern string) *sentenceRegexp {
	return sentenceRE(`(?i)\b` + pattern)
}

// goods is a short noun phrase of traded goods inside a trigger; it may
// not cross a clause boundary. goodsList is a list of them ("gallium,
// germanium and antimony").
const (
	goods     = `[^.;,]{1,60}?`
	goodsList = goods + `(?:,\s+` + goods + `){0,6}`
)

// relocatable is what a company or person moves abroad.
const relocatable = `(?:production|lines?|assembly|manufacturing|factor(?:y|ies)|plants?|operations|headquarters|offices?|base|staff|employees|business|supply\s+chains?|output|capacity|family|residence)`

// dotted is a character of a phrase that may hold abbreviations ("U.S.
// goods"): sentences are split before the rules run, so a full stop
// inside one ends an abbreviation or a figure. It costs the matcher its
// cut at full stops, so only the goods phrases of tariffs, where "U.S."
// is common, use it.
const dotted = `[^;,]`

// bound is where shipments go: "to X", "bound for X", "destined for X".
const bound = `(?:to|(?:bound|destined)\s+for)\b`

// toNext is what must follow the asked actor in a request.
// A short phrase of time or manner may come between ("urged ByteDance in
// a letter on Thursday to divest"), and the request may be to refrain
// ("urged Seoul not to").
var toNext = prefixRE(`(?i)^\s*(?:(?:partners|members|leaders|governments|officials|authorities|allies|counterparts)\s+)?(?:,\s*)?(?:(?:in|on|at|during|last|this|earlier|over|by)\s+[^,;.]{1,30}?\s+)?(?:not\s+)?(?:to|for|into)\b`)

// quotedVerdict is a quoted judgement after what it judges: "called
// Canada's surtax "a typical act of protectionism"".
var quotedVerdict = prefixRE(`^\s*(?:[\w-]+\s+){0,3}(?:as\s+)?["“]`)

// withSanctions and withTariffs are what "hit X" must go on with to be a
// sanction ("hit Rosneft with sanctions") or a tariff ("hit China with
// 25% duties").
var (
	withSanctions = prefixRE(`(?i)^\s+with\s+(?:new\s+|fresh\s+|further\s+|additional\s+|sweeping\s+)?sanctions\b`)
	withTariffs   = prefixRE(`(?i)^\s+with\s+(?:new\s+|fresh\s+|further\s+|additional\s+|higher\s+|steep\s+)?(?:[\d.]+\s*(?:%|per\s*cent|percent)\s+)?(?:tariffs?|duties|levies)\b`)
)

// rules is the trigger lexicon, most specific first: when two rules fire
// on the same (type, from, to) in one sentence the first one wins.
var rules = []rule{
	// REQUESTED — CAMEO 02 appeal, 10 demand.
	{ID: "request.ask-to", Type: tradegraph.Requested, Cameo: "020", Strength: 0.9,
		Trigger: re(`(?:ask(?:s|ed|ing)?|urg(?:e|es|ed|ing)|press(?:es|ed|ing)?|request(?:s|ed|ing)?|call(?:s|ed|ing)?\s+(?:up)?on|appeal(?:s|ed|ing)?\s+to|encourag(?:e|es|ed|ing)|push(?:es|ed|ing)?|order(?:s|ed|ing)?|instruct(?:s|ed|ing)?|direct(?:s|ed|ing)?|told|tell(?:s|ing)?)\b`),
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
		Trigger: re(`(?:bar(?:s|red|ring)?|ban(?:s|ned|ning)?|block(?:s|ed|ing)?|restrict(?:s|ed|ing)?|halt(?:s|ed|ing)?|stopp?(?:s|ed|ing)?|curb(?:s|ed|ing)?|limit(?:s|ed|ing)?|prohibit(?:s|ed|ing)?)\s+(?P<about>(?:` + goods + `\s+)?(?:sales|exports|shipments|deliveries|supplies)(?:\s+of\s+` + goodsList + `)?)\s+` + bound),
		Object:  objAfter, About: aboutGroup},
	{ID: "export.controls-on-exports", Type: tradegraph.RestrictedExports, Cameo: "163", Strength: 0.8,
		Trigger: re(`(?:impos(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|tighten(?:s|ed|ing)?|expand(?:s|ed|ing)?|announc(?:e|es|ed|ing)|plac(?:e|es|ed|ing))\s+(?:new\s+|tighter\s+|its\s+|the\s+)*(?P<about>(?:controls?|curbs?|restrictions?|limits?)\s+on\s+(?:exports|shipments|sales)(?:\s+of\s+` + goodsList + `)?)\s+` + bound),
		Object:  objAfter, About: aboutGroup},
	{ID: "export.revoke-licences", Type: tradegraph.RestrictedExports, Cameo: "172", Strength: 0.8,
		Trigger: re(`(?:revok(?:e|es|ed|ing)|withdr[ae]w\w*|cancel(?:s|led|ed|ling|ing)?|suspend(?:s|ed|ing)?|den(?:y|ies|ied|ying))\s+(?P<about>(?:export\s+)?licen[cs]es?\s+for\s+` + goodsList + `)\s+` + bound),
		Object:  objAfter, About: aboutGroup},
	{ID: "export.licence", Type: tradegraph.RestrictedExports, Cameo: "172", Strength: 0.8,
		Trigger: re(`(?:requir(?:e|es|ed|ing)|impos(?:e|es|ed|ing)|introduc(?:e|es|ed|ing))\s+(?:a\s+|an\s+|new\s+|similar\s+|the\s+)*(?P<about>(?:export\s+)?licen[cs]es?(?:\s+requirements?)?(?:\s+(?:for|on)\s+` + goodsList + `)?)\s+(?:(?:for|on)\s+(?:sales|exports|shipments)\s+)?(?:to|for|(?:bound|destined)\s+for)\b`),
		Object:  objAfter, About: aboutGroup},

	// BANNED — CAMEO 163 embargo.
	{ID: "ban.halt-imports", Type: tradegraph.Banned, Cameo: "163", Strength: 0.9,
		Trigger: re(`(?:ban(?:s|ned|ning)?|halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|block(?:s|ed|ing)?|stopp?(?:s|ed|ing)?|prohibit(?:s|ed|ing)?|embargo(?:es|ed|ing)?|bar(?:s|red|ring)?)\s+(?:all\s+|the\s+|further\s+)?(?P<about>(?:` + goods + `\s+)?(?:imports?|purchases)(?:\s+of\s+` + goodsList + `)?)\s+(?:from|originating\s+(?:from|in))\b`),
		Object:  objAfter, About: aboutGroup},
	// Only verb forms: "a ban on seafood from Japan" is ban.import-ban-on's.
	{ID: "ban.goods-from", Type: tradegraph.Banned, Cameo: "163", Strength: 0.8,
		Trigger: re(`(?:bann(?:ed|ing)|halt(?:ed|ing)|suspend(?:s|ed|ing)|block(?:ed|ing)|prohibit(?:s|ed|ing)|embargo(?:ed|ing))\s+(?:all\s+|the\s+|further\s+)?(?P<about>` + goods + `)\s+(?:from|originating\s+(?:from|in))\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "ban.goods", Type: tradegraph.Banned, Cameo: "163", Strength: 0.8,
		Trigger: re(`(?:ban(?:s|ned|ning)?|halt(?:s|ed|ing)?|suspend(?:s|ed|ing)?|block(?:s|ed|ing)?|stopp?(?:s|ed|ing)?|prohibit(?:s|ed|ing)?|embargo(?:es|ed|ing)?)\s+(?:all\s+|the\s+|further\s+)?(?P<about>imports?\s+of\s+[^.;,]{1,60}|[^.;,]{1,40}?\s+imports?)\b`),
		Object:  objInAbout, About: aboutGroup},
	{ID: "ban.import-ban-on", Type: tradegraph.Banned, Cameo: "163", Strength: 0.8,
		Trigger: re(`(?P<about>(?:import\s+)?(?:ban|embargo|suspension|halt)\s+on\s+(?:imports?\s+of\s+)?` + goods + `)\s+(?:from|originating\s+(?:from|in))\b`),
		Object:  objAfter, About: aboutGroup, Nominal: true},

	// SANCTIONED — CAMEO 163.
	{ID: "sanction.entity-list", Type: tradegraph.Sanctioned, Cameo: "163", Strength: 0.95,
		Trigger: re(`add(?:s|ed|ing)?\s+(?P<list>[^;]{1,240}?)\s+to\s+(?:its\s+|the\s+|a\s+)?(?:(?:US|U\.S\.|American|EU|UK|Taiwanese|Japanese)\s+)?(?P<about>(?:entity|sanctions?|trade|unverified|export|military\s+end[- ]user)\s+(?:list|blacklist)|blacklist)\b`),
		Object:  objList, About: aboutGroup},
	{ID: "sanction.listed-by", Type: tradegraph.Sanctioned, Cameo: "163", Strength: 0.9,
		Trigger: re(`(?:added|put|placed)\s+to\s+(?:its\s+|the\s+|a\s+)?(?:(?:US|U\.S\.|American|EU|UK|Taiwanese|Japanese)\s+)?(?P<about>(?:(?:entity|sanctions?|trade|unverified|export|military\s+end[- ]user)\s+)?(?:list|blacklist))\b`),
		Object:  objAgent, About: aboutGroup},
	{ID: "sanction.put-on-list", Type: tradegraph.Sanctioned, Cameo: "163", Strength: 0.9,
		Trigger: re(`(?:put(?:s|ting)?|plac(?:e|es|ed|ing))\s+(?P<list>[^;]{1,240}?)\s+on\s+(?:its\s+|the\s+|a\s+)?(?:(?:US|U\.S\.|American|EU|UK|Taiwanese|Japanese)\s+)?(?P<about>(?:entity|sanctions?|trade|unverified|export|military\s+end[- ]user)\s+(?:list|blacklist)|blacklist)\b`),
		Object:  objList, About: aboutGroup},
	{ID: "sanction.hit-with", Type: tradegraph.Sanctioned, Cameo: "163", Strength: 0.85,
		Trigger: re(`(?:hit(?:s|ting)?|target(?:s|ed|ing)?)\b`),
		Object:  objAfter, About: aboutNone, Next: withSanctions},
	{ID: "sanction.noun", Type: tradegraph.Sanctioned, Cameo: "163", Strength: 0.75,
		Trigger: re(`sanctions\s+(?:on|against)\b`),
		Object:  objAfter, About: aboutNone, Nominal: true},
	{ID: "sanction.verb", Type: tradegraph.Sanctioned, Cameo: "163", Strength: 0.9,
		Trigger: re(`(?:sanction(?:ed|ing)?|blacklist(?:ed|ing)?|designat(?:ed|es|ing|e)\b|froze\s+(?:the\s+)?assets\s+of|freez(?:e|es|ing)\s+(?:the\s+)?assets\s+of|impos(?:e|es|ed|ing)\s+sanctions\s+(?:on|against))`),
		Object:  objAfter, About: aboutNone},

	// IMPOSED_TARIFF — CAMEO 172.
	{ID: "tariff.impose-on", Type: tradegraph.ImposedTariff, Cameo: "172", Strength: 0.9,
		Trigger: re(`(?:impos(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|slapp?(?:s|ed|ing)?|levi(?:ed|es)|levy(?:ing)?|hik(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|doubl(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|announc(?:e|es|ed|ing)|plac(?:e|es|ed|ing)|put(?:s|ting)?)\s+(?P<about>[^.;,]{0,40}?(?:tariffs?|duties|duty|levies)(?:\s+(?:of|worth)\s+[^.;,]{1,30}?)?(?:\s+on\s+` + goods + `)?)\s+(?:on|against|from)\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "tariff.on-goods", Type: tradegraph.ImposedTariff, Cameo: "172", Strength: 0.8,
		Trigger: re(`(?:impos(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|slapp?(?:s|ed|ing)?|levi(?:ed|es)|levy(?:ing)?|hik(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|doubl(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|plac(?:e|es|ed|ing)|charg(?:e|es|ed|ing)|appl(?:y|ies|ied|ying))\s+(?P<about>[^.;,]{0,40}?(?:tariffs?|duties|duty|levies|surtax(?:es)?|anti-dumping\s+measures)(?:\s+(?:of|worth)\s+[^.;,]{1,30}?)?\s+on\s+` + dotted + `{1,80}(?:,\s+[^.;,]{1,30}){0,4})`),
		Object:  objInAbout, About: aboutGroup},
	{ID: "tariff.placed-on", Type: tradegraph.ImposedTariff, Cameo: "172", Strength: 0.75,
		Trigger:    re(`(?:plac(?:ed|es)|impos(?:ed|es)|slapped|levied|put|charg(?:ed|es)|appli(?:ed|es))\s+on\s+(?P<about>` + dotted + `{1,80})`),
		Antecedent: regexp.MustCompile(`(?i)\b(?:tariffs?|duties|duty|levies|surtax(?:es)?)\s+(?:\([^)]*\)\s+)?(?:that|which)?\s*(?:the\s+)?$`),
		Object:     objInAbout, About: aboutGroup},
	{ID: "tariff.hit-with", Type: tradegraph.ImposedTariff, Cameo: "172", Strength: 0.8,
		Trigger: re(`(?:hit(?:s|ting)?|target(?:s|ed|ing)?)\b`),
		Object:  objAfter, About: aboutNone, Next: withTariffs},
	{ID: "tariff.noun", Type: tradegraph.ImposedTariff, Cameo: "172", Strength: 0.7,
		Trigger: re(`(?P<about>(?:tariffs?|anti-dumping\s+duties|duties)(?:\s+on\s+` + goods + `)?)\s+(?:on|against)\s+(?:imports\s+from\s+)?`),
		Object:  objAfter, About: aboutGroup, Nominal: true},

	// RELOCATED_TO — no CAMEO code.
	{ID: "relocate.move-to", Type: tradegraph.RelocatedTo, Strength: 0.85,
		Trigger: re(`(?:relocat(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|emigrat(?:e|es|ed|ing)|fled|flee(?:s|ing)?|shift(?:s|ed|ing)?\s+(?:its\s+|his\s+|her\s+)?(?:headquarters|base))\s+(?:(?:its|his|her)\s+(?:headquarters|base|family)\s+)?to\b`),
		Object:  objAfter, About: aboutNone},
	{ID: "relocate.move-things", Type: tradegraph.RelocatedTo, Strength: 0.75,
		Trigger: re(`(?:relocat(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|transferr?(?:s|ed|ing)?)\s+(?P<about>[^.;]{0,40}?\b` + relocatable + `\b[^.;]{0,50}?)\s+to\b`),
		Object:  objPlace, About: aboutGroup},
	{ID: "relocate.settle-in", Type: tradegraph.RelocatedTo, Strength: 0.8,
		Trigger: re(`(?:settl(?:e|es|ed|ing)|resettl(?:e|es|ed|ing)|took\s+up\s+residence)\s+in\b`),
		Object:  objAfter, About: aboutNone},

	// MET_WITH — CAMEO 04 consult.
	{ID: "meet.held-talks", Type: tradegraph.MetWith, Cameo: "043", Strength: 0.85,
		Trigger: re(`(?:h[oe]ld|hold(?:s|ing)?|conduct(?:s|ed|ing)?)\s+(?:\w+\s+){0,2}(?:talks|meetings?|consultations|discussions|a\s+call|a\s+summit)\s+with\b`),
		Object:  objAfter, About: aboutNone},
	{ID: "meet.mutual", Type: tradegraph.MetWith, Cameo: "040", Strength: 0.8,
		Trigger: re(`(?:met|meet|held\s+talks|hold\s+talks)\b`),
		Object:  objMutual, About: aboutNone},
	{ID: "meet.between", Type: tradegraph.MetWith, Cameo: "043", Strength: 0.8,
		Trigger: re(`(?:talks|meetings?|negotiations|discussions|consultations)\s+between\b`),
		Object:  objBetween, About: aboutNone},
	{ID: "meet.spoke", Type: tradegraph.MetWith, Cameo: "043", Strength: 0.7,
		Trigger: re(`(?:spoke|spoken|speak(?:s|ing)?|talked)\s+(?:by\s+(?:phone|telephone)\s+)?(?:to|with)\b`),
		Object:  objAfter, About: aboutNone},
	{ID: "meet.met", Type: tradegraph.MetWith, Cameo: "040", Strength: 0.85,
		Trigger: re(`(?:met|meet(?:s|ing)?|hosted|host(?:s|ing)?)(?:\s+with)?\b`),
		Object:  objAfter, About: aboutNone},

	// AGREED_WITH — CAMEO 05/06 cooperate.
	{ID: "agree.deal-with", Type: tradegraph.AgreedWith, Cameo: "057", Strength: 0.85,
		Trigger: re(`(?:sign(?:s|ed|ing)?|reach(?:es|ed|ing)?|struck|strik(?:e|es|ing)|clinch(?:es|ed|ing)?|conclud(?:e|es|ed|ing)|seal(?:s|ed|ing)?|agree(?:s|d|ing)?(?:\s+on)?)\s+(?P<about>(?:an?\s+|the\s+)?[^.;,]{0,40}?(?:deal|agreement|accord|pact|treaty|memorandum|truce|framework))\s+with\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "agree.mutual", Type: tradegraph.AgreedWith, Cameo: "057", Strength: 0.8,
		Trigger: re(`(?:agreed|agrees|agree)\b|(?:signed|concluded|reached|struck|sealed)\s+(?:an?\s+|the\s+)?[^.;,]{0,40}?(?:deal|agreement|accord|pact|treaty|memorandum|negotiations|talks)\b`),
		Object:  objMutual, About: aboutNone},
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
		Trigger: re(`(?:fil(?:e|es|ed|ing)|lodg(?:e|es|ed|ing)|submit(?:s|ted|ting)?|launch(?:es|ed|ing)?|brought|bring(?:s|ing)?)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,2}?(?P<about>(?:complaint|case|lawsuit|suit|dispute|challenge|representations|protests?))\s+(?:against|with)\b`),
		Object:  objAfter, About: aboutGroup},
	{ID: "criticize.called", Type: tradegraph.Criticized, Cameo: "111", Strength: 0.75,
		Trigger: re(`(?:call(?:s|ed|ing)|labell?(?:s|ed|ing)|describ(?:e|es|ed|ing))\b`),
		Object:  objAfter, About: aboutAfterObject, Possessive: true, Next: quotedVerdict},
	{ID: "criticize.reject", Type: tradegraph.Criticized, Cameo: "120", Strength: 0.7,
		Trigger: re(`(?:reject(?:s|ed|ing)?|rebuff(?:s|ed|ing)?)\b`),
		Object:  objAfter, About: aboutAfterObject, Possessive: true},

	// INVESTED_IN — CAMEO 061 economic cooperation.
	{ID: "invest.in", Type: tradegraph.InvestedIn, Cameo: "061", Strength: 0.85,
		Trigger: re(`(?:invest(?:s|ed|ing)?|pledg(?:e|es|ed|ing)|poured|pour(?:s|ing)?|commit(?:s|ted|ting)?)\s+(?P<about>(?:[^.;]|\.\d){0,50}?)\s*\b(?:in|into)\b`),
		Object:  objPlace, About: aboutGroup},
	{ID: "invest.put-into", Type: tradegraph.InvestedIn, Cameo: "061", Strength: 0.8,
		Trigger: re(`(?:put(?:s|ting)?)\s+(?P<about>(?:money|cash|capital|funds|(?:more\s+than\s+|about\s+|nearly\s+|some\s+)?[$€£¥](?:[^.;,]|\.\d){1,30}?))\s+into\b`),
		Object:  objPlace, About: aboutGroup},
	{ID: "invest.stake", Type: tradegraph.InvestedIn, Cameo: "061", Strength: 0.8,
		Trigger: re(`(?:took|take(?:s)?|taking|acquir(?:e|es|ed|ing)|bought|buy(?:s|ing)?)\s+(?P<about>an?\s+(?:[\d.]+\s*(?:%|per\s*cent|percent)\s+|minority\s+|majority\s+)?stake)\s+in\b`),
		Object:  objAfter, About: aboutGroup},

	// ACQUIRED — no CAMEO code.
	{ID: "acquire.verb", Type: tradegraph.Acquired, Strength: 0.9,
		Trigger: re(`(?:acquir(?:e|es|ed|ing)|bought|buy(?:s|ing)?|purchas(?:e|es|ed|ing)|took\s+over|tak(?:e|es|ing)\s+over|tak(?:e|es|ing)\s+control\s+of|took\s+control\s+of|absorb(?:s|ed|ing)?|took\s+(?:full\s+|majority\s+)?ownership\s+of)\b`),
		Object:  objAfter, About: aboutNone},
	{ID: "acquire.noun", Type: tradegraph.Acquired, Strength: 0.8,
		Trigger: re(`(?:acquisition|takeover|purchase|buyout)\s+of\b`),
		Object:  objAfter, About: aboutNone, Nominal: true},

	{ID: "owns.unit", Type: tradegraph.Owns, Strength: 0.8,
		Trigger: re(`(?:units?|subsidiar(?:y|ies)|affiliates?|divisions?)\b`),
		Object:  objAfter, About: aboutNone, Nominal: true},

	// FOUNDED / OWNS stated with a verb; the appositive forms ("founder
	// of") come from mention roles.
	{ID: "founded.verb", Type: tradegraph.Founded, Strength: 0.9,
		Trigger: re(`(?:co-?)?(?:founds|founded|founding|establish(?:es|ed|ing)?|set\s+up)\b`),
		Object:  objAfter, About: aboutNone},
	{ID: "owns.verb", Type: tradegraph.Owns, Strength: 0.85,
		Trigger: re(`(?:own(?:s|ed)?)\b`),
		Object:  objAfter, About: aboutNone},
}
