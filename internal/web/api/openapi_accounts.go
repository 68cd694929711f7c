package api

import "nintei"

// accountSchemas are the OpenAPI components of the accounts routes:
// password resets and the administrator's users.
func accountSchemas() map[string]any {
	var staff []nintei.Role
	for _, r := range nintei.Roles {
		if r.IsStaff() {
			staff = append(staff, r)
		}
	}
	staffRole := enum(enumOf(staff))
	return map[string]any{
		"PasswordForgot":        obj([]string{"email"}, map[string]any{"email": str}),
		"PasswordReset":         obj([]string{"token", "password"}, map[string]any{"token": str, "password": str}),
		"Message":               obj([]string{"message"}, map[string]any{"message": str}),
		"UserAdmin":             typeOf[accountJSON](),
		"UserAdminList":         obj([]string{"users", "invitations"}, map[string]any{"users": arr(ref("UserAdmin")), "invitations": arr(ref("Invitation"))}),
		"StaffInvitationCreate": obj([]string{"email", "role"}, map[string]any{"email": str, "role": staffRole}),
		"RoleChange":            obj([]string{"role"}, map[string]any{"role": roles()}),
	}
}
