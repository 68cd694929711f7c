package api

import (
	"errors"
	"io"
	"net/http"
	"time"

	"nintei"
	"nintei/catalog"
	"nintei/service/core"
)

type userJSON struct {
	ID    int64       `json:"id"`
	Email string      `json:"email"`
	Name  string      `json:"name"`
	Role  nintei.Role `json:"role"`
}

type orgJSON struct {
	ID   int64          `json:"id"`
	Kind nintei.OrgKind `json:"kind"`
	Name string         `json:"name"`
}

func toUserJSON(u nintei.User) userJSON {
	return userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role}
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	org, err := s.svc.OwnOrganization(r.Context(), *p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"user": toUserJSON(p.User),
		"organization": orgJSON{ID: org.ID, Kind: org.Kind, Name: org.Name}})
}

func (s *Server) apiChangePassword(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Current string `json:"current"`
		New     string `json:"new"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if err := s.svc.ChangePassword(r.Context(), *principal(r), in.Current, in.New); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type tokenJSON struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

func toTokenJSON(t core.APIToken) tokenJSON {
	return tokenJSON{ID: t.ID, Name: t.Name, Prefix: t.Prefix, CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt, RevokedAt: t.RevokedAt}
}

func (s *Server) apiTokens(w http.ResponseWriter, r *http.Request) error {
	toks, err := s.svc.APITokens(r.Context(), *principal(r))
	if err != nil {
		return err
	}
	out := make([]tokenJSON, 0, len(toks))
	for _, t := range toks {
		out = append(out, toTokenJSON(t))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"tokens": out})
}

func (s *Server) apiCreateToken(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	tok, err := s.svc.CreateAPIToken(r.Context(), *principal(r), in.Name)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, map[string]any{"token": toTokenJSON(tok.Token), "secret": tok.Secret})
}

func (s *Server) apiRevokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return errNoRoute
	}
	if err := s.svc.RevokeAPIToken(r.Context(), *principal(r), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type invitationJSON struct {
	ID         int64       `json:"id"`
	Email      string      `json:"email"`
	Role       nintei.Role `json:"role"`
	CreatedAt  time.Time   `json:"created_at"`
	ExpiresAt  time.Time   `json:"expires_at"`
	AcceptedAt *time.Time  `json:"accepted_at"`
}

func toInvitationJSON(in core.Invitation) invitationJSON {
	return invitationJSON{ID: in.ID, Email: in.Email, Role: in.Role, CreatedAt: in.CreatedAt, ExpiresAt: in.ExpiresAt, AcceptedAt: in.AcceptedAt}
}

func (s *Server) apiMembers(w http.ResponseWriter, r *http.Request) error {
	users, invs, err := s.svc.Members(r.Context(), *principal(r))
	if err != nil {
		return err
	}
	outU := make([]userJSON, 0, len(users))
	for _, u := range users {
		outU = append(outU, toUserJSON(u))
	}
	outI := make([]invitationJSON, 0, len(invs))
	for _, in := range invs {
		outI = append(outI, toInvitationJSON(in))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"users": outU, "invitations": outI})
}

func (s *Server) apiInvite(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email string `json:"email"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	inv, err := s.svc.Invite(r.Context(), *principal(r), in.Email, langOfAPI(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, toInvitationJSON(inv))
}

type editionJSON struct {
	ID         string    `json:"id"`
	SchemeID   string    `json:"scheme_id"`
	Version    string    `json:"version"`
	TitleJA    string    `json:"title_ja"`
	TitleEN    string    `json:"title_en"`
	Status     string    `json:"status"`
	ItemCount  int       `json:"item_count"`
	Digest     string    `json:"digest"`
	ImportedAt time.Time `json:"imported_at"`
}

func toEditionJSON(e core.CatalogEdition) editionJSON {
	return editionJSON{ID: e.ID, SchemeID: e.SchemeID, Version: e.Version, TitleJA: e.TitleJA, TitleEN: e.TitleEN,
		Status: e.Status, ItemCount: e.ItemCount, Digest: e.Digest, ImportedAt: e.ImportedAt}
}

func (s *Server) apiEditions(w http.ResponseWriter, r *http.Request) error {
	eds, err := s.svc.Editions(r.Context())
	if err != nil {
		return err
	}
	out := make([]editionJSON, 0, len(eds))
	for _, e := range eds {
		out = append(out, toEditionJSON(e))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"editions": out})
}

func (s *Server) apiEdition(w http.ResponseWriter, r *http.Request) error {
	row, ed, err := s.svc.Edition(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"edition": toEditionJSON(row), "catalog": ed})
}

type problemJSON struct {
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// apiImportEdition takes the edition file as the request body. Validation
// problems are answered 422 with every problem and its line.
func (s *Server) apiImportEdition(w http.ResponseWriter, r *http.Request) error {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	p := principal(r)
	res, err := s.svc.ImportEdition(r.Context(), &p.User, data)
	if ve, ok := err.(*catalog.ValidationError); ok {
		return s.writeProblems(w, r, ve)
	}
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if !res.Created {
		status = http.StatusOK
	}
	return writeJSON(w, status, map[string]any{"id": res.Edition.ID, "created": res.Created, "digest": res.Edition.Digest()})
}

// apiImportMapped takes the edition file and its mapping as a multipart
// body; problems of either file are answered 422 with their lines.
func (s *Server) apiImportMapped(w http.ResponseWriter, r *http.Request) error {
	var files [2][]byte
	for i, name := range []string{"file", "mapping"} {
		f, _, err := r.FormFile(name)
		if err != nil {
			return nintei.Invalid("error.catalog.no_file", name)
		}
		files[i], err = io.ReadAll(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	p := principal(r)
	res, err := s.svc.ImportEditionMapped(r.Context(), &p.User, files[0], files[1])
	var ve *catalog.ValidationError
	if errors.As(err, &ve) {
		return s.writeProblems(w, r, ve)
	}
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if !res.Created {
		status = http.StatusOK
	}
	return writeJSON(w, status, map[string]any{"id": res.Edition.ID, "created": res.Created, "digest": res.Edition.Digest(), "moved": res.Moved})
}

func (s *Server) writeProblems(w http.ResponseWriter, r *http.Request, ve *catalog.ValidationError) error {
	lang := langOfAPI(r)
	out := make([]problemJSON, 0, len(ve.Problems))
	for _, p := range ve.Problems {
		msg := s.msgs.Message(lang, p)
		out = append(out, problemJSON{Line: p.Line, Field: p.Field, Code: p.Code, Message: msg})
	}
	ne := nintei.Errorf(nintei.KindInvalid, "error.catalog.invalid").With("Count", len(out))
	return writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": errorDetail{Code: ne.Key,
		Message: s.msgs.T(lang, ne.Key, ne.Args), RequestID: requestID(r)}, "problems": out})
}

func (s *Server) apiVerifyAudit(w http.ResponseWriter, r *http.Request) error {
	n, brk, err := s.svc.VerifyAudit(r.Context())
	if err != nil {
		return err
	}
	out := map[string]any{"ok": brk == nil, "checked": n}
	if brk != nil {
		out["broken_at"] = brk.Seq
		out["reason"] = brk.Reason
	}
	return writeJSON(w, http.StatusOK, out)
}
