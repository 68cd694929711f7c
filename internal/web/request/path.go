package request

import (
	"net/http"
	"strconv"

	"nintei/application"
	"nintei/catalog"
	"nintei/service"
)

// PathID reads the named path value as an ID: every handler reads its
// path IDs this way. ErrNoRoute (404) when it is not a positive number, so
// /applications/abc answers as a page that does not exist.
func PathID(r *http.Request, name string) (int64, error) {
	v, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || v <= 0 {
		return 0, ErrNoRoute
	}
	return v, nil
}

// PathIDs is PathID for several names, in order.
func PathIDs(r *http.Request, names ...string) ([]int64, error) {
	out := make([]int64, len(names))
	for i, n := range names {
		v, err := PathID(r, n)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// LoadApplication reads the application of the path's {id} as the
// request's principal may see it, with its catalog edition.
func LoadApplication(svc *service.Service, r *http.Request) (application.Application, *catalog.Edition, error) {
	id, err := PathID(r, "id")
	if err != nil {
		return application.Application{}, nil, err
	}
	a, err := svc.Application(r.Context(), *Principal(r), id)
	if err != nil {
		return a, nil, err
	}
	ed, err := svc.ApplicationEdition(r.Context(), a)
	return a, ed, err
}
