package searchindex

import (
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// order is one sort order of the entries as the database gives it (so that
// its collation decides, not Go's): the doc ids in order and each doc id's
// rank.
type order struct {
	ids  []uint32
	rank []uint32 // doc id → position in ids
}

func (x *Index) orderOf(numbers []string) order {
	o := order{ids: make([]uint32, 0, len(numbers)), rank: make([]uint32, len(x.numbers))}
	for _, n := range numbers {
		if id, ok := x.ids[n]; ok {
			o.rank[id] = uint32(len(o.ids)) // #nosec G115 -- far fewer than 2^32 entries
			o.ids = append(o.ids, id)
		}
	}
	return o
}

// page is the numbers of the entries of bm at positions offset to
// offset+limit in the named order. A large result is read off the order,
// skipping entries not in it; a small one is sorted by rank.
func (x *Index) page(bm *roaring.Bitmap, name string, offset, limit int) []string {
	o, ok := x.orders[name]
	offset = max(offset, 0)
	total := int(bm.GetCardinality()) // #nosec G115 -- at most the number of entries
	if !ok || offset >= total || limit <= 0 {
		return nil
	}
	var ids []uint32
	if total*16 >= len(o.ids) {
		skip := offset
		for _, id := range o.ids {
			if !bm.Contains(id) {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			if ids = append(ids, id); len(ids) == limit {
				break
			}
		}
	} else {
		ids = bm.ToArray()
		slices.SortFunc(ids, func(a, b uint32) int { return int(o.rank[a]) - int(o.rank[b]) })
		ids = ids[offset:min(len(ids), offset+limit)]
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = x.numbers[id]
	}
	return out
}
