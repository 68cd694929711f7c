package nintei

// Role is what a user may do. Applicants belong to one provider
// organisation as its owner or a member; staff belong to the certification
// body.
type Role string

// The roles of the program (DOMAIN.md "Actors").
const (
	RoleOwner       Role = "owner"       // applicant who manages the provider's people
	RoleMember      Role = "member"      // applicant invited by an owner
	RoleSecretariat Role = "secretariat" // 認定機関事務局: runs every step
	RoleReviewer    Role = "reviewer"    // 審査員: assesses Form B
	RoleCommittee   Role = "committee"   // 認定審査委員: gives opinions
	RoleAdmin       Role = "admin"       // manages users and catalog editions
)

// Roles lists every role, in the order the UI shows them.
var Roles = []Role{RoleOwner, RoleMember, RoleSecretariat, RoleReviewer, RoleCommittee, RoleAdmin}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// IsApplicant reports whether r belongs to a provider organisation.
func (r Role) IsApplicant() bool { return r == RoleOwner || r == RoleMember }

// IsStaff reports whether r belongs to the certification body.
func (r Role) IsStaff() bool { return r.Valid() && !r.IsApplicant() }

// OrgKind tells a provider (事業者) from the certification body (認定機関).
type OrgKind string

// Organisation kinds.
const (
	OrgBody     OrgKind = "body"
	OrgProvider OrgKind = "provider"
)

// FitsOrg reports whether a role can be held in an organisation of kind k:
// applicant roles only in providers, staff roles only in the body.
func (r Role) FitsOrg(k OrgKind) bool {
	if k == OrgProvider {
		return r.IsApplicant()
	}
	return k == OrgBody && r.IsStaff()
}
