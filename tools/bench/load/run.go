package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// scenario produces request paths.
type scenario struct {
	name  string
	path  func(r *rand.Rand) string
	conns int // 0: the --conns given
}

func run(bases []string, conns int, dur time.Duration, pids []string, only string, skewed, warm bool, nWords int, st *staticServer) error {
	base := bases[0]
	numbers, err := sampleNumbers(base)
	if err != nil {
		return err
	}
	if len(numbers) < 5 {
		return fmt.Errorf("the registry holds %d services; seed it first (bench/seed)", len(numbers))
	}
	pick := func(r *rand.Rand) string { return numbers[r.IntN(len(numbers))] }
	if skewed {
		// Popularity as on real sites: the k-th service is asked for about
		// 1/k as often (log-uniform ranks, Zipf with s≈1).
		pick = func(r *rand.Rand) string { return numbers[int(math.Pow(float64(len(numbers)), r.Float64()))-1] }
	}
	queries := []string{"監視", "認証", "物流", "医療", "工場", "防災"}
	scenarios := []scenario{
		{"list", func(r *rand.Rand) string { return fmt.Sprintf("/registry?page=%d", 1+r.IntN(20)) }, 0},
		{"service page", func(r *rand.Rand) string { return "/registry/" + url.PathEscape(pick(r)) }, 0},
		{"search", func(r *rand.Rand) string { return "/registry?q=" + url.QueryEscape(queries[r.IntN(len(queries))]) }, 0},
		{"compare 5", func(r *rand.Rand) string {
			v := url.Values{}
			for range 5 {
				v.Add("n", pick(r))
			}
			return "/compare?" + v.Encode()
		}, 0},
		{"verify", func(r *rand.Rand) string { return "/verify/" + url.PathEscape(pick(r)) }, 0},
	}
	var streams []*wordStream
	if only == "" || strings.Contains(only, "words") {
		more, st, err := wordScenarios(base, numbers, nWords)
		if err != nil {
			return err
		}
		scenarios, streams = append(scenarios, more...), st
	}
	if warm {
		warmUp(bases, numbers, conns)
	}
	fmt.Printf("static baseline: %s\n", st.name)
	fmt.Printf("%-13s %10s %9s %9s | %12s %9s | %s\n", "scenario", "req/s", "p50 ms", "p99 ms", "static req/s", "p99 ms", "ratio")
	for _, sc := range scenarios {
		if only != "" && !slices.Contains(strings.Split(only, ","), sc.name) {
			continue
		}
		if err := measure(bases, sc, conns, dur, st); err != nil {
			return err
		}
	}
	for _, ws := range streams {
		if ws.asked.Load() > 0 {
			fmt.Printf("%s: %d distinct words (1–4 characters from published answers, 1 in 10 matching nothing), %d requests, %d of them repeats\n",
				ws.name, len(ws.words), ws.asked.Load(), ws.repeated())
		}
	}
	return printRSS(pids)
}

// printRSS prints each server's peak RSS.
func printRSS(pids []string) error {
	for _, pid := range pids {
		n, err := strconv.Atoi(pid)
		if err != nil {
			return fmt.Errorf("--pid %q: %w", pid, err)
		}
		fmt.Printf("server %d peak RSS: %s\n", n, peakRSS(n))
	}
	return nil
}

// measure runs one scenario and its static baseline and prints the line.
func measure(bases []string, sc scenario, conns int, dur time.Duration, st *staticServer) error {
	if sc.conns > 0 {
		conns = sc.conns
	}
	res := load(bases, sc.path, conns, dur)
	static, err := st.baseline(bases[0], sc.path, conns, dur)
	if err != nil {
		return err
	}
	fmt.Printf("%-13s %10.0f %9.2f %9.2f | %12.0f %9.2f | %5.1f %%", sc.name, res.rps, ms(res.p50), ms(res.p99),
		static.rps, ms(static.p99), 100*res.rps/static.rps)
	if len(res.failed) > 0 {
		fmt.Printf("  not counted: %v", res.failed) // only 200s are measured; say what else came back
	}
	fmt.Println()
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

type result struct {
	rps      float64
	p50, p99 time.Duration
	failed   map[string]int // answers other than 200 (by status) and transport errors
}

// load runs conns workers for dur, worker w against bases[w mod len]+path(...).
func load(bases []string, path func(*rand.Rand) string, conns int, dur time.Duration) result {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}, Timeout: 30 * time.Second}
	var mu sync.Mutex
	var lat []time.Duration
	failed := map[string]int{}
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	for w := range conns {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			base := bases[int(seed)%len(bases)] // #nosec G115 -- seed is a worker index, far below MaxInt
			r := rand.New(rand.NewPCG(seed, 7)) // #nosec G404 -- picks pages for a load test; nothing secret
			var mine []time.Duration
			myFailed := map[string]int{}
			for time.Now().Before(deadline) {
				start := time.Now()
				resp, err := client.Get(base + path(r))
				if err != nil {
					myFailed["error"]++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					mine = append(mine, time.Since(start))
				} else {
					myFailed[strconv.Itoa(resp.StatusCode)]++
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			for k, v := range myFailed {
				failed[k] += v
			}
			mu.Unlock()
		}(uint64(w))
	}
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) == 0 {
		return result{failed: failed}
	}
	return result{rps: float64(len(lat)) / dur.Seconds(), p50: lat[len(lat)/2], p99: lat[len(lat)*99/100], failed: failed}
}

// warmUp visits every sampled service's page, verification and
// one-service comparison once on every server (each keeps its own cache),
// as the first visitors (or a search engine's crawler) would after a
// publication, and prints how fast those cold requests were answered. The
// measured runs then show the steady state.
func warmUp(bases []string, numbers []string, conns int) {
	if len(bases) > 1 {
		for _, b := range bases {
			warmUp([]string{b}, numbers, conns)
		}
		return
	}
	for _, kind := range []struct{ name, prefix string }{
		{"service page", "/registry/"}, {"verify", "/verify/"}, {"compare 1", "/compare?n="},
	} {
		next := make(chan string)
		go func() {
			for _, n := range numbers {
				if kind.prefix == "/compare?n=" {
					next <- kind.prefix + url.QueryEscape(n)
				} else {
					next <- kind.prefix + url.PathEscape(n)
				}
			}
			close(next)
		}()
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}, Timeout: 30 * time.Second}
		start := time.Now()
		var wg sync.WaitGroup
		for w := range conns {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for p := range next {
					if resp, err := client.Get(bases[w%len(bases)] + p); err == nil {
						_, _ = io.Copy(io.Discard, resp.Body)
						_ = resp.Body.Close()
					}
				}
			}()
		}
		wg.Wait()
		took := time.Since(start)
		fmt.Printf("warm-up: %d × %s (cold) in %.1f s, %.0f req/s\n", len(numbers), kind.name, took.Seconds(), float64(len(numbers))/took.Seconds())
	}
}

// staticServer is where the baseline's files are served from: a directory
// a web server started by bench/run.sh serves (nginx) at url, or, when
// dir is empty, a minimal Go file server started here.
type staticServer struct {
	dir, url, name string
	n              int // scenarios saved so far, one subdirectory each
}

// baseline saves a few responses of the scenario to disk and serves them
// as static files: the same bytes, none of the work.
func (st *staticServer) baseline(base string, path func(*rand.Rand) string, conns int, dur time.Duration) (result, error) {
	dir := st.dir
	if dir == "" {
		d, err := os.MkdirTemp("", "nintei-static-")
		if err != nil {
			return result{}, err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	st.n++
	sub := strconv.Itoa(st.n)
	if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil { // #nosec G301 -- the web server's workers read it
		return result{}, err
	}
	r := rand.New(rand.NewPCG(1, 2)) // #nosec G404 -- picks pages for a load test; nothing secret
	const files = 20
	for i := range files {
		resp, err := http.Get(base + path(r))
		if err != nil {
			return result{}, err
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err := os.WriteFile(filepath.Join(dir, sub, fmt.Sprintf("%d.html", i)), body, 0o644); err != nil { // #nosec G306 -- public pages, read by the web server
			return result{}, err
		}
	}
	staticPath := func(r *rand.Rand) string { return fmt.Sprintf("/%s/%d.html", sub, r.IntN(files)) }
	if st.dir != "" {
		return load([]string{st.url}, staticPath, conns, dur), nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return result{}, err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	return load([]string{"http://" + ln.Addr().String()}, staticPath, conns, dur), nil
}

// sampleNumbers reads certificate numbers from the public API.
// sampleNumbers reads up to 10,000 certificate numbers spread evenly over
// the whole registry, so that service pages, comparisons and verifications
// are drawn from all of it and not from a first page a cache would hold.
func sampleNumbers(base string) ([]string, error) {
	const perPage, maxPages = 200, 50
	var out []string
	totalPages := 1 // until the first answer says
	for i := 0; i < min(totalPages, maxPages); i++ {
		page := 1 + i*totalPages/min(totalPages, maxPages) // every page, or 50 spread evenly
		resp, err := http.Get(fmt.Sprintf("%s/api/v1/registry?per_page=%d&page=%d", base, perPage, page))
		if err != nil {
			return nil, err
		}
		var body struct {
			Items []struct {
				Number string `json:"number"`
			} `json:"items"`
			Total int `json:"total"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		_ = resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if i == 0 {
			totalPages = max(1, (body.Total+perPage-1)/perPage)
		}
		for _, it := range body.Items {
			out = append(out, it.Number)
		}
	}
	return out, nil
}

func peakRSS(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
