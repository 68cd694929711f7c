package certification

// Ground is one ground of revocation of, a to j.
type Ground string

// Grounds are the grounds of revocation with what each says.
var Grounds = []struct {
	Ground Ground
	Text   string
}{
	{"a", "認定基準に適合しなくなったとき"},
	{"b", "不正の手段により認定を受けたとき"},
	{"c", "認定マークを認定サービス以外のサービスに使用したとき"},
	{"d", "認定サービスとそれ以外のサービスを区別せずに認定マークを使用したとき"},
	{"e", "認定マークの色を変え、又は一部のみを表示したとき"},
	{"f", "正当な理由なく変更の届出をしなかったとき"},
	{"g", "緊急時の通知又は報告をしなかったとき"},
	{"h", "調査を拒み、又は虚偽の報告をしたとき"},
	{"i", "改善の要請に応じなかったとき"},
	{"j", "不法行為及び法令違反行為を行ったとき"},
}

// Valid reports whether g is one of the grounds of.
func (g Ground) Valid() bool {
	for _, x := range Grounds {
		if x.Ground == g {
			return true
		}
	}
	return false
}

// Succession is an event of by which the certification is lost.
type Succession string

// The kinds of succession.
const (
	Transfer    Succession = "transfer"    // 事業譲渡
	Merger      Succession = "merger"      // 合併
	Split       Succession = "split"       // 分割 (handing on this service)
	Inheritance Succession = "inheritance" // 相続
)

// Successions lists the kinds of succession of.
var Successions = []Succession{Transfer, Merger, Split, Inheritance}

// Valid reports whether k is one of the kinds of.
func (k Succession) Valid() bool {
	for _, x := range Successions {
		if x == k {
			return true
		}
	}
	return false
}
