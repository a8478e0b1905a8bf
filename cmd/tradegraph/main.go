// Command tradegraph turns trade-policy news into a knowledge graph and
// serves it over GraphQL.
//
//	tradegraph serve            serve GraphQL, the playground and the explorer
//	tradegraph load PATH...     extract articles and store them
//	tradegraph extract PATH...  print what would be extracted, store nothing
//
// This is the one place that picks a store and wires the parts together.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "tradegraph:", err)
		}
		os.Exit(exitCode(err))
	}
}
