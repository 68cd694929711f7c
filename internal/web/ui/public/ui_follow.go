package public

import (
	"net/http"

	"nintei"
	"nintei/service/follow"
)

// Following a service or a search by e-mail (issue 20): the form on a
// service's page and on a search's results, the confirmation link's page
// and the unsubscribe link's page. Confirming and unsubscribing are a
// button (POST) on the link's page, so a mail scanner that opens links
// changes nothing; the notices' List-Unsubscribe-Post (RFC 8058) posts to
// the unsubscribe link directly.

// followPage is every state of the mail pages: the form ("form"), the one
// answer to a request ("sent"), a confirmation link ("confirm",
// "confirmed"), an unsubscribe link ("unsubscribe", "unsubscribed") and a
// link that does not work ("invalid").
type followPage struct {
	Layout
	Mode    string
	Target  follow.Target
	Email   string
	Token   string
	Invalid string
	Error   *fieldError
}

func (s *Server) followPage(w http.ResponseWriter, r *http.Request, mode string) followPage {
	return followPage{Layout: s.layout(w, r), Mode: mode}
}

// showFollowForm is the form on a page of its own (where a failed request
// comes back to).
func (s *Server) showFollowForm(w http.ResponseWriter, r *http.Request) error {
	page := s.followPage(w, r, "form")
	page.Target = follow.Target{Kind: r.URL.Query().Get("kind"), Target: r.URL.Query().Get("target")}
	return s.render(w, r, http.StatusOK, "follow", page)
}

// subscribe asks for a subscription and answers alike whether the address
// follows it already or not; only a malformed request or too many
// requests get another answer.
func (s *Server) subscribe(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	page := s.followPage(w, r, "sent")
	page.Target = follow.Target{Kind: r.PostFormValue("kind"), Target: r.PostFormValue("target")}
	page.Email = r.PostFormValue("email")
	err := s.limits.follow(r, page.Email)
	if err == nil {
		err = s.svc.Subscribe(r.Context(), page.Target.Kind, page.Target.Target, page.Email, langOf(r))
	}
	if err != nil {
		fe, status, err := s.formFailure(w, page.Layout, err)
		if err != nil {
			return err
		}
		page.Mode, page.Error = "form", fe
		return s.render(w, r, status, "follow", page)
	}
	return s.render(w, r, http.StatusOK, "follow", page)
}

// formFailure is the message and status a follow form shows again with:
// invalid input (an unknown number too), too many requests; other errors
// are passed on.
func (s *Server) formFailure(w http.ResponseWriter, l Layout, err error) (*fieldError, int, error) {
	e, ok := s.formError(l, err)
	if !ok {
		return nil, 0, err
	}
	ne, status := classify(err)
	if status == http.StatusTooManyRequests {
		retryAfter(w, ne)
	}
	return &e, status, nil
}

// showFollowConfirm is a confirmation link's page: what is to be
// followed, and the button that confirms.
func (s *Server) showFollowConfirm(w http.ResponseWriter, r *http.Request) error {
	page := s.followPage(w, r, "confirm")
	page.Token = r.PathValue("token")
	t, err := s.svc.PendingMail(r.Context(), page.Token)
	if err != nil {
		return s.followLinkInvalid(w, r, page, err)
	}
	page.Target = t
	return s.render(w, r, http.StatusOK, "follow", page)
}

func (s *Server) confirmFollow(w http.ResponseWriter, r *http.Request) error {
	page := s.followPage(w, r, "confirmed")
	t, err := s.svc.Confirm(r.Context(), r.PathValue("token"))
	if err != nil {
		return s.followLinkInvalid(w, r, page, err)
	}
	page.Target = t
	return s.render(w, r, http.StatusOK, "follow", page)
}

// showUnsubscribe is an unsubscribe link's page, with its button.
func (s *Server) showUnsubscribe(w http.ResponseWriter, r *http.Request) error {
	page := s.followPage(w, r, "unsubscribe")
	page.Token = r.PathValue("token")
	t, err := s.svc.Subscription(r.Context(), page.Token)
	if err != nil {
		return s.followLinkInvalid(w, r, page, err)
	}
	page.Target = t
	return s.render(w, r, http.StatusOK, "follow", page)
}

// unsubscribe ends a subscription. A link used already answers the same:
// the subscription is gone either way (a mail program's one-click request
// may have come first).
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) error {
	err := s.svc.Unsubscribe(r.Context(), r.PathValue("token"))
	if err != nil && nintei.KindOf(err) != nintei.KindNotFound {
		return err
	}
	return s.render(w, r, http.StatusOK, "follow", s.followPage(w, r, "unsubscribed"))
}

// followLinkInvalid says that a link does not work, without saying why.
func (s *Server) followLinkInvalid(w http.ResponseWriter, r *http.Request, page followPage, err error) error {
	if !isNotFound(err) {
		return err
	}
	ne, _ := classify(err)
	page.Mode, page.Invalid = "invalid", s.msgs.T(page.Lang, ne.Key, ne.Args)
	return s.render(w, r, http.StatusNotFound, "follow", page)
}
