package request

import (
	"net/http"
	"strconv"

	"nintei/application"
	"nintei/catalog"
	"nintei/service"
)

// PathIDs reads the named path values as IDs; ErrNoRoute (404) when one is
// not a number.
func PathIDs(r *http.Request, names ...string) ([]int64, error) {
	out := make([]int64, len(names))
	for i, n := range names {
		v, err := strconv.ParseInt(r.PathValue(n), 10, 64)
		if err != nil {
			return nil, ErrNoRoute
		}
		out[i] = v
	}
	return out, nil
}

// LoadApplication reads the application of the path's {id} as the
// request's principal may see it, with its catalog edition.
func LoadApplication(svc *service.Service, r *http.Request) (application.Application, *catalog.Edition, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return application.Application{}, nil, ErrNoRoute
	}
	a, err := svc.Application(r.Context(), *Principal(r), id)
	if err != nil {
		return a, nil, err
	}
	ed, err := svc.ApplicationEdition(r.Context(), a)
	return a, ed, err
}
