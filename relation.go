package tradegraph

import "slices"

// RelationType is the type of a relation; it doubles as the Neo4j
// relationship type. Only the constants below are valid, which is what lets
// the Neo4j store put a type into Cypher text safely.
type RelationType string

// The relation types of DESIGN.md §2. In every relation From acts on To.
const (
	Requested         RelationType = "REQUESTED"
	Banned            RelationType = "BANNED"
	RestrictedExports RelationType = "RESTRICTED_EXPORTS"
	Sanctioned        RelationType = "SANCTIONED"
	ImposedTariff     RelationType = "IMPOSED_TARIFF"
	RelocatedTo       RelationType = "RELOCATED_TO"
	MetWith           RelationType = "MET_WITH"
	AgreedWith        RelationType = "AGREED_WITH"
	Criticized        RelationType = "CRITICIZED"
	InvestedIn        RelationType = "INVESTED_IN"
	Acquired          RelationType = "ACQUIRED"
	HoldsRole         RelationType = "HOLDS_ROLE"
	PartOf            RelationType = "PART_OF"
	Founded           RelationType = "FOUNDED"
	Owns              RelationType = "OWNS"
)

// RelationTypes lists every relation type in a fixed order.
var RelationTypes = []RelationType{
	Requested, Banned, RestrictedExports, Sanctioned, ImposedTariff,
	RelocatedTo, MetWith, AgreedWith, Criticized, InvestedIn, Acquired,
	HoldsRole, PartOf, Founded, Owns,
}

// Valid reports whether t is one of RelationTypes.
func (t RelationType) Valid() bool { return slices.Contains(RelationTypes, t) }

// Symmetric reports whether the relation reads the same both ways (met
// with, agreed with). The loader stores a symmetric relation once, from the
// actor whose id sorts first.
func (t RelationType) Symmetric() bool { return t == MetWith || t == AgreedWith }

// Cameo is the CAMEO event code the type maps to by default, or "" for
// types CAMEO has no code for (roles, ownership). Rules may pick a more
// specific code.
func (t RelationType) Cameo() string {
	switch t {
	case Requested:
		return "020"
	case Banned, RestrictedExports, Sanctioned:
		return "163"
	case ImposedTariff:
		return "172"
	case MetWith:
		return "040"
	case AgreedWith:
		return "057"
	case Criticized:
		return "111"
	case InvestedIn:
		return "061"
	}
	return ""
}

// Relation is an edge of the graph: one claim, from one article, that From
// did something to To. The same claim in two articles is two relations.
type Relation struct {
	// ID is derived from (Type, From, To, Article); see RelationID.
	ID   string
	Type RelationType
	From string
	To   string
	// Article is the id of the article the claim comes from.
	Article string
	// Evidence is the sentence that supports the claim and Span its
	// character offsets in the article text, counted in Unicode code points
	// (not bytes), end exclusive.
	Evidence string
	Span     [2]int
	// About is the object phrase ("seafood imports", the title of a role).
	About string
	// Concerning lists ids of third actors the action is aimed at or about.
	Concerning []string
	// Hedged is set when the text only reports the claim ("reportedly",
	// "allegedly", "according to", "said to").
	Hedged     bool
	Confidence float64
	// ReportedBy is the id of the outlet the text attributes the claim to.
	ReportedBy string
	// Date is the event date if the text states one, else the article's
	// publication date, as YYYY-MM-DD; "" when neither is known.
	Date  string
	Cameo string
	// Rule is the id of the extraction rule that produced the relation.
	Rule string
}

// Cited is the evidence of a relation as a reader shows it: the sentence
// and where it stands in the article text, in code points, end exclusive.
type Cited struct {
	Sentence   string
	Start, End int
}

// Cited returns the relation's evidence sentence with its span.
func (r *Relation) Cited() Cited {
	return Cited{Sentence: r.Evidence, Start: r.Span[0], End: r.Span[1]}
}

// RelationFilter selects relations. Zero fields do not filter.
type RelationFilter struct {
	Types []RelationType
	// From and To select by actor id; Actor selects relations with that
	// actor at either end.
	From    string
	To      string
	Actor   string
	Article string
	Hedged  *bool
	// Since and Until bound Date, inclusive, as YYYY-MM-DD. A relation
	// without a date is left out when either is set.
	Since string
	Until string
	// Outlet selects relations from articles of that outlet (the
	// Article.Outlet string, exactly).
	Outlet string
	// MinConfidence selects relations with at least this confidence; a
	// value outside 0..1 (or not a number) is an EINVALID error.
	MinConfidence float64
	// Country selects relations with an actor of that country (ISO 3166
	// alpha-2, Actor.Country) at either end.
	Country string
	// Order sorts the list (by id when empty); Paging picks the page.
	Order RelationOrder
	Paging
}
