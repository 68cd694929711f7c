package application

// Registry facts are the provider facts its proof of existence attests
// the name, the representative and the address. When one of
// them changes after certification, the earlier proof no longer shows
// the provider as it is, so a renewal or change notice carries a new one.
const (
	FactName           = "name"
	FactRepresentative = "representative"
	FactAddress        = "address"
)

// ChangedRegistryFacts lists the registry facts that differ between the
// Form A of the term in force and the one handed in now, in a fixed
// order. The postal code and the representative's title are not compared:
// a commercial registry records neither, so changing them alone needs no
// new transcript.
func ChangedRegistryFacts(before, after FormA) []string {
	var out []string
	b, a := before.Provider, after.Provider
	if b.Name != a.Name {
		out = append(out, FactName)
	}
	if b.RepresentativeName != a.RepresentativeName {
		out = append(out, FactRepresentative)
	}
	if b.Address != a.Address {
		out = append(out, FactAddress)
	}
	return out
}

// CertificateChanged reports whether what the certificate prints changes
// number, service name, provider name, validity, issue date): a
// change notice then reissues it for the reissue fee. A new
// representative or address is not printed, so it reissues nothing.
func CertificateChanged(before, after FormA) bool {
	return before.Provider.Name != after.Provider.Name || before.Service.Name != after.Service.Name
}
