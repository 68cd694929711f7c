package certification

// BadgeState is what the live badge (/badge/{number}.svg) says of a
// certification. The badge has room for one short word, so the public
// statuses are folded into four: a renewal under review is still in force
// but named apart, and every ending other than a revocation — the term ran
// out, the service ended, a succession — reads 失効 (no longer in force).
// A revocation keeps its own word, as the registry's notice does.
type BadgeState string

// The badge's states; BadgeUnknown is a number that was never issued.
const (
	BadgeValid   BadgeState = "valid"   // 有効
	BadgeRenewal BadgeState = "renewal" // 更新審査中
	BadgeLapsed  BadgeState = "lapsed"  // 失効
	BadgeRevoked BadgeState = "revoked" // 取消し
	BadgeUnknown BadgeState = "unknown" // 該当なし
)

// BadgeStateOf folds a public status (PublicStatus) into the badge's state.
func BadgeStateOf(s Status) BadgeState {
	switch s {
	case Valid:
		return BadgeValid
	case RenewalPending:
		return BadgeRenewal
	case Revoked:
		return BadgeRevoked
	case Expired, Terminated, Lapsed:
		return BadgeLapsed
	}
	return BadgeUnknown
}

// InForce reports whether the badge's state is a certification in force.
func (b BadgeState) InForce() bool { return b == BadgeValid || b == BadgeRenewal }
