package web

import (
	"net/http"
	"testing"

	"nintei"
)

// Every handler reads its path IDs one way (request.PathID): a path ID
// that is not a positive number is a page that does not exist, in the UI
// and in the API alike, never a 500 or someone else's record.
func TestPathIDsThatAreNotIDsAreNotFound(t *testing.T) {
	s := newTestSite(t, sqliteOnly(t))
	users := s.seedRoles(t)
	staff := s.loginAs(t, nintei.RoleSecretariat)
	api := s.bearerClient(s.apiToken(t, users[nintei.RoleSecretariat], "ids").Secret)
	for _, id := range []string{"abc", "0", "-1", "1e3", "99999999999999999999"} {
		for _, path := range []string{"/applications/" + id, "/applications/" + id + "/review"} {
			if r := staff.get(t, path); r.Status != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", path, r.Status)
			}
		}
		for _, path := range []string{"/api/v1/applications/" + id + "/review", "/api/v1/applications/" + id + "/progress"} {
			s.wantAPIError(t, api.get(t, path), http.StatusNotFound, "error.not_found")
		}
	}
}
