// Package demo fills an empty database with a realistic certification body:
// its staff, three cloud providers with two people each, and the catalog.
// It is used by `nintei demo` and by the browser tests.
package demo

import (
	"context"

	"nintei"
	"nintei/service"
	"nintei/service/accounts"
)

// Password is the password of every demo account. The demo is for trying
// the product on one's own machine; it prints this password at start.
const Password = "nintei-demo-2026" // #nosec G101 -- the demo's published password (README), printed at start; demo data only

// Account is one demo login.
type Account struct {
	Email string
	Name  string
	Role  nintei.Role
	Org   string
}

// Accounts are the people of the demo, in the order they are printed.
var Accounts = []Account{
	{"admin@nintei.example.jp", "管理 花子", nintei.RoleAdmin, ""},
	{"jimukyoku@nintei.example.jp", "事務 一郎", nintei.RoleSecretariat, ""},
	{"shinsa@nintei.example.jp", "審査 二郎", nintei.RoleReviewer, ""},
	{"iin@nintei.example.jp", "委員 三奈", nintei.RoleCommittee, ""},
	{"owner@minato-cloud.example.jp", "港 健太", nintei.RoleOwner, "株式会社みなとクラウド"},
	{"member@minato-cloud.example.jp", "青木 美咲", nintei.RoleMember, "株式会社みなとクラウド"},
	{"owner@hokuto-data.example.jp", "北村 誠", nintei.RoleOwner, "北斗データサービス株式会社"},
	{"member@hokuto-data.example.jp", "斎藤 由紀", nintei.RoleMember, "北斗データサービス株式会社"},
	{"owner@tsubame-iot.example.jp", "燕 大輔", nintei.RoleOwner, "合同会社つばめIoTプラットフォーム"},
	{"member@tsubame-iot.example.jp", "山田 彩", nintei.RoleMember, "合同会社つばめIoTプラットフォーム"},
}

// Seed creates the demo accounts when the database has no users yet, and
// reports whether it did. The catalog is installed by the service at start.
func Seed(ctx context.Context, svc *service.Service) (bool, error) {
	n, err := svc.CountUsers(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	for _, a := range Accounts {
		_, err := svc.AddUser(ctx, nil, accounts.NewUser{Email: a.Email, Name: a.Name, Role: a.Role,
			Password: Password, OrgName: a.Org})
		if err != nil {
			return false, err
		}
	}
	return true, nil
}
