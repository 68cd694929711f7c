package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"unicode"
)

// The cached search scenario asks six words, so every request after the
// first is answered from the cache; a person types words nobody typed
// before and a crawler asks thousands. The distinct-words scenario asks a
// stream of words drawn from the published answers (1–4 characters) and
// words that match nothing, each once until the stream runs out, so that
// it measures the search itself.

// wordScenarios are "words" at the connections given and "words 1 conn",
// each with its own half of the stream: the single client must not find
// the words the many connections already asked in the cache.
func wordScenarios(base string, numbers []string, n int) ([]scenario, []*wordStream, error) {
	words, err := distinctWords(base, numbers, n)
	if err != nil {
		return nil, nil, err
	}
	half := len(words) / 2
	many, one := &wordStream{name: "words", words: words[:half]}, &wordStream{name: "words 1 conn", words: words[half:]}
	return []scenario{{name: many.name, path: many.path}, {name: one.name, path: one.path, conns: 1}}, []*wordStream{many, one}, nil
}

// distinctWords draws up to want distinct words of 1–4 characters from the
// published answers of the sampled services, and adds one word in ten that
// matches nothing, shuffled.
func distinctWords(base string, numbers []string, want int) ([]string, error) {
	r := rand.New(rand.NewPCG(3, 4)) // #nosec G404 -- picks words for a load test; nothing secret
	var texts []string
	for i := 0; i < min(len(numbers), 200); i++ {
		t, err := answerTexts(base, numbers[r.IntN(len(numbers))])
		if err != nil {
			return nil, err
		}
		texts = append(texts, t...)
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("no published answers to draw words from")
	}
	seen := map[string]bool{}
	var out []string
	for tries := 0; len(out) < want*9/10 && tries < want*200; tries++ {
		w := substringOf(r, texts[r.IntN(len(texts))], 1+r.IntN(4))
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for len(out) < want {
		out = append(out, nonWord(r))
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, nil
}

// substringOf is n characters of text from a random place, or "" when they
// hold white space (a search word has none).
func substringOf(r *rand.Rand, text string, n int) string {
	rs := []rune(text)
	if len(rs) < n {
		return ""
	}
	at := r.IntN(len(rs) - n + 1)
	w := string(rs[at : at+n])
	if strings.IndexFunc(w, unicode.IsSpace) >= 0 {
		return ""
	}
	return w
}

// nonWord is a word no published answer holds: three letters of an old
// script no form asks for.
func nonWord(r *rand.Rand) string {
	var b strings.Builder
	for range 3 {
		b.WriteRune(rune(0x16A0 + r.IntN(80))) // #nosec G115 -- below 0x16F0: runic letters
	}
	return b.String()
}

// answerTexts reads one service's published answers from the public API.
func answerTexts(base, number string) ([]string, error) {
	resp, err := http.Get(base + "/api/v1/registry/" + url.PathEscape(number))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var body struct {
		Service struct {
			Items []struct {
				Answer string `json:"answer"`
			} `json:"items"`
		} `json:"service"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("service %s: %w", number, err)
	}
	var out []string
	for _, it := range body.Service.Items {
		if it.Answer != "" {
			out = append(out, it.Answer)
		}
	}
	return out, nil
}

// wordStream hands out the words in turn to every connection, so that each
// is asked once until the stream runs out; asked counts the requests, so
// the report can say when words began to repeat.
type wordStream struct {
	name  string
	words []string
	asked atomic.Int64
}

func (s *wordStream) path(*rand.Rand) string {
	i := s.asked.Add(1) - 1
	return "/registry?q=" + url.QueryEscape(s.words[int(i%int64(len(s.words)))])
}

// repeated is how many requests asked a word already asked.
func (s *wordStream) repeated() int64 { return max(0, s.asked.Load()-int64(len(s.words))) }
