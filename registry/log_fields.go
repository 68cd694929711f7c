package registry

import "strings"

// Improvement is a published improvement request as the registry
// shows it.
type Improvement struct {
	ID          string
	RequestedOn string
	DueOn       string
	Body        string
	Status      string
}

// PublicFields are the fields the log and the snapshot carry for a
// published service: the snapshot's public parts, its status, a
// revocation's grounds and its published improvement requests.
// A withheld answer has an empty text and its last withheld day;
// the words never reach the log while withheld.
func PublicFields(pub Service, status, grounds string, imps []Improvement) Fields {
	f := Fields{"status": status, "service_name": pub.ServiceName, "service_overview": pub.Overview,
		"service_url": pub.ServiceURL, "provider_name": pub.ProviderName, "certified_on": pub.CertifiedOn,
		"valid_until": pub.ValidUntil, "edition_id": pub.EditionID, "bases": strings.Join(pub.Bases, ",")}
	if grounds != "" {
		f["revocation_grounds"] = grounds
	}
	for _, a := range pub.Items {
		if a.WithheldUntil != "" {
			f["item/"+a.ItemID] = ""
			f["withheld_until/"+a.ItemID] = a.WithheldUntil
			continue
		}
		f["item/"+a.ItemID] = a.Text
	}
	for _, m := range imps {
		p := "improvement/" + m.ID + "/"
		f[p+"requested_on"], f[p+"due_on"], f[p+"body"], f[p+"status"] = m.RequestedOn, m.DueOn, m.Body, m.Status
	}
	return f
}

// Release returns pub with the answers whose withholding ended before today
// put back (texts: item ID → the withheld words), as the public pages
// show them from the day after the period.
func Release(pub Service, today string, texts map[string]string) Service {
	items := make([]Answer, len(pub.Items))
	copy(items, pub.Items)
	for i, a := range items {
		if t, ok := texts[a.ItemID]; ok && a.WithheldUntil != "" && a.WithheldUntil < today {
			items[i].Text, items[i].WithheldUntil = t, ""
		}
	}
	pub.Items = items
	return pub
}
