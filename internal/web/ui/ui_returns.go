package ui

import (
	"net/http"
	"strconv"

	"nintei/service/core"
)

// returnGroup is the pending files of one application on the return list.
type returnGroup struct {
	ApplicationID int64
	OrgName       string
	ServiceName   string
	Items         []core.ReturnItem
}

type returnsPage struct {
	Layout
	Groups []returnGroup
	Today  string
}

// showReturns is the secretariat's return list: the files to
// return to providers or destroy, by application.
func (s *Server) showReturns(w http.ResponseWriter, r *http.Request) error {
	items, err := s.svc.PendingReturns(r.Context(), *principal(r))
	if err != nil {
		return err
	}
	page := returnsPage{Layout: s.layout(w, r), Today: s.svc.Today().Format("2006-01-02")}
	for _, x := range items {
		n := len(page.Groups)
		if n == 0 || page.Groups[n-1].ApplicationID != x.ApplicationID {
			page.Groups = append(page.Groups, returnGroup{ApplicationID: x.ApplicationID, OrgName: x.OrgName, ServiceName: x.ServiceName})
			n++
		}
		page.Groups[n-1].Items = append(page.Groups[n-1].Items, x)
	}
	return s.render(w, r, http.StatusOK, "returns", page)
}

// disposeDocuments records the return or destruction of chosen files.
func (s *Server) disposeDocuments(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	var ids []int64
	for _, v := range r.PostForm["attachment"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			ids = append(ids, n)
		}
	}
	if err := s.svc.DisposeDocuments(r.Context(), *principal(r), id, ids, r.PostFormValue("method"), r.PostFormValue("on")); err != nil {
		return err
	}
	return redirect(w, r, "/returns", "flash.documents_disposed")
}
