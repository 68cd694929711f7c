package aftercare

import (
	"context"
	"strings"

	"nintei"
	"nintei/certification"
	"nintei/registry"
)

// RegistryEnding tells how a published service's certification ended,
// given its public status today; nil while it is in force. An expired one
// ended on its last valid day; a revoked, terminated or lapsed one
// on the day of its public event, and a revocation names its grounds
// but never the decision's reasons.
func (s *Aftercare) RegistryEnding(ctx context.Context, pub registry.Service, status string) (*registry.Ending, error) {
	st := certification.Status(status)
	if !st.Ended() {
		return nil, nil
	}
	e := &registry.Ending{Status: status, On: pub.ValidUntil}
	if st == certification.Expired {
		return e, nil
	}
	on, grounds, err := s.Store.RegistryEnding(ctx, pub.Number, status)
	if nintei.KindOf(err) == nintei.KindNotFound {
		return e, nil // ended before its events were kept: the last valid day is what is known
	} else if err != nil {
		return nil, err
	}
	e.On = on
	for _, g := range strings.Split(grounds, ",") {
		if text := groundText(certification.Ground(g)); text != "" {
			e.Grounds = append(e.Grounds, g+") "+text)
		}
	}
	return e, nil
}

func groundText(g certification.Ground) string {
	for _, x := range certification.Grounds {
		if x.Ground == g {
			return x.Text
		}
	}
	return ""
}
