package demo

import (
	"fmt"
	"strconv"

	"nintei/catalog"
)

func serviceAnswers(p provider, i int) map[string]catalog.Answer {
	kind := pick([]string{"PaaS", "PaaS", "IaaS・PaaS", "PaaS（一部 SaaS 機能を含む）"}, i)
	a := map[string]catalog.Answer{
		"IPIOT-020": text(p.service),
		"IPIOT-021": text(fmt.Sprintf("%d-%02d", 2016+i%9, 1+i*5%12)),
		"IPIOT-022": text(fmt.Sprintf("%sとして提供します。%s。主な機能：%s。", kind, p.overview,
			pick([]string{"データ収集 API、時系列データベース、ダッシュボード、アラート通知", "機器登録・認証、設定配信、ログ収集、リモート操作",
				"データ収集、可視化、帳票出力、外部システム連携 API", "仮想サーバ、オブジェクトストレージ、メッセージキュー、監視"}, i))),
		"IPIOT-023": text(pick([]string{"LTE-M / 4G 回線（閉域 SIM）及びインターネット経由。MQTT（TLS 1.3 で暗号化）、HTTPS。",
			"LPWA（LoRaWAN・Sigfox）及び有線 LAN。MQTT、CoAP（DTLS）。", "インターネット VPN（IPsec）経由。HTTPS（REST API）、WebSocket。",
			"閉域網（専用線・IP-VPN）及び 5G。MQTT（TLS で暗号化）、OPC UA。"}, i)),
		"IPIOT-024": pick([]catalog.Answer{yes("IaaS 部分に国内の大手クラウド事業者の東京・大阪リージョンを利用しています。"), no("自社データセンターの設備のみで提供しています。"),
			yes("監視業務の一部を国内の運用委託先に再委託しています（秘密保持契約締結済み）。")}, i),
		"IPIOT-030": text(fmt.Sprintf("初期費用 %s円、月額基本料 %s円（%d台まで）、超過1台あたり月額 %d円。年額一括払いで10%%割引。",
			yen(50000+i*37%10*50000), yen(30000+i*53%9*10000), 50+i*7%10*50, 150+i*31%8*50)),
		"IPIOT-031": pick([]catalog.Answer{{Value: "1", Unit: "month"}, {Value: "12", Unit: "month"}, {Value: "1", Unit: "year"}, {Value: "3", Unit: "month"}, {Value: "6", Unit: "month"}}, i),
		"IPIOT-032": text(pick([]string{"解約希望月の前月末日までに書面又は管理画面から通知。最低利用期間内の解約は残期間の月額基本料を一括でお支払いいただきます。",
			"解約は1か月前までの通知で可能。違約金はありません。", "最低利用期間経過後は2か月前までの通知で解約できます。期間内の解約は月額料金の3か月分を申し受けます。"}, i)),
		"IPIOT-033": yes(pick([]string{"3か月前までにメール及び管理画面で告知します。", "1か月前までにウェブサイト及びメールで告知します。", "重要な変更は6か月前、軽微な変更は1か月前にメールで告知します。"}, i)),
		"IPIOT-034": yes(pick([]string{"12か月前までに書面及びメールで告知します。", "6か月前までにメールで告知し、データ移行を支援します。", "1年前までに告知し、終了日から90日間はデータの取り出しに応じます。"}, i)),
		"IPIOT-035": yes(pick([]string{"契約終了後30日以内に CSV 形式で返却し、返却後60日以内に消去して消去証明書を発行します。",
			"契約終了日から90日間はデータの取り出しが可能で、その後復元不能な方法で消去します。", "利用者の指示により返却又は消去し、バックアップも含め180日以内に消去します。"}, i)),
		"IPIOT-036": text(pick([]string{"99.9", "99.95", "99.99", "99.5", "99.8"}, i)),
		"IPIOT-037": text(pick([]string{"機器の設置・管理及び利用者アカウントの管理は利用者、センター設備とプラットフォームは当社の責任です。損害賠償の上限は直近12か月の利用料金の総額とします。",
			"利用者データの内容と利用方法は利用者、基盤の運用と可用性は当社が責任を負います。当社の故意又は重過失によらない損害は、月額料金を上限とします。",
			"責任分界は別紙「責任分界表」のとおりです。SLA 未達時は月額料金の最大30%を返金します。"}, i)),
	}
	devices(a, i)
	return a
}

// devices answers the items on provided and recommended devices: about
// half of the services provide their own.
func devices(a map[string]catalog.Answer, i int) {
	if i%2 == 1 {
		a["IPIOT-025"] = catalog.Answer{Yes: boolp(false)}
		a["IPIOT-026"] = text("")
		a["IPIOT-027"] = no("端末は提供していません。")
		a["IPIOT-028"] = text("")
		a["IPIOT-029"] = yes(pick([]string{"当社が動作を確認した他社製ゲートウェイ（一覧をウェブサイトで公開）を推奨します。",
			"MQTT に対応し TLS 1.2 以上で通信できる機器を推奨します。"}, i))
		return
	}
	a["IPIOT-025"] = catalog.Answer{Yes: boolp(true)}
	a["IPIOT-026"] = text(pick([]string{"IoT ゲートウェイ「GW-" + strconv.Itoa(100+i) + "」（LTE-M 内蔵、センサー入力8系統）",
		"無線センサー端末（温度・湿度・照度、電池寿命約5年）", "車載通信ユニット（GNSS・加速度センサー内蔵）"}, i/2))
	a["IPIOT-027"] = yes(pick([]string{"初回接続時に初期パスワードの変更を必須とし、ファームウェアは署名付きで自動更新します。",
		"機器ごとに固有の鍵を工場出荷時に書き込み、セキュアブートに対応しています。"}, i/2))
	a["IPIOT-028"] = text(pick([]string{"故障時は先出しセンドバックで交換（翌営業日発送）。販売終了後5年間保守します。",
		"オンサイト保守（平日、4時間以内に駆け付け）。保守期間は導入から7年です。"}, i/2))
	a["IPIOT-029"] = no("当社提供端末の利用を前提としています。")
}

func boolp(b bool) *bool { return &b }
