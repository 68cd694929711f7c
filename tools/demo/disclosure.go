package demo

import (
	"fmt"
	"strconv"
	"strings"

	"nintei/catalog"
	"nintei/formb"
)

// The demo registry's Form B answers read like a real disclosure: each
// provider's own company facts (name, corporate number, address, people
// and money that agree) and a service described by choices drawn from
// tables with different lengths, so that any three services differ in
// most items and no two read alike. Every key item keeps its measure in
// place, or the service could not be certified.

// pick is the i-th of xs, cycling.
func pick[T any](xs []T, i int) T { return xs[((i%len(xs))+len(xs))%len(xs)] }

// yen writes thousands of yen with separators: 1234567 → 1,234,567.
func yen(k int) string {
	s := strconv.Itoa(k)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// figures are a provider's numbers, derived so that they agree.
type figures struct {
	officers, salesK, profitK, equityPct int
}

func figuresOf(p provider, i int) figures {
	sales := p.employees * p.perHeadK
	officers := min(3+i%7, p.employees/4)
	return figures{officers: max(officers, 3), salesK: sales, profitK: sales * (3 + i*7%10) / 100, equityPct: 28 + i*13%45}
}

// disclose answers the demo provider p's Form B (variant i).
func disclose(form formb.Form, p provider, i int) {
	set := func(id string, a catalog.Answer) {
		e := form[id]
		e.Answer = a
		form[id] = e
	}
	for id, a := range companyAnswers(p, i) {
		set(id, a)
	}
	for id, a := range serviceAnswers(p, i) {
		set(id, a)
	}
	for id, a := range operationAnswers(i) {
		set(id, a)
	}
	for id, a := range facilityAnswers(i) {
		set(id, a)
	}
}

func yes(detail string) catalog.Answer {
	t := true
	return catalog.Answer{Yes: &t, Detail: detail}
}

func no(detail string) catalog.Answer {
	f := false
	return catalog.Answer{Yes: &f, Detail: detail}
}

func text(v string) catalog.Answer { return catalog.Answer{Value: v} }

func companyAnswers(p provider, i int) map[string]catalog.Answer {
	f := figuresOf(p, i)
	founded := p.founded[:4]
	listed := no("非上場")
	audit := yes("官報により決算公告を行っています。会計監査人による監査は受けていません。")
	if p.listed != "" {
		listed = yes(p.listed + "に上場しています。")
		audit = yes("電子公告により決算公告を行い、会計監査人（監査法人）の監査を受けています。")
	}
	return map[string]catalog.Answer{
		"IPIOT-001":  text(pick([]string{"2026-10-01", "2026-09-15", "2026-11-01", "2026-08-31"}, i)),
		"IPIOT-002":  text(p.org),
		"IPIOT-002a": text(corporateNumberOf(p.org)),
		"IPIOT-003":  text(p.founded),
		"IPIOT-004":  text("〒" + p.postal + " " + p.address),
		"IPIOT-004a": text("https://www." + p.slug + ".example.jp/"),
		"IPIOT-005": text(fmt.Sprintf("%s年の設立以来、%s。主力サービス「%s」（%s）を中心に、導入支援と保守運用を一貫して提供しています。",
			founded, pick([]string{"製造業向けのシステム開発を手がけてきました", "通信・ネットワーク事業を営んできました",
				"計測・制御機器の開発と販売を行ってきました", "自治体・インフラ事業者向けの監視システムを開発してきました",
				"データセンターとクラウドの運用を事業の柱としてきました"}, i), p.service, p.overview)),
		"IPIOT-006": text("代表取締役 " + p.rep),
		"IPIOT-006a": text(fmt.Sprintf("%d年生。%s卒業。%s、%d年より当社代表取締役。",
			1958+i*3%25, pick([]string{"工学部電気電子工学科", "理工学部情報科学科", "経済学部", "大学院情報理工学系研究科修士課程"}, i),
			pick([]string{"電機メーカーで組込み機器の開発に従事した後", "通信事業者でネットワーク運用を担当した後",
				"システムインテグレーターで営業部長を務めた後", "当社に入社し技術本部長を経て"}, i+1), max(2000+i%20, atoiYear(founded)))),
		"IPIOT-007": {Value: strconv.Itoa(f.officers), Unit: "名"},
		"IPIOT-008": {Value: yen(p.employees), Unit: "人"},
		"IPIOT-009": {Value: yen(f.salesK), Unit: "千円", Period: "2025年3月期"},
		"IPIOT-010": {Value: yen(f.profitK), Unit: "千円", Period: "2025年3月期"},
		"IPIOT-011": {Value: yen(p.capitalK), Unit: "千円", Period: "2025年3月期"},
		"IPIOT-012": text(strconv.Itoa(f.equityPct) + "." + strconv.Itoa(i%10)),
		"IPIOT-013": listed,
		"IPIOT-014": audit,
		"IPIOT-015": {Rows: shareholders(p, i)},
		"IPIOT-016": {Rows: []map[string]string{{"name": pick([]string{"一般社団法人 日本クラウド産業協会（デモ）", "IoT推進コンソーシアム（デモ）",
			"一般社団法人 情報サービス産業協会（デモ）", "特定非営利活動法人 日本データセンター協会（デモ）"}, i)}}},
		"IPIOT-017": yes(pick([]string{"情報セキュリティ委員会（委員長：代表取締役）と CSIRT を設置しています。",
			"最高情報セキュリティ責任者（CISO）を置き、情報システム部が事務局を務めます。",
			"個人情報保護管理者とセキュリティ推進室（専任4名）を置いています。"}, i)),
		"IPIOT-018": yes(pick([]string{"情報セキュリティ基本方針、情報セキュリティ管理規程、個人情報保護方針を定め、年1回見直しています。",
			"ISMS に基づく規程体系（基本方針・対策基準・実施手順）を整備し、ウェブサイトで基本方針を公開しています。",
			"情報セキュリティ規程、クラウドサービス提供規程、委託先管理規程を整備し、全従業員に年2回教育しています。"}, i)),
		"IPIOT-019": {Rows: certificationsOf(i)},
	}
}

func atoiYear(y string) int { n, _ := strconv.Atoi(y); return n }

func shareholders(p provider, i int) []map[string]string {
	founder := strings.Fields(p.rep)[0]
	if p.listed != "" {
		return []map[string]string{{"name": "日本マスタートラスト信託銀行株式会社（信託口）", "ratio": strconv.Itoa(8+i%6) + ".2%"},
			{"name": founder + "興産株式会社", "ratio": strconv.Itoa(12+i%9) + ".5%"}, {"name": "従業員持株会", "ratio": "3.1%"}}
	}
	return []map[string]string{{"name": p.rep, "ratio": strconv.Itoa(45+i*7%40) + "%"},
		{"name": pick([]string{"みらい地域活性化投資事業有限責任組合", "株式会社かけはしキャピタル", "取引先持株会"}, i), "ratio": strconv.Itoa(5+i%15) + "%"}}
}

func certificationsOf(i int) []map[string]string {
	all := [][]map[string]string{
		{{"name": "ISO/IEC 27001（ISMS）", "scope": "本社及びデータ運用部門"}, {"name": "ISO/IEC 27017", "scope": "クラウドサービスの提供"}},
		{{"name": "プライバシーマーク", "scope": "全社"}},
		{{"name": "ISO/IEC 27001（ISMS）", "scope": "全社"}, {"name": "ISMAP 登録", "scope": "IaaS 部分"}},
		{{"name": "ISO/IEC 27001（ISMS）", "scope": "クラウド事業本部"}},
		{{"name": "ISO/IEC 27001（ISMS）", "scope": "全社"}, {"name": "プライバシーマーク", "scope": "全社"}, {"name": "SOC2 Type2 報告書", "scope": "プラットフォーム運用"}},
	}
	return pick(all, i)
}
