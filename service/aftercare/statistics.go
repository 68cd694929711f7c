package aftercare

import (
	"context"
	"maps"
	"slices"

	"nintei/application"
	"nintei/civil"
	"nintei/registry"
	"nintei/store"
)

// statisticsItems are the items the statistics count answers of: the
// demo edition's server location (a choice) and availability target (a
// percentage, counted in bands). Other editions simply have no answers to
// them, and the page says none.
var statisticsItems = []struct {
	key, itemID string
	options     []string // the order answers are listed in; nil: bands of availability
}{
	{"location", "IPIOT-053", []string{"国内", "国外", "国内及び国外"}},
	{"availability", "IPIOT-036", nil},
}

// Statistics are the public registry's figures on today: services
// certified, renewed, revoked and ended per quarter, the median days from
// submission to decision, and the services in force by base service and
// by chosen published answers. Every count is the database's (SQL on the
// public projection); only the median and the bands are worked out here.
func (s *Aftercare) Statistics(ctx context.Context) (registry.Statistics, error) {
	today := s.Day()
	st := registry.Statistics{AsOf: today.String()}
	events, err := s.Store.RegistryEventCounts(ctx)
	if err != nil {
		return st, err
	}
	spans, err := s.Store.DecisionSpans(ctx)
	if err != nil {
		return st, err
	}
	st.Quarters = quarters(events, spans, today)
	bases, err := s.Store.RegistryBaseCounts(ctx, today.String(), application.Bases)
	if err != nil {
		return st, err
	}
	for _, b := range bases {
		if b.Key == "" {
			st.InForce = b.Count
		} else {
			st.Bases = append(st.Bases, registry.BaseCount{Base: b.Key, Count: b.Count})
		}
	}
	ids := make([]string, len(statisticsItems))
	for i, it := range statisticsItems {
		ids[i] = it.itemID
	}
	answers, err := s.Store.RegistryAnswerCounts(ctx, today.String(), ids)
	if err != nil {
		return st, err
	}
	st.Items = itemStats(answers)
	return st, nil
}

// quarters lays the event counts and decision spans out by quarter, from
// the first event's quarter to today's, with the running total of
// certifications.
func quarters(events []store.QuarterCount, spans []store.DecisionSpan, today civil.Date) []registry.QuarterStats {
	if len(events) == 0 {
		return []registry.QuarterStats{} // an empty list, not null, in the JSON
	}
	first := registry.Quarter(events[0].Year, events[0].Quarter)
	byQuarter := map[string]*registry.QuarterStats{}
	var out []registry.QuarterStats
	for _, q := range registry.QuarterRange(first, registry.QuarterOf(today)) {
		out = append(out, registry.QuarterStats{Quarter: q})
	}
	for i := range out {
		byQuarter[out[i].Quarter] = &out[i]
	}
	for _, e := range events {
		q, ok := byQuarter[registry.Quarter(e.Year, e.Quarter)]
		if !ok {
			continue // an event dated after today (none is; a guard)
		}
		switch e.Kind {
		case "certified":
			q.Certified += e.Count
		case "renewed":
			q.Renewed += e.Count
		case "revoked":
			q.Revoked += e.Count
		default: // expired, terminated, lapsed
			q.Ended += e.Count
		}
	}
	days := map[string][]int{}
	for _, sp := range spans {
		d, err := civil.Parse(sp.DecidedOn)
		if err != nil {
			continue
		}
		// A decision before its submission is no span of a review: a
		// certification recorded with an earlier day than its application
		// (seeded or back-dated data). It is left out rather than counted
		// as negative days.
		if n := registry.DaysToDecision(sp.SubmittedAt, d); n >= 0 {
			days[registry.QuarterOf(d)] = append(days[registry.QuarterOf(d)], n)
		}
	}
	total := 0
	for i := range out {
		total += out[i].Certified
		out[i].CertifiedCumulative = total
		out[i].Decisions, out[i].MedianDays = len(days[out[i].Quarter]), registry.Median(days[out[i].Quarter])
	}
	return out
}

// itemStats lists each counted item's answers in option order (or the
// availability bands, highest first), with zeros for answers no one gave.
func itemStats(counts []store.FacetCount) []registry.ItemStats {
	var out []registry.ItemStats
	for _, it := range statisticsItems {
		got := map[string]int{}
		for _, c := range counts {
			if c.Key != it.itemID {
				continue
			}
			if it.options == nil {
				got[registry.AvailabilityBucket(c.Value)] += c.Count
			} else {
				got[c.Value] += c.Count
			}
		}
		order := it.options
		if order == nil {
			order = []string{"ge_99.99", "ge_99.9", "ge_99.5", "lt_99.5", "other"}
		}
		is := registry.ItemStats{Key: it.key, ItemID: it.itemID}
		for _, o := range order {
			is.Answers = append(is.Answers, registry.AnswerCount{Answer: o, Count: got[o]})
			delete(got, o)
		}
		for _, v := range slices.Sorted(maps.Keys(got)) { // an answer outside the options (an older edition's wording)
			is.Answers = append(is.Answers, registry.AnswerCount{Answer: v, Count: got[v]})
		}
		out = append(out, is)
	}
	return out
}
