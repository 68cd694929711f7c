// Command load measures the public registry of a running nintei: requests
// per second and p50/p99 latency for the list, a service page, search,
// comparison of five and verification, each against a baseline measured in
// the same run — the same response bytes served from disk by a minimal
// static file server — with the ratio. Traffic goes to loopback only.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the nintei server (loopback); several, comma-separated, share the connections")
	conns := flag.Int("conns", 64, "concurrent connections")
	dur := flag.Duration("duration", 5*time.Second, "duration of each scenario")
	pid := flag.String("pid", "", "server process ids (comma-separated), to report their peak RSS")
	only := flag.String("only", "", "comma-separated scenarios to run (default all), e.g. list,search")
	warm := flag.Bool("warm-up", true, "first visit every sampled service's page, verification and comparison once (untimed; prints the cold rate)")
	skewed := flag.Bool("skewed", false, "draw services by popularity (Zipf-like) instead of uniformly")
	nWords := flag.Int("words", 20000, "distinct search words for the words scenarios (at least 2,000)")
	staticDir := flag.String("static-dir", "", "directory a static web server serves at --static-url (bench/run.sh starts nginx); empty: a Go file server in this process")
	staticURL := flag.String("static-url", "", "where that server serves --static-dir (loopback)")
	staticName := flag.String("static-name", "", "what that server is, for the report")
	flag.Parse()
	st := &staticServer{dir: *staticDir, url: *staticURL, name: *staticName}
	if st.dir == "" {
		st.name = "Go file server (net/http.FileServer), in the load process"
	} else if !strings.HasPrefix(st.url, "http://127.") {
		fmt.Fprintln(os.Stderr, "load: --static-url must be a loopback http:// address")
		os.Exit(2)
	}
	bases := strings.Split(*base, ",")
	for _, b := range bases {
		if !strings.HasPrefix(b, "http://127.") && !strings.HasPrefix(b, "http://localhost") {
			fmt.Fprintln(os.Stderr, "load: only loopback targets are allowed")
			os.Exit(2)
		}
	}
	var pids []string
	if *pid != "" {
		pids = strings.Split(*pid, ",")
	}
	if err := run(bases, *conns, *dur, pids, *only, *skewed, *warm, max(*nWords, 2000), st); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}
