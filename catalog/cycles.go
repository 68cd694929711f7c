package catalog

import (
	"slices"
	"strings"
)

// findCycles finds the cycles of a graph whose nodes 0..n-1 have at most one outgoing edge
// (a category's parent, an item's required_when target). Each cycle is returned once, as
// node indexes starting from its lowest index, so problems are stable and not repeated
// for every member.
func findCycles(n int, next func(int) (int, bool)) [][]int {
	var cycles [][]int
	done := make([]bool, n) // already known to be on a reported cycle or to lead nowhere
	for start := range n {
		onPath := map[int]int{} // node -> position in path
		var path []int
		for at := start; !done[at]; {
			if pos, seen := onPath[at]; seen {
				cycles = append(cycles, rotateToLowest(path[pos:]))
				break
			}
			onPath[at] = len(path)
			path = append(path, at)
			to, ok := next(at)
			if !ok || to < 0 || to >= n {
				break
			}
			at = to
		}
		for _, p := range path {
			done[p] = true
		}
	}
	return cycles
}

// rotateToLowest returns the cycle starting at its lowest index.
func rotateToLowest(cycle []int) []int {
	low := 0
	for i, c := range cycle {
		if c < cycle[low] {
			low = i
		}
	}
	return append(append([]int{}, cycle[low:]...), cycle[:low]...)
}

// cycleText shows a cycle as "a -> b -> a".
func cycleText(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return strings.Join(append(slices.Clip(ids), ids[0]), " -> ")
}
