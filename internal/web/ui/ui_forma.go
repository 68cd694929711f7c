package ui

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"nintei/application"
)

// spareAgents is how many empty agent/outsourcee rows the form offers.
const spareAgents = 2

type formAPage struct {
	Layout
	App       application.Application
	Form      application.FormA
	Agents    []application.Agent
	Outs      []application.Outsourcee
	Errors    map[string]string
	Saved     bool
	Bases     []string
	Resellers []string
}

// HasBase reports whether a base service is ticked.
func (p formAPage) HasBase(b string) bool {
	for _, x := range p.Form.Service.Bases {
		if x == b {
			return true
		}
	}
	return false
}

func (s *Server) formAPage(w http.ResponseWriter, r *http.Request, a application.Application, f application.FormA) formAPage {
	page := formAPage{Layout: s.layout(w, r), App: a, Form: f, Errors: map[string]string{},
		Bases: application.Bases, Resellers: application.Resellers}
	page.Agents = append(append([]application.Agent{}, f.Provider.Agents...), make([]application.Agent, spareAgents)...)
	page.Outs = append(append([]application.Outsourcee{}, f.Provider.Outsourcees...), make([]application.Outsourcee, spareAgents)...)
	for _, fe := range f.Problems(s.svc.Today()) {
		if _, seen := page.Errors[fe.Field]; !seen {
			page.Errors[fe.Field] = s.msgs.T(page.Lang, fe.Key, fe.Args)
		}
	}
	return page
}

func (s *Server) showFormA(w http.ResponseWriter, r *http.Request) error {
	a, _, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	page := s.formAPage(w, r, a, a.FormA)
	page.Saved = r.URL.Query().Get("saved") == "1"
	return s.render(w, r, http.StatusOK, "form_a", page)
}

// saveFormA stores the face sheet even when incomplete (a draft), then shows
// it again with every remaining problem beside its field.
func (s *Server) saveFormA(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	a, _, err := s.loadApplication(r)
	if err != nil {
		return err
	}
	f := parseFormA(r.PostForm)
	if _, err := s.svc.SaveFormA(r.Context(), *principal(r), a.ID, versionOf(r), f); err != nil {
		return err
	}
	return redirect(w, r, appURL(a.ID, "/form-a?saved=1"), "flash.saved")
}

func parseFormA(v url.Values) application.FormA {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	on := func(k string) bool { return v.Get(k) == "1" }
	f := application.FormA{
		Provider: application.Provider{SoleProprietor: on("provider.sole_proprietor"), CorporateNumber: get("provider.corporate_number"),
			Name: get("provider.name"), RepresentativeName: get("provider.representative_name"),
			RepresentativeTitle: get("provider.representative_title"), RepresentativeHasPower: on("provider.representative_has_power"),
			PostalCode: get("provider.postal_code"), Address: get("provider.address"), ContactName: get("provider.contact_name"),
			ContactDepartment: get("provider.contact_department"), ContactEmail: get("provider.contact_email"),
			ContactPhone: get("provider.contact_phone"), Foreign: on("provider.foreign"),
			JapaneseDisclosure: on("provider.japanese_disclosure"), Reseller: get("provider.reseller")},
		Service: application.Service{Name: get("service.name"), Overview: get("service.overview"), URL: get("service.url"),
			StartDate: get("service.start_date"), Bases: v["service.bases"]},
	}
	for i := 0; i < 20; i++ {
		n := strconv.Itoa(i)
		f.Provider.Agents = append(f.Provider.Agents, application.Agent{Name: get("agents." + n + ".name"),
			Address: get("agents." + n + ".address"), Contact: get("agents." + n + ".contact")})
		f.Provider.Outsourcees = append(f.Provider.Outsourcees, application.Outsourcee{Name: get("outsourcees." + n + ".name"),
			Scope: get("outsourcees." + n + ".scope")})
	}
	return f
}

// textField is what the "text" template needs for one labelled input.
type textField struct {
	Name, Label, Hint, Value, Autocomplete, Error string
}

// Field prepares one Form A text input with its label, hint and error.
func (p formAPage) Field(name, value, autocomplete string) textField {
	f := textField{Name: name, Value: value, Autocomplete: autocomplete, Label: p.T("forma." + name), Error: p.Errors[name]}
	if p.Catalog().Has("forma." + name + "_hint") {
		f.Hint = p.T("forma." + name + "_hint")
	}
	return f
}
