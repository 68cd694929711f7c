package aftercare

import (
	"context"
	"maps"
	"slices"

	"nintei"
	"nintei/application"
	"nintei/catalog"
	"nintei/civil"
	"nintei/registry"
	"nintei/store"
)

// statisticsItem is an item of the current edition whose published
// answers the statistics count: every choice item (by option) and every
// percentage item (by band). Which ones is the catalog's to say, as data:
// an edition with other items of these types gets their figures.
type statisticsItem struct {
	item    catalog.Item
	options []string // the order answers are listed in
}

// statisticsItems are the counted items of the current edition, in its
// order; none when there is no edition yet.
func (s *Aftercare) statisticsItems(ctx context.Context) ([]statisticsItem, error) {
	row, err := s.CurrentEdition(ctx, "")
	if nintei.KindOf(err) == nintei.KindConflict {
		return nil, nil // no edition installed yet: nothing to count
	} else if err != nil {
		return nil, err
	}
	_, ed, err := s.Edition(ctx, row.ID)
	if err != nil {
		return nil, err
	}
	var out []statisticsItem
	for _, it := range ed.Items {
		switch it.Answer.Type {
		case catalog.TypeChoice:
			out = append(out, statisticsItem{item: it, options: it.Answer.Options})
		case catalog.TypePercent:
			out = append(out, statisticsItem{item: it, options: registry.PercentBandKeys()})
		}
	}
	return out, nil
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
	items, err := s.statisticsItems(ctx)
	if err != nil {
		return st, err
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.item.ID
	}
	answers, err := s.Store.RegistryAnswerCounts(ctx, today.String(), ids)
	if err != nil {
		return st, err
	}
	st.Items = itemStats(items, answers)
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
// percentage bands, highest first), with zeros for answers no one gave.
func itemStats(items []statisticsItem, counts []store.FacetCount) []registry.ItemStats {
	out := []registry.ItemStats{}
	for _, it := range items {
		percent := it.item.Answer.Type == catalog.TypePercent
		got := map[string]int{}
		for _, c := range counts {
			if c.Key != it.item.ID {
				continue
			}
			if percent {
				got[registry.PercentBand(c.Value)] += c.Count
			} else {
				got[c.Value] += c.Count
			}
		}
		is := registry.ItemStats{ItemID: it.item.ID, NameJA: it.item.NameJA, NameEN: it.item.NameEN, Kind: string(it.item.Answer.Type)}
		for _, o := range it.options {
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
