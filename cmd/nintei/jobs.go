package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"nintei/store"
)

const jobsUsage = "usage: nintei jobs list [--state queued|running|done|dead] [--kind K] [--limit N] | jobs retry ID"

// cmdJobs handles `nintei jobs list` and `nintei jobs retry ID`: the
// background queue as the operator sees it, through the same use cases as
// the administrator's page (a retry is audited as the system's).
func cmdJobs(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		return errors.New(jobsUsage)
	}
	switch args[0] {
	case "list":
		return jobsList(ctx, e, args[1:])
	case "retry":
		return jobsRetry(ctx, e, args[1:])
	}
	return fmt.Errorf("unknown jobs command %q\n%s", args[0], jobsUsage)
}

func jobsList(ctx context.Context, e env, args []string) error {
	var state, kind string
	var limit int
	declare := func(fs *flag.FlagSet) {
		fs.StringVar(&state, "state", "", "queued, running, done or dead; empty for all")
		fs.StringVar(&kind, "kind", "", "only jobs of this kind (e.g. mail.send)")
		fs.IntVar(&limit, "limit", 50, "at most this many jobs, newest first (up to 500)")
	}
	a, _, err := openFromFlags(ctx, e, "nintei jobs list", args, declare)
	if err != nil {
		return err
	}
	defer a.Close()
	js, err := a.svc.ListJobs(ctx, nil, store.JobQuery{State: store.JobState(state), Kind: kind, Limit: limit})
	if err != nil {
		return explain(a.msgs, err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSTATE\tATTEMPTS\tRUN AT (UTC)\tLAST ERROR")
	for _, j := range js {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d/%d\t%s\t%s\n", j.ID, j.Kind, j.State, j.Attempts, j.MaxAttempts,
			j.RunAt.UTC().Format("2006-01-02 15:04:05"), oneLine(j.LastError, 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d job(s)\n", len(js))
	return nil
}

func jobsRetry(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: nintei jobs retry ID")
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil || id < 1 {
		return fmt.Errorf("jobs retry: %q is not a job ID\nusage: nintei jobs retry ID", args[0])
	}
	a, _, err := openFromFlags(ctx, e, "nintei jobs retry", args[1:])
	if err != nil {
		return err
	}
	defer a.Close()
	j, err := a.svc.RetryJob(ctx, nil, id)
	if err != nil {
		return explain(a.msgs, err)
	}
	fmt.Fprintf(e.stdout, "job %d (%s) queued again: %d attempts from now\n", j.ID, j.Kind, j.MaxAttempts)
	return nil
}

// oneLine is s on one line and cut to n characters, for a table cell.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
