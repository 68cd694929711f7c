package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"nintei"
	"nintei/certification"
	"nintei/internal/testenv"
	"nintei/service"
	"nintei/service/aftercare"
)

// R-4.2e through the router: an application from a corporation whose
// other service was revoked within the year — here under another account
// with the same corporate number — is not blocked, but the secretariat's
// formal-review page and the API's review data name the revoked service.
func TestFormalReviewNamesRecentRevocation_R4_2e(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		s := newTestSite(t, b)
		ctx := context.Background()
		certifiedService(t, s)
		jimu := service.Principal{User: mustUser(t, s, "jimu@body.example.jp")}
		if err := s.Env.Svc.EndCertification(ctx, jimu, 1, aftercare.Ending{Kind: certification.Revoked, Grounds: []string{"a"}, Reason: "基準不適合"}); err != nil {
			t.Fatal(err)
		}
		other := service.Principal{User: s.Env.AddUser(t, "owner@sales.example.jp", nintei.RoleOwner, "みなとクラウド販売株式会社")}
		id, v := s.Env.ReadyApplication(t, other)
		a, _ := s.Env.Store.Application(ctx, id)
		fa := a.FormA
		fa.Service.Name = "みなと分析サービス"
		v, err := s.Env.Svc.SaveFormA(ctx, other, id, v, fa)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Env.Svc.Submit(ctx, other, id, v, "ja"); err != nil {
			t.Fatalf("R-4.2e: another service of the corporation was blocked: %v", err)
		}
		a, _ = s.Env.Store.Application(ctx, id)
		if err := s.Env.Svc.StartFormalReview(ctx, jimu, id, a.Version); err != nil {
			t.Fatal(err)
		}

		staff := s.client()
		login(t, staff, "jimu@body.example.jp", testenv.TestPassword)
		path := "/applications/" + strconv.FormatInt(id, 10)
		doc := staff.getPage(t, path+"/review", http.StatusOK)
		notice := doc.Find("#recent-revocations").Text()
		if !strings.Contains(notice, "みなとIoTクラウド（2026年11月27日 取消し）") || !strings.Contains(notice, s.ja("review.revocations.other_account", nil)) {
			t.Errorf("R-4.2e: formal review notice %q", notice)
		}
		api := s.bearerClient(s.apiToken(t, jimu.User, "s").Secret)
		var rv struct {
			Recent []aftercare.RecentRevocation `json:"recent_revocations"`
		}
		api.api(t, "GET", "/api/v1"+path+"/review", nil).json(t, &rv)
		if len(rv.Recent) != 1 || rv.Recent[0].ServiceName != "みなとIoTクラウド" || !rv.Recent[0].OtherAccount {
			t.Errorf("R-4.2e: API review data %+v", rv.Recent)
		}
		owner := s.client()
		login(t, owner, "owner@sales.example.jp", testenv.TestPassword)
		if r := owner.get(t, path+"/review"); r.Status != http.StatusForbidden && r.Status != http.StatusNotFound {
			t.Errorf("the applicant opened the review page: %d", r.Status)
		}
	})
}
