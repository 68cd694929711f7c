// Package formbtest makes valid Form B answers for any catalog edition, so
// tests of every layer can start from a complete, certifiable Form B and
// break exactly one thing.
package formbtest

import (
	"strconv"

	"nintei/catalog"
	"nintei/formb"
)

// ValidAnswer returns an answer of the item's type that passes
// ValidateAnswer and, for key items, has the measure in place.
func ValidAnswer(it catalog.Item) catalog.Answer {
	yes := true
	sp := it.Answer
	switch sp.Type {
	case catalog.TypeDate:
		return catalog.Answer{Value: "2024-04-01"}
	case catalog.TypeYearMonth:
		return catalog.Answer{Value: "2024-04"}
	case catalog.TypeURL:
		return catalog.Answer{Value: "https://cloud.example.jp/"}
	case catalog.TypeCorporateNumber:
		return catalog.Answer{Value: "7000012050002"}
	case catalog.TypeInteger:
		return catalog.Answer{Value: "120", Unit: unitOr(sp.Unit, "名")}
	case catalog.TypeMoney:
		return catalog.Answer{Value: "16,859,430", Unit: unitOr(sp.Unit, "千円"), Period: "2025年3月期"}
	case catalog.TypePercent:
		return catalog.Answer{Value: "99.95"}
	case catalog.TypeDuration:
		return catalog.Answer{Value: "3", Unit: sp.Units[0]}
	case catalog.TypeYesNo:
		return catalog.Answer{Yes: &yes}
	case catalog.TypeYesNoDetail:
		return catalog.Answer{Yes: &yes, Detail: "規程に基づき実施（" + it.NameJA + "）"}
	case catalog.TypeChoice:
		if it.Key != nil && it.Key.Rule == catalog.KeyChoiceIn {
			return catalog.Answer{Value: it.Key.ChoiceIn[0]}
		}
		return catalog.Answer{Value: sp.Options[0]}
	case catalog.TypeMultiChoice:
		return catalog.Answer{Choices: []string{sp.Options[0]}}
	case catalog.TypeList:
		row := map[string]string{}
		for _, f := range sp.Fields {
			row[f.ID] = f.NameJA + "の記載"
		}
		return catalog.Answer{Rows: []map[string]string{row}}
	case catalog.TypeContacts:
		return catalog.Answer{Contacts: []catalog.Contact{{Kind: "phone", Value: "03-1234-5678", Hours: "平日 9:00-18:00"},
			{Kind: "email", Value: "support@cloud.example.jp", Hours: "24時間"}}}
	}
	return catalog.Answer{Value: it.NameJA + "について、当社の規程と運用に基づき記載します。"}
}

func unitOr(u, fallback string) string {
	if u != "" {
		return u
	}
	return fallback
}

// CompleteForm answers every item of the edition validly, each with an
// evidence reference.
func CompleteForm(ed *catalog.Edition) formb.Form {
	form := formb.Form{}
	for i, it := range ed.Items {
		form[it.ID] = formb.Entry{ItemID: it.ID, Answer: ValidAnswer(it),
			EvidenceDoc: "サービス仕様書", EvidenceLoc: "p." + strconv.Itoa(i+1)}
	}
	return form
}
