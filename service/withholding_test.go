package service_test

import (
	"strings"
	"testing"

	"nintei"
	"nintei/application"
	"nintei/formb"
	"nintei/internal/i18n"
	"nintei/internal/testenv"
	"nintei/service/apply"
)

// a request may come during the review, not only after
// certification; only the secretariat decides it; a refused request does
// not hold up the certification and its answer is published; a request
// filed with a change notice and still undecided holds up the notice's
// acceptance, and once approved its answer is withheld from the republished
// snapshot. A withdrawn application takes no request.
func TestWithholdingDuringReview_R7_3(t *testing.T) {
	testenv.ForEachBackend(t, func(t *testing.T, b testenv.Backend) {
		env := b.NewEnv(t)
		who := reviewActors(t, env)
		a, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Submit(ctx, who.owner, a.ID, v, i18n.Japanese))
		ok(t, env.Svc.StartFormalReview(ctx, who.jimu, a.ID, version(t, env, a.ID)))
		ok(t, env.Svc.RequestWithholding(ctx, who.owner, a.ID, []string{"IPIOT-005"}, "営業上の理由", "2027-03-31"))
		ws, err := env.Svc.Withholdings(ctx, who.jimu, a.ID)
		ok(t, err)
		if err := env.Svc.DecideWithholding(ctx, who.owner, a.ID, ws[0].ID, true, ""); nintei.KindOf(err) != nintei.KindForbidden {
			t.Errorf("the applicant decided its own request: %v", err)
		}
		if err := env.Svc.DecideWithholding(ctx, who.jimu, a.ID, ws[0].ID, true, "2026-11-01"); nintei.KindOf(err) != nintei.KindInvalid {
			t.Errorf("approved with a period in the past: %v", err)
		}
		ok(t, env.Svc.DecideWithholding(ctx, who.jimu, a.ID, ws[0].ID, false, ""))
		_, err = env.Svc.AcceptFormal(ctx, who.jimu, a.ID, version(t, env, a.ID))
		ok(t, err)
		ok(t, env.Svc.ConfirmPayment(ctx, who.jimu, a.ID, version(t, env, a.ID), "2026-11-27", 209000, ""))
		env.AssessMandatoryOK(t, who.shinsa, a.ID)
		ok(t, env.Svc.Certify(ctx, who.jimu, a.ID, version(t, env, a.ID), ""))
		c, err := env.Svc.Certification(ctx, who.owner, a.ID)
		ok(t, err)
		pub, _, err := env.Svc.RegistryService(ctx, c.Number)
		ok(t, err)
		for _, x := range pub.Items {
			if x.ItemID == "IPIOT-005" && (x.Text == "" || x.WithheldUntil != "") {
				t.Errorf("a refused request withheld the answer: %+v", x)
			}
		}

		// A change notice with its own request.
		n, err := env.Svc.OpenChangeNotice(ctx, who.owner, a.ID)
		ok(t, err)
		item := textItems(t, env, n, 1)[0]
		form, err := env.Svc.FormB(ctx, who.owner, n)
		ok(t, err)
		e := form[item.ID]
		e.Answer.Value = "新しい拠点で運用しています（留保対象）。"
		_, err = env.Svc.SaveFormB(ctx, who.owner, n.ID, version(t, env, n.ID), []formb.Entry{e})
		ok(t, err)
		_, err = env.Svc.AddAttachment(ctx, who.owner, n.ID, evidenceFor(item.ID))
		ok(t, err)
		ok(t, env.Svc.RequestWithholding(ctx, who.owner, n.ID, []string{item.ID}, "移転公表前のため", "2027-06-30"))
		ok(t, env.Svc.Submit(ctx, who.owner, n.ID, version(t, env, n.ID), i18n.Japanese))
		if err := env.Svc.AcceptChange(ctx, who.jimu, n.ID, version(t, env, n.ID)); nintei.KindOf(err) != nintei.KindConflict {
			t.Fatalf("R-7.3: a change notice accepted with an undecided request: %v", err)
		}
		ws, err = env.Svc.Withholdings(ctx, who.jimu, n.ID)
		ok(t, err)
		ok(t, env.Svc.DecideWithholding(ctx, who.jimu, n.ID, ws[0].ID, true, ""))
		ok(t, env.Svc.AcceptChange(ctx, who.jimu, n.ID, version(t, env, n.ID)))
		pub, _, err = env.Svc.RegistryService(ctx, c.Number)
		ok(t, err)
		for _, x := range pub.Items {
			if x.ItemID == item.ID && (strings.Contains(x.Text, "留保対象") || x.WithheldUntil != "2027-06-30") {
				t.Errorf("R-7.3: the change notice's withheld answer is public: %+v", x)
			}
		}

		w, v := readyApplication(t, env, who.owner)
		ok(t, env.Svc.Withdraw(ctx, who.owner, w.ID, v))
		if err := env.Svc.RequestWithholding(ctx, who.owner, w.ID, []string{"IPIOT-005"}, "理由", "2027-03-31"); err == nil {
			t.Error("a withdrawn application took a withholding request")
		}
	})
}

func evidenceFor(itemID string) apply.NewAttachment {
	return apply.NewAttachment{Purpose: application.PurposeEvidence, FileName: "根拠.pdf", ItemIDs: []string{itemID},
		Body: strings.NewReader(testenv.TinyPDF)}
}
