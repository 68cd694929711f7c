package api

// accountSchemas are the OpenAPI components of the accounts routes:
// password resets and the administrator's users.
func accountSchemas() map[string]any {
	role := map[string]any{"enum": []any{"owner", "member", "secretariat", "reviewer", "committee", "admin"}}
	staffRole := map[string]any{"enum": []any{"secretariat", "reviewer", "committee", "admin"}}
	account := obj([]string{"id", "email", "name", "role", "organization", "active", "last_login_at"}, map[string]any{
		"id": integer, "email": str, "name": str, "role": role,
		"organization":  obj([]string{"id", "kind", "name"}, map[string]any{"id": integer, "kind": str, "name": str}),
		"active":        boolean,
		"last_login_at": whenOpt})
	return map[string]any{
		"PasswordForgot":        obj([]string{"email"}, map[string]any{"email": str}),
		"PasswordReset":         obj([]string{"token", "password"}, map[string]any{"token": str, "password": str}),
		"Message":               obj([]string{"message"}, map[string]any{"message": str}),
		"UserAdmin":             account,
		"UserAdminList":         obj([]string{"users", "invitations"}, map[string]any{"users": arr(ref("UserAdmin")), "invitations": arr(ref("Invitation"))}),
		"StaffInvitationCreate": obj([]string{"email", "role"}, map[string]any{"email": str, "role": staffRole}),
		"RoleChange":            obj([]string{"role"}, map[string]any{"role": role}),
	}
}
