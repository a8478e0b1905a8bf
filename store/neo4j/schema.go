package neo4j

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/tradegraph/tradegraph"
)

// searchIndex is the name of the full-text index over actor names.
const searchIndex = "actor_names"

// identifier matches the labels and relationship types this package puts
// into Cypher text. They all come from tradegraph's fixed lists; the check
// at start-up keeps a future entry from slipping past unquoted.
var identifier = regexp.MustCompile(`^[A-Z][A-Za-z_]*$`)

func init() {
	for _, k := range tradegraph.ActorKinds {
		if !identifier.MatchString(string(k)) {
			panic(fmt.Sprintf("neo4j: actor kind %q cannot be a label", k))
		}
	}
	for _, t := range tradegraph.RelationTypes {
		if !identifier.MatchString(string(t)) {
			panic(fmt.Sprintf("neo4j: relation type %q cannot be a relationship type", t))
		}
	}
}

// schema lists the statements that create the constraints and indexes.
// IF NOT EXISTS makes running them again, from any number of processes, a
// no-op.
func schema() []string {
	stmts := []string{
		`CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE`,
		`CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE`,
		`CREATE CONSTRAINT actor_merge_id IF NOT EXISTS FOR (m:ActorMerge) REQUIRE m.id IS UNIQUE`,
		`CREATE INDEX actor_merge_into IF NOT EXISTS FOR (m:ActorMerge) ON (m.into)`,
		`CREATE INDEX actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country)`,
		`CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published)`,
		`CREATE INDEX article_outlet IF NOT EXISTS FOR (a:Article) ON (a.outlet)`,
		// The orders of lists read these composite indexes in order: sort
		// key first, then id, which breaks ties.
		`CREATE INDEX actor_name_id IF NOT EXISTS FOR (a:Actor) ON (a.name, a.id)`,
		`CREATE INDEX actor_degree_id IF NOT EXISTS FOR (a:Actor) ON (a.degree, a.id)`,
		`CREATE INDEX article_published_id IF NOT EXISTS FOR (a:Article) ON (a.published, a.id)`,
		`CREATE FULLTEXT INDEX ` + searchIndex + ` IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliases]`,
	}
	// Relationship property indexes are per type.
	for _, t := range tradegraph.RelationTypes {
		name := strings.ToLower(string(t))
		stmts = append(stmts,
			fmt.Sprintf(`CREATE CONSTRAINT %s_id IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE`, name, t),
			fmt.Sprintf(`CREATE INDEX %s_article IF NOT EXISTS FOR ()-[r:%s]-() ON (r.article)`, name, t),
			fmt.Sprintf(`CREATE INDEX %s_date IF NOT EXISTS FOR ()-[r:%s]-() ON (r.date)`, name, t),
			fmt.Sprintf(`CREATE INDEX %s_date_id IF NOT EXISTS FOR ()-[r:%s]-() ON (r.date, r.id)`, name, t),
			fmt.Sprintf(`CREATE INDEX %s_confidence_id IF NOT EXISTS FOR ()-[r:%s]-() ON (r.confidence, r.id)`, name, t),
		)
	}
	return stmts
}

// createSchema creates what schema lists and waits until the indexes are
// online, so that the first search finds what the first save wrote. Then
// it gives a degree to the actors stored before degrees were kept.
func (s *Store) createSchema(ctx context.Context) error {
	for _, stmt := range schema() {
		// A managed transaction each: the driver retries the transient
		// errors that two processes creating the schema at once can meet.
		err := write(ctx, s, func(ctx context.Context, tx neo4jdriver.ManagedTransaction) error {
			return exec(ctx, tx, stmt, nil)
		})
		var dbErr *neo4jdriver.Neo4jError
		if errors.As(err, &dbErr) && strings.HasSuffix(dbErr.Code, "AlreadyExists") {
			// Another process created it between IF NOT EXISTS and commit.
			continue
		}
		if err != nil {
			return fmt.Errorf("neo4j: create schema: %s: %w", stmt, err)
		}
	}
	session := s.session(ctx, neo4jdriver.AccessModeWrite)
	defer session.Close(context.WithoutCancel(ctx))
	res, err := session.Run(ctx, `CALL db.awaitIndexes(300)`, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("neo4j: wait for indexes: %w", ctxErr(ctx, err))
	}
	return s.fillMissingDegrees(ctx)
}
