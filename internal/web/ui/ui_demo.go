package ui

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"nintei"
	"nintei/policy"
)

// demoRoutes exist only in `nintei demo`: an administrator moves the
// demo's clock to show every date rule at its boundary days (renewal
// window, expiry, a renewal pending across expiry).
func (s *Server) demoRoutes() []route {
	return []route{
		{Method: "GET", Path: "/admin/clock", Access: policy.ManageJobs, Handle: s.showDemoClock},
		{Method: "POST", Path: "/admin/clock", Access: policy.ManageJobs, Handle: s.setDemoClock},
	}
}

type demoClockPage struct {
	Layout
	Today, RealToday string
	Moved            bool
	Error            string
}

func (s *Server) showDemoClock(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, http.StatusOK, "demo_clock", s.demoClockPage(w, r))
}

func (s *Server) demoClockPage(w http.ResponseWriter, r *http.Request) demoClockPage {
	return demoClockPage{Layout: s.layout(w, r), Today: s.svc.Today().Format("2006-01-02"),
		RealToday: time.Now().In(jst).Format("2006-01-02"), Moved: s.opts.DemoClock.Offset() != 0}
}

var errDemoDate = nintei.Invalid("error.demo.date", "date")

// setDemoClock moves the clock to noon (JST) of a day, forward by a number
// of days, or back to the real date; then it runs the registry sweep at
// once, so expiry and renewal guidance follow without waiting for the
// hourly job.
func (s *Server) setDemoClock(w http.ResponseWriter, r *http.Request) error {
	c := s.opts.DemoClock
	before := c.Offset()
	var target time.Time
	switch {
	case r.PostFormValue("reset") != "":
		c.Reset()
	case strings.TrimSpace(r.PostFormValue("days")) != "":
		n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("days")))
		if err != nil || n < 1 || n > 3660 {
			return s.demoClockFailed(w, r, errDemoDate)
		}
		target = s.svc.Today().AddDate(0, 0, n)
	default:
		d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(r.PostFormValue("date")), jst)
		if err != nil || d.Before(time.Now().In(jst).AddDate(0, 0, -1)) || d.After(time.Now().AddDate(10, 0, 0)) {
			return s.demoClockFailed(w, r, errDemoDate)
		}
		target = d
	}
	if !target.IsZero() {
		c.Set(time.Date(target.Year(), target.Month(), target.Day(), 12, 0, 0, 0, jst))
	}
	if err := s.svc.DemoClockMoved(r.Context(), *principal(r), c.Offset()-before); err != nil {
		return err
	}
	return redirect(w, r, "/admin/clock", "flash.demo_clock_set")
}

func (s *Server) demoClockFailed(w http.ResponseWriter, r *http.Request, err error) error {
	page := s.demoClockPage(w, r)
	ne, status := classify(err)
	page.Error = s.msgs.T(page.Lang, ne.Key, ne.Args)
	return s.render(w, r, status, "demo_clock", page)
}
