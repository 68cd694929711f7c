package service_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/certification"
	"nintei/internal/blob"
	"nintei/internal/i18n"
	"nintei/internal/jobs"
	"nintei/internal/sqlstore"
	"nintei/internal/testenv"
	"nintei/review"
	"nintei/service/aftercare"
	"nintei/service/apply"
)

func returnList(t *testing.T, env *testenv.Env, who actors, appID int64) map[string]string {
	t.Helper()
	items, err := env.Svc.ReturnsOf(ctx, who.jimu, appID)
	ok(t, err)
	out := map[string]string{}
	for _, x := range items {
		out[x.FileName] = x.Reason
	}
	return out
}

// a refused application's files go on the return list;
// so do a certification's files when it is revoked — the published
// answers and Form A stay. The secretariat records the return; the file
// can no longer be opened and a job deletes it from the evidence store,
// once, auditing the deletion.
func TestDocumentReturn_R10_1_R10_2(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)

		refused, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, refused.ID, v, i18n.Japanese))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, refused.ID, version(t, env, refused.ID)))
		_, err := env.Svc.AcceptFormal(ctx, who.jimu, refused.ID, version(t, env, refused.ID))
		ok(t, err)
		ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, refused.ID, version(t, env, refused.ID), "2026-11-27", 209000, ""))
		if got := returnList(t, env, who, refused.ID); len(got) != 0 {
			t.Errorf("files listed before the decision: %v", got)
		}
		ok(t, env.Svc.Refuse(ctx, who.jimu, refused.ID, version(t, env, refused.ID), "改善が必要",
			[]review.Improvement{{ItemID: "IPIOT-005", Note: "記載を具体的に"}}))
		if got := returnList(t, env, who, refused.ID); got["登記.pdf"] != sqlstore.ReturnNotCertified || got["仕様書.pdf"] != sqlstore.ReturnNotCertified {
			t.Errorf("R-10.1: after non-certification the list is %v", got)
		}

		who2 := actors{owner: principal(env.AddUser(t, "owner@b.example.jp", nintei.RoleOwner, "株式会社やまびこ")), jimu: who.jimu}
		id := certifiedApplication(t, env, who2)
		if got := returnList(t, env, who2, id); len(got) != 0 {
			t.Errorf("R-10.1: files listed during the validity: %v", got)
		}
		c, _ := env.Svc.Certification(ctx, who2.owner, id)
		ok(t, env.Svc.EndCertification(ctx, who.jimu, id, aftercare.Ending{Kind: certification.Revoked, Grounds: []string{"a"}, Reason: "虚偽"}))
		if got := returnList(t, env, who2, id); got["登記.pdf"] != string(certification.Revoked) || got["仕様書.pdf"] != string(certification.Revoked) {
			t.Errorf("R-10.1: after revocation the list is %v", got)
		}
		if _, _, err := env.Svc.RegistryService(ctx, c.Number); err != nil {
			t.Errorf("R-10.2: the published information is gone: %v", err)
		}

		pending, err := env.Svc.PendingReturns(ctx, who.jimu)
		ok(t, err)
		if len(pending) != 4 {
			t.Errorf("pending returns = %d, want 4", len(pending))
		}
		if _, err := env.Svc.PendingReturns(ctx, who2.owner); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("a provider read the return list: %v", err)
		}
		var ids []int64
		var keys []string
		for _, x := range pending {
			if x.ApplicationID == id {
				ids, keys = append(ids, x.AttachmentID), append(keys, x.BlobKey)
			}
		}
		if err := env.Svc.DisposeDocuments(ctx, who2.owner, id, ids, aftercare.DisposeReturned, ""); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("the provider recorded the return: %v", err)
		}
		for _, bad := range []struct{ method, on string }{{"burned", ""}, {aftercare.DisposeReturned, "2026-11-28"}} {
			if err := env.Svc.DisposeDocuments(ctx, who.jimu, id, ids, bad.method, bad.on); nintei.KindOf(err) != nintei.KindInvalid {
				t.Errorf("%+v: %v", bad, err)
			}
		}
		if err := env.Svc.DisposeDocuments(ctx, who.jimu, refused.ID, ids, aftercare.DisposeReturned, ""); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("files of another application disposed: %v", err)
		}
		ok(t, env.Svc.DisposeDocuments(ctx, who.jimu, id, ids, aftercare.DisposeDestroyed, "2026-11-27"))
		if err := env.Svc.DisposeDocuments(ctx, who.jimu, id, ids[:1], aftercare.DisposeReturned, ""); nintei.KindOf(err) != nintei.KindConflict {
			t.Errorf("disposed twice: %v", err)
		}
		if _, _, err := env.Svc.OpenAttachment(ctx, who2.owner, id, ids[0]); nintei.KindOf(err) != nintei.KindNotFound {
			t.Errorf("a destroyed file was opened: %v", err)
		}
		for _, k := range keys {
			if _, err := env.Blobs.Stat(ctx, k); err != nil {
				t.Errorf("the file was deleted before the job ran: %v", err)
			}
		}
		runner := jobs.New(env.Store, env.Clock, jobs.Options{})
		env.Svc.RegisterJobs(runner)
		for range 2 {
			_, err := runner.RunDue(ctx)
			ok(t, err)
		}
		for _, k := range keys {
			if _, err := env.Blobs.Stat(ctx, k); !errors.Is(err, blob.ErrNotFound) {
				t.Errorf("the destroyed file is still stored: %v", err)
			}
		}
		page, err := env.Store.AuditEvents(ctx, sqlstoreQuery("attachment"))
		ok(t, err)
		counts := map[string]int{}
		for _, e := range page {
			counts[e.Action]++
		}
		if counts["document.destroyed"] != 2 || counts["document.file_deleted"] != 2 {
			t.Errorf("audit: %v", counts)
		}
		if _, r, err := env.Svc.OpenAttachment(ctx, who.owner, refused.ID, pendingOf(pending, refused.ID)); err != nil {
			t.Errorf("a listed but not yet returned file cannot be opened: %v", err)
		} else {
			_, _ = io.Copy(io.Discard, r)
			r.Close()
		}
	})
}

func pendingOf(items []sqlstore.ReturnItem, appID int64) int64 {
	for _, x := range items {
		if x.ApplicationID == appID {
			return x.AttachmentID
		}
	}
	return 0
}

// at renewal the evidence the renewal replaced goes on the return
// list — here the old proof of existence and the old evidence file, both
// replaced by new files — while nothing of the new term is listed.
func TestSupersededEvidenceAtRenewal_R10_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		id := certifiedApplication(t, env, who)
		jstMidday(env, "2028-10-01")
		r, _ := preparedRenewal(t, env, who, id)
		ed, err := env.Svc.ApplicationEdition(ctx, r)
		ok(t, err)
		var all []string
		for _, it := range ed.Items {
			all = append(all, it.ID)
		}
		for _, n := range []apply.NewAttachment{{Purpose: application.PurposeExistence, FileName: "登記2028.pdf", Original: false},
			{Purpose: application.PurposeEvidence, FileName: "仕様書2028.pdf", ItemIDs: all}} {
			n.Body = strings.NewReader(testenv.TinyPDF)
			_, err := env.Svc.AddAttachment(ctx, who.owner, r.ID, n)
			ok(t, err)
		}
		ok(t, submitAt(t, env, who, r.ID, "2028-10-01"))
		renewalThroughReview(t, env, who, r.ID)
		env.AssessMandatoryOK(t, who.jimu, r.ID)
		ok(t, env.Svc.Certify(ctx, who.jimu, r.ID, version(t, env, r.ID), ""))
		if got := returnList(t, env, who, id); len(got) != 2 || got["登記.pdf"] != sqlstore.ReturnRenewal || got["仕様書.pdf"] != sqlstore.ReturnRenewal {
			t.Errorf("R-10.3: superseded files listed: %v", got)
		}
		if got := returnList(t, env, who, r.ID); len(got) != 0 {
			t.Errorf("the new term's files were listed: %v", got)
		}
	})
}
