package graph

// Hooks for the tests of package graph_test.

// GqlgenLists makes a handler leave every list to gqlgen, to compare what
// writeLists writes with what gqlgen would.
func GqlgenLists(o Options) Options {
	o.gqlgenLists = true
	return o
}

// CountListsWritten makes a handler call written for each list writeLists
// writes.
func CountListsWritten(o Options, written func()) Options {
	o.listWritten = written
	return o
}

// AppendQuoted is how writeLists writes a string.
var AppendQuoted = appendQuoted

// AppendFloat is how writeLists writes a float.
var AppendFloat = appendFloat

// AppendAnswer is how the POST transport writes an answer.
var AppendAnswer = appendAnswer

// PostJSON is the POST transport NewHandler uses.
var PostJSON = postJSON{}
