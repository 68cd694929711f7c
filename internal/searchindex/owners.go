package searchindex

import "github.com/RoaringBitmap/roaring/v2"

// lineOwners records which entries hold each line. Most lines are one
// entry's own (an answer in its own words), so a line has its entry's id
// (plus one; 0: none) and only a line several entries share has a list.
// A list per line took 150 bytes of heap per line, most of the index's
// heap at 100,000 services and pointers the collector scanned each cycle.
type lineOwners struct {
	owner  []uint32                   // line id → entry id + 1; 0: no entry; sharedLine: see shared
	shared map[uint32]*roaring.Bitmap // line id → the entries of a line several hold
}

const sharedLine = ^uint32(0)

// add records that entry id holds line l.
func (o *lineOwners) add(l, id uint32) {
	switch cur := o.owner[l]; {
	case cur == 0:
		o.owner[l] = id + 1
	case cur == sharedLine:
		o.shared[l].Add(id)
	case cur != id+1:
		if o.shared == nil {
			o.shared = map[uint32]*roaring.Bitmap{}
		}
		o.shared[l] = roaring.BitmapOf(cur-1, id)
		o.owner[l] = sharedLine
	}
}

// remove records that entry id no longer holds line l.
func (o *lineOwners) remove(l, id uint32) {
	switch cur := o.owner[l]; {
	case cur == id+1:
		o.owner[l] = 0
	case cur == sharedLine:
		docs := o.shared[l]
		docs.Remove(id)
		if docs.IsEmpty() {
			delete(o.shared, l)
			o.owner[l] = 0
		}
	}
}
