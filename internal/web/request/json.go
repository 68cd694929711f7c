package request

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"nintei"
	"nintei/internal/i18n"
)

// WriteJSON writes v with a status.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	return enc.Encode(v)
}

// ErrorBody is the API's error envelope.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the error of an ErrorBody.
type ErrorDetail struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"request_id,omitempty"`
}

// WriteJSONError writes the API's error envelope. The code is the message
// key (stable for programs); the message is the translated text.
func WriteJSONError(msgs *i18n.Catalog, w http.ResponseWriter, r *http.Request, status int, e *nintei.Error) {
	msg := msgs.T(LangOfAPI(r), e.Key, e.Args)
	_ = WriteJSON(w, status, ErrorBody{Error: ErrorDetail{Code: e.Key, Message: msg, RequestID: RequestID(r)}})
}

// DecodeJSON reads one JSON object into v, refusing unknown fields and
// trailing data, with size errors kept distinct from syntax errors.
func DecodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return nintei.Errorf(nintei.KindInvalid, "error.json.content_type")
	}
	body, err := io.ReadAll(r.Body) // bounded by http.MaxBytesReader in Server.route
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return nintei.Errorf(nintei.KindInvalid, "error.json.malformed")
	}
	// A NUL in a string (see unstorableURL), invalid UTF-8 or a lone
	// surrogate is refused as malformed: nothing is saved.
	if bytes.Contains(bytes.ToLower(body), []byte(`\u0000`)) || !validJSONText(body) {
		return nintei.Errorf(nintei.KindInvalid, "error.json.malformed")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return nintei.Errorf(nintei.KindInvalid, "error.json.malformed")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nintei.Errorf(nintei.KindInvalid, "error.json.malformed")
	}
	return nil
}
