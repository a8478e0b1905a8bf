package sqlite

import (
	"context"
	"fmt"

	"github.com/tradegraph/tradegraph"
)

var _ tradegraph.BatchSaver = (*Store)(nil)

// SaveExtractions saves xs in one transaction, each extraction inside a
// savepoint of its own, and returns one error per extraction, nil for
// those saved. Each is saved as SaveExtraction describes, in order, so an
// article listed twice keeps the later extraction.
//
// Invalid extractions get an EINVALID error and are not written. An
// extraction the database refuses is rolled back to its savepoint, alone,
// and gets the error; the others commit. When the transaction as a whole
// fails (it cannot begin or commit, ctx ends, or SQLite rolls it back
// itself), every extraction not refused already gets that error, and
// nothing of the batch is written.
func (s *Store) SaveExtractions(ctx context.Context, xs []*tradegraph.Extraction) []error {
	errs := make([]error, len(xs))
	valid := make([]*validExtraction, len(xs))
	n := 0
	for i, x := range xs {
		v, err := validate(x)
		if err != nil {
			errs[i] = err
			continue
		}
		valid[i] = v
		n++
	}
	if n == 0 {
		return errs
	}
	// failAll gives err to every valid extraction that has no error of its
	// own yet: the transaction they were in did not commit.
	failAll := func(err error) []error {
		for i, v := range valid {
			if v != nil && errs[i] == nil {
				errs[i] = fmt.Errorf("sqlite: save article %q: %w", v.article.ID, err)
			}
		}
		return errs
	}

	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return failAll(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	st, err := prepareSave(ctx, tx)
	if err != nil {
		return failAll(err)
	}
	for i, v := range valid {
		if v == nil {
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT article`); err != nil {
			return failAll(fmt.Errorf("savepoint: %w", err))
		}
		// Inside the transaction, so that no merge comes between.
		err := func() error {
			w, err := followMerges(ctx, tx, v)
			if err != nil {
				return err
			}
			return saveTx(ctx, st, w)
		}()
		if err != nil {
			if ctx.Err() != nil {
				return failAll(err)
			}
			// SQLite may have rolled back the whole transaction already (on
			// a full disk, say); the savepoint is then gone, and so is the
			// batch.
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO article`); rerr != nil {
				return failAll(fmt.Errorf("%w (rolling back to the article's savepoint: %w)", err, rerr))
			}
			errs[i] = fmt.Errorf("sqlite: save article %q: %w", v.article.ID, err)
		}
		if _, err := tx.ExecContext(ctx, `RELEASE article`); err != nil {
			return failAll(fmt.Errorf("release savepoint: %w", err))
		}
	}
	if err := tx.Commit(); err != nil {
		return failAll(fmt.Errorf("commit: %w", err))
	}
	return errs
}
