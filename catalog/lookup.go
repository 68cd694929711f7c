package catalog

// Item returns the item with the given id, and whether there is one.
func (e *Edition) Item(id string) (Item, bool) {
	for _, it := range e.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// Category returns the category with the given id, and whether there is one.
func (e *Edition) Category(id string) (Category, bool) {
	for _, c := range e.Categories {
		if c.ID == id {
			return c, true
		}
	}
	return Category{}, false
}

// CategoryPath returns the category with the given id preceded by its ancestors, root
// first (e.g. 事業者, 事業所・事業, 事業所等の概要), for headings and breadcrumbs. It returns nil
// for an unknown id. Parse rules out parent cycles; the walk is bounded anyway so that a
// hand-built Edition cannot make it loop.
func (e *Edition) CategoryPath(id string) []Category {
	var path []Category
	for range len(e.Categories) {
		c, ok := e.Category(id)
		if !ok {
			break
		}
		path = append([]Category{c}, path...)
		if c.Parent == "" {
			break
		}
		id = c.Parent
	}
	return path
}

// KeyItems returns the key items (一定の要件を考慮すべき項目, R-5.3), in catalog order:
// the items whose measure must be in place for certification.
func (e *Edition) KeyItems() []Item {
	return e.filterItems(func(it Item) bool { return it.Key != nil })
}

// RequiredItems returns the unconditionally required items (必須開示項目), in catalog order.
// Items that are required only under a condition are left out; use RequiredNow for them.
func (e *Edition) RequiredItems() []Item {
	return e.filterItems(func(it Item) bool { return it.Required })
}

func (e *Edition) filterItems(keep func(Item) bool) []Item {
	var out []Item
	for _, it := range e.Items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// ItemOrZero returns the item with the given ID, or the zero Item; templates
// use it where a missing item should render as blank rather than fail.
func (e *Edition) ItemOrZero(id string) Item {
	it, _ := e.Item(id)
	return it
}
