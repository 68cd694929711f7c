package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"nintei/internal/i18n"
)

// TestCrawlEveryPageEveryRole logs in to the demo as each role (and as
// nobody), follows every same-origin link it can reach with GET, and reads
// every Japanese page as its person would. It fails on what a reader must
// never see: a rule ID, the placeholder 「次の段階」, a raw message
// key, an English word outside the proper nouns and abbreviations of the
// trade, and a date written in another style than 2026年12月7日.
//
// It uses plain HTTP, not the browser: it reads what the server sends, for
// every page, in seconds.
func TestCrawlEveryPageEveryRole(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the full demo")
	}
	srvCtx, stop := context.WithCancel(context.Background())
	done := startServer(t, srvCtx, []string{"demo", "--data-dir", t.TempDir(), "--addr", "127.0.0.1:0"})
	t.Cleanup(func() { stop(); <-done })
	base := serverURL
	keys := i18n.MustLoad().Keys()

	logins := []string{"", "owner@hokuto-data.example.jp", "member@tsubame-iot.example.jp",
		"jimukyoku@nintei.example.jp", "shinsa@nintei.example.jp", "iin@nintei.example.jp", "admin@nintei.example.jp"}
	for _, email := range logins {
		name := email
		if name == "" {
			name = "public"
		}
		t.Run(name, func(t *testing.T) {
			c := crawlClient(t, base, email)
			found := crawl(t, c, base, name, keys)
			for _, f := range found {
				t.Error(f)
			}
		})
	}
}

// crawlLimit bounds the pages read per role, and perShape the pages of
// one shape (/applications/N/form-b?section=…): three applications show
// what thirty would, in a tenth of the time.
const (
	crawlLimit = 1500
	perShape   = 3
)

var digitsRE = regexp.MustCompile(`[0-9]+`)

// pageShape is a link with its numbers and query values blanked out.
func pageShape(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	p, _ := url.PathUnescape(u.Path)
	return digitsRE.ReplaceAllString(p, "N") + "?" + strings.Join(keys, "&")
}

func crawlClient(t *testing.T, base, email string) *http.Client {
	jar, err := cookiejar.New(nil)
	must(t, err)
	c := &http.Client{Jar: jar}
	if email == "" {
		return c
	}
	body := get(t, c, base+"/login")
	token := ""
	if m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(body); m != nil {
		token = html.UnescapeString(m[1])
	}
	form := url.Values{"email": {email}, "password": {"nintei-demo-2026"}, "csrf_token": {token}, "next": {"/dashboard"}}
	req, err := http.NewRequest("POST", base+"/login", strings.NewReader(form.Encode()))
	must(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err := c.Do(req)
	must(t, err)
	resp.Body.Close()
	if resp.Request.URL.Path == "/login" {
		t.Fatalf("login as %s failed (%d)", email, resp.StatusCode)
	}
	return c
}

func get(t *testing.T, c *http.Client, u string) string {
	resp, err := c.Get(u)
	must(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(t, err)
	return string(b)
}

// crawl reads pages breadth-first from the home page and the dashboard and
// returns one line per finding.
func crawl(t *testing.T, c *http.Client, base, role string, keys []string) []string {
	queue := []string{"/", "/dashboard"}
	seen := map[string]bool{"/": true, "/dashboard": true}
	shapes := map[string]int{}
	var findings []string
	pages := 0
	for len(queue) > 0 && pages < crawlLimit {
		p := queue[0]
		queue = queue[1:]
		body, status, ok := fetchPage(t, c, base+p)
		if !ok {
			continue
		}
		pages++
		savePage(t, role, p, body)
		if status >= 400 {
			findings = append(findings, fmt.Sprintf("%s: status %d", p, status))
		}
		for _, f := range readPage(body, keys) {
			findings = append(findings, p+": "+f)
		}
		for _, link := range pageLinks(body) {
			if seen[link] || shapes[pageShape(link)] >= perShape {
				continue
			}
			seen[link] = true
			shapes[pageShape(link)]++
			queue = append(queue, link)
		}
	}
	t.Logf("%d pages read", pages)
	return findings
}

// fetchPage GETs a page and returns its body and status when it is a
// Japanese HTML page.
func fetchPage(t *testing.T, c *http.Client, u string) (string, int, bool) {
	resp, err := c.Get(u)
	must(t, err)
	defer resp.Body.Close()
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		return "", resp.StatusCode, false
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	must(t, err)
	body := string(b)
	return body, resp.StatusCode, strings.Contains(body, `<html lang="ja"`)
}

var hrefRE = regexp.MustCompile(`<a\b[^>]*\bhref="([^"]+)"`)

// skipLink is a link the crawl does not follow: files, feeds and the API
// are not pages, the language switch leaves Japanese, and the date control
// of the demo would move the clock under the crawl.
func skipLink(p string) bool {
	for _, prefix := range []string{"/api/", "/static/", "/metrics", "/logout", "/demo/"} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	for _, ext := range []string{".pdf", ".png", ".svg", ".csv", ".xlsx", ".zip", ".xml", ".json", ".atom", ".eml", ".txt"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return strings.Contains(p, "lang=") || strings.Contains(p, "/download") || strings.Contains(p, "/files/") ||
		strings.Contains(p, "/feed") || strings.Contains(p, "/export")
}

func pageLinks(body string) []string {
	var out []string
	for _, m := range hrefRE.FindAllStringSubmatch(body, -1) {
		u, err := url.Parse(html.UnescapeString(m[1]))
		if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(u.Path, "/") || skipLink(u.Path) || skipLink(u.RawQuery) {
			continue
		}
		u.Fragment = ""
		out = append(out, u.String())
	}
	return out
}

var (
	scriptRE   = regexp.MustCompile(`(?s)<(script|style|template|svg|code|textarea)\b.*?</(script|style|template|svg|code|textarea)>`)
	urlRE      = regexp.MustCompile(`(https?://|mailto:)\S+|[\w.+-]+@[\w.-]+|\b[\w-]+(\.[\w-]+)*\.(jp|com|net|org|example)\b|\.(pdf|png|jpe?g|xlsx|csv|svg|zip|txt)\b|(^|[^\w])/[a-z0-9/._{}-]+`)
	tagRE      = regexp.MustCompile(`(?s)<[^>]*>`)
	ruleIDRE   = regexp.MustCompile(`\bR-\d+(\.\d+)*`)
	isoDateRE  = regexp.MustCompile(`\b(19|20)\d\d[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])\b`)
	asciiWord  = regexp.MustCompile(`[A-Za-z][A-Za-z'’]+`)
	messageKey = regexp.MustCompile(`\b[a-z][a-z0-9_]*(\.[a-z0-9_]+){1,}\b`)
)

// visibleText is the text a person reads: the page without its scripts,
// styles, pictures (the mark is an SVG whose date is part of the design) and
// tags, entities decoded. Text in <code> is an identifier shown on purpose
// (a digest, a number prefix, a token), not prose, and is left out too, as
// is a <textarea>'s: what someone typed, or HTML to copy (the badge's).
// Attribute values such as aria-label are read by screen readers too; the
// words in them come from the same catalog, so the visible text is where a
// stray word shows.
func visibleText(body string) string {
	if i := strings.Index(body, "<body"); i >= 0 {
		body = body[i:]
	}
	body = scriptRE.ReplaceAllString(body, " ")
	return html.UnescapeString(tagRE.ReplaceAllString(body, " "))
}

func readPage(body string, keys []string) []string {
	text := visibleText(body)
	var out []string
	if m := ruleIDRE.FindString(text); m != "" {
		out = append(out, "rule ID "+m)
	}
	if strings.Contains(text, "次の段階") {
		out = append(out, "placeholder 次の段階")
	}
	for _, m := range messageKey.FindAllString(text, -1) {
		if slices.Contains(keys, m) {
			out = append(out, "message key "+m)
		}
	}
	if m := isoDateRE.FindString(text); m != "" {
		out = append(out, "date "+m+" in "+around(text, m))
	}
	if words := englishWords(text); len(words) > 0 {
		out = append(out, fmt.Sprintf("English %q in %s", words, around(urlRE.ReplaceAllString(text, " "), words[0])))
	}
	return out
}

// properWords are the Latin-script words a Japanese page may show: names
// of schemes, standards and formats, the trade's abbreviations, and the
// demo's proper nouns (company names, product names, addresses written in
// Latin letters by their owners).
var properWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		IaaS PaaS SaaS ASP IoT ISMS ISMAP ISO IEC JIS SOC CSA STAR FedRAMP NIST PCI DSS TLS SSL VPN API URL URI HTTP HTTPS
		PDF CSV XLSX Excel Word ZIP PNG JPEG SVG Atom RSS JSON ID No Q A SLA SLO RPO RTO DR BCP CEO CTO CISO
		GB TB MB KB Gbps Mbps ms CPU GPU OS AWS Azure Google Cloud Linux Windows Web web mail e-mail E-mail
		nintei Nintei English Webhook KiB MiB GiB IP Sigfox Type ASPIC FISC JPCERT CSIRT SOC2 NISC MFA SSO SAML OIDC OAuth IPv IPv4 IPv6 DNS DDoS WAF IDS IPS
		SMTP SLA24 LTE MQTT CoAP Wi Fi LoRaWAN NTT KDDI Tokyo Osaka Co Ltd Inc Corp LLC KK TEL FAX
		`) {
		properWords[w] = true
	}
}

// around is the text near the first s in text, for a finding's message.
func around(text, s string) string {
	i := strings.Index(text, s)
	if i < 0 {
		return ""
	}
	r := []rune(text[:i])
	from := max(0, len(r)-20)
	after := []rune(text[i:])
	return strconv.Quote(strings.Join(strings.Fields(string(r[from:])+string(after[:min(len(after), len([]rune(s))+20)])), " "))
}

func englishWords(text string) []string {
	text = urlRE.ReplaceAllString(text, " ")
	set := map[string]bool{}
	for _, w := range asciiWord.FindAllString(text, -1) {
		if !properWords[w] && !isAcronym(w) {
			set[w] = true
		}
	}
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	sort.Strings(words)
	return words
}

// isAcronym: an all-capitals word of up to six letters is an abbreviation
// (a product or standard), not an English sentence.
func isAcronym(w string) bool {
	return len(w) <= 6 && strings.ToUpper(w) == w
}
