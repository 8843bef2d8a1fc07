// Command newsgraph turns news articles into a knowledge graph and serves it
// over GraphQL.
//
//	newsgraph extract [--format json|nquads] FILE|DIR...
//	newsgraph eval [--gold DIR] FILE|DIR...
//	newsgraph train --bio DIR [--gold DIR FILE|DIR...] [-o FILE]
//	newsgraph ingest [--db PATH] [--shard I/N] FILE|DIR...
//	newsgraph serve [--db PATH] [--addr 127.0.0.1:8080]
//	newsgraph export [--db PATH | --server URL] --format nquads|jsonld|graphml|gexf|cytoscape|csv|csv-nodes|csv-edges|csv-evidence [--entity ID [--depth N]] [--neo4j] [-o FILE]
//	newsgraph import [--db PATH] FILE.nq
//	newsgraph delete [--db PATH] ARTICLE-ID...
//	newsgraph backup [--db PATH | --server URL --token T] -o FILE
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand: it parses its own flags from args.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"extract", "print the knowledge graph of articles as JSON Lines or N-Quads", runExtract},
		{"eval", "score extraction against gold annotations", runEval},
		{"train", "train the name tagger that extract embeds", runTrain},
		{"ingest", "extract articles and store them in the graph", runIngest},
		{"serve", "serve the graph over GraphQL, with the explorer at / and GraphiQL at /graphiql", runServe},
		{"export", "write the graph or a neighbourhood as nquads, jsonld, graphml, gexf, cytoscape or csv", runExport},
		{"import", "load an N-Quads export into the graph", runImport},
		{"delete", "take articles back out of the graph", runDelete},
		{"backup", "copy a bbolt store, also while a server holds it", runBackup},
	}
}

// errUsage marks an error in how the command was called (exit status 2).
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	logs := newRedacting(stderr, args)
	setLogging(slog.New(logs))
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage):
			if err != errUsage {
				fmt.Fprintf(stderr, "newsgraph %s: %s\n", c.name, logs.mask(err.Error()))
			}
			return 2
		default:
			fmt.Fprintf(stderr, "newsgraph %s: %s\n", c.name, logs.mask(err.Error()))
			return 1
		}
	}
	fmt.Fprintf(stderr, "newsgraph: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "newsgraph turns news articles into a knowledge graph and serves it over GraphQL.")
	fmt.Fprintln(w, "\nUsage: newsgraph COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'newsgraph COMMAND -h' for a command's flags.")
}
