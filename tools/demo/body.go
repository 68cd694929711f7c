package demo

import "nintei/internal/config"

// Body is the demo's certification body: sample values, clearly not a real
// organisation (example.jp addresses, 0000 numbers), so that the demo's
// invoices, certificates and mails show every part a real body configures.
// `nintei demo` fills from it whatever the configuration leaves empty; the
// registration number has a valid check digit but belongs to nobody.
var Body = config.Body{
	Name:                "一般社団法人 クラウド情報開示認定機構（デモ）",
	Department:          "認定事務局",
	PostalCode:          "100-0000",
	Address:             "東京都千代田区見本町一丁目2番3号 サンプルビル5階",
	Phone:               "03-0000-0000",
	Email:               "jimukyoku@nintei.example.jp",
	RegistrationNumber:  "T7202612010001",
	RepresentativeTitle: "理事長",
	RepresentativeName:  "見本 太郎",
	BankName:            "みほん銀行",
	BankBranch:          "本店営業部",
	BankAccountType:     "普通",
	BankAccountNumber:   "0000000",
	BankAccountHolder:   "シヤ）クラウドジヨウホウカイジニンテイキコウ",
}
