package seed

// staffUser is one member of staff with the single role the seed grants.
type staffUser struct {
	email, name, title string
	region             int8 // home region index, -1 for none
	locale             string
	role               string
	roleRegion         int8  // role_assignments.region index, -1 for every region
	manager            int32 // staff index of the line manager, -1 for none
}

// roster indexes staff (indexes into world.staff) by what they do.
type roster struct {
	admin           int32
	execs           []int32
	execByRegion    [6]int32
	kams            []int32
	kamsByRegion    [6][]int32
	pms             []int32
	pmsByRegion     [6][]int32
	channelDirector int32
	sales           []int32
	salesByRegion   [6][]int32
	presales        []int32
	service         []int32
	serviceByRegion [6][]int32
	viewers         []int32

	distributors     int // distributors planned so far
	distributorsSeen int // distributors given a held tier so far
}

// Staff sizes for a number of accounts.
func kamCount(accounts int) int      { return max(5, ceilDiv(accounts, 40)) }
func pmPerRegion(accounts int) int   { return max(1, ceilDiv(accounts, 40_000)) }
func salesCount(accounts int) int    { return max(6, ceilDiv(accounts, 100)) }
func presalesCount(accounts int) int { return max(3, ceilDiv(accounts, 250)) }
func serviceCount(accounts int) int  { return max(4, ceilDiv(accounts, 150)) }

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// demoNumber renders n as in kam01, kam12, kam123: at least two digits, so
// the first users' emails do not depend on the size of the data set.
func demoNumber(prefix string, n int) string {
	b := make([]byte, 0, len(prefix)+4)
	b = append(b, prefix...)
	b = appendPadded(b, int64(n), 2)
	return string(b)
}

// spreadRegion gives the j-th of count staff a home region: one per region
// first, then in proportion to where the accounts are.
func spreadRegion(j, count int) int8 {
	if j < len(regions) {
		return int8(j)
	}
	return int8(regionPick[(j*len(regionPick)+len(regionPick)/2)/count%len(regionPick)])
}

const emailDomain = "@summit.example"

func (w *world) planStaff() {
	n := w.opts.Accounts
	r := newRNG(w.opts.Seed)
	ro := &w.roster
	add := func(local, title, role string, region, roleRegion int8) int32 {
		idx := int32(len(w.staff))
		r.reset(streamStaff, int(idx))
		name, english := personName(r, 0.1)
		locale := "zh-CN"
		if english && r.chance(0.5) {
			locale = "en"
		}
		w.staff = append(w.staff, staffUser{
			email: local + emailDomain, name: name, title: title,
			region: region, locale: locale, role: role, roleRegion: roleRegion, manager: -1,
		})
		return idx
	}

	ro.admin = add("admin", "系统管理员", "ADMIN", -1, -1)

	execs := []struct {
		title  string
		region int8
	}{
		{"集团副总裁", -1},
		{"华东区域总裁", 0},
		{"华北区域总裁", 1},
		{"华南区域总裁", 2},
		{"中西部及东北区域总裁", 3},
	}
	for k, e := range execs {
		ro.execs = append(ro.execs, add(demoNumber("exec", k+1), e.title, "EXECUTIVE", e.region, -1))
	}
	// Sponsors: the regional president, the group VP where there is none.
	ro.execByRegion = [6]int32{ro.execs[1], ro.execs[2], ro.execs[3], ro.execs[4], ro.execs[4], ro.execs[4]}

	ro.channelDirector = add("channel", "渠道总监", "PARTNER_MANAGER", -1, -1)
	pms := pmPerRegion(n) * len(regions)
	for k := range pms {
		reg := int8(k % len(regions))
		idx := add(demoNumber("pm", k+1), regions[reg].zh+"渠道经理", "PARTNER_MANAGER", reg, reg)
		ro.pms = append(ro.pms, idx)
		ro.pmsByRegion[reg] = append(ro.pmsByRegion[reg], idx)
	}

	kams := kamCount(n)
	for k := range kams {
		reg := spreadRegion(k, kams)
		title := regions[reg].zh + "大客户经理"
		if k%8 == 0 {
			title = regions[reg].zh + "高级大客户经理"
		}
		idx := add(demoNumber("kam", k+1), title, "KEY_ACCOUNT_MANAGER", reg, -1)
		ro.kams = append(ro.kams, idx)
		ro.kamsByRegion[reg] = append(ro.kamsByRegion[reg], idx)
	}

	for k, c := 0, salesCount(n); k < c; k++ {
		reg := spreadRegion(k, c)
		idx := add(demoNumber("sales", k+1), regions[reg].zh+"销售代表", "MEMBER", reg, -1)
		ro.sales = append(ro.sales, idx)
		ro.salesByRegion[reg] = append(ro.salesByRegion[reg], idx)
	}
	for k, c := 0, presalesCount(n); k < c; k++ {
		reg := spreadRegion(k, c)
		ro.presales = append(ro.presales, add(demoNumber("presales", k+1), "售前解决方案工程师", "MEMBER", reg, -1))
	}
	for k, c := 0, serviceCount(n); k < c; k++ {
		reg := spreadRegion(k, c)
		idx := add(demoNumber("service", k+1), regions[reg].zh+"客户服务经理", "MEMBER", reg, -1)
		ro.service = append(ro.service, idx)
		ro.serviceByRegion[reg] = append(ro.serviceByRegion[reg], idx)
	}
	// Line managers, for churn escalations (sponsor first, then the owner's
	// manager): regional presidents report to the group VP, the channel
	// director too, partner managers to the channel director, everyone in a
	// region to its president.
	for _, e := range ro.execs[1:] {
		w.staff[e].manager = ro.execs[0]
	}
	w.staff[ro.channelDirector].manager = ro.execs[0]
	for _, pm := range ro.pms {
		w.staff[pm].manager = ro.channelDirector
	}
	for _, group := range [][]int32{ro.kams, ro.sales, ro.presales, ro.service} {
		for _, u := range group {
			w.staff[u].manager = ro.execByRegion[w.staff[u].region]
		}
	}
	ro.viewers = append(ro.viewers,
		add("viewer", "只读用户", "VIEWER", -1, -1),
		add("analyst", "经营分析师", "VIEWER", -1, -1),
	)
}

// personName draws a Chinese name, or with probability pEnglish an English
// given name with a pinyin surname ("David Chen").
func personName(r *rng, pEnglish float64) (string, bool) {
	s := surnames[r.pick(len(surnames))]
	if r.chance(pEnglish) {
		return englishGiven[r.pick(len(englishGiven))] + " " + s.en, true
	}
	return s.zh + givenNames[r.pick(len(givenNames))].zh, false
}

// DemoUser is a seeded login.
type DemoUser struct {
	Email string
	Role  string // the role assignment the seed grants
	Title string // zh-CN job title
}

// DemoUsers are the first user of each kind, present in every data set.
var DemoUsers = []DemoUser{
	{"admin@summit.example", "ADMIN", "系统管理员"},
	{"exec01@summit.example", "EXECUTIVE", "集团副总裁"},
	{"exec02@summit.example", "EXECUTIVE", "华东区域总裁"},
	{"kam01@summit.example", "KEY_ACCOUNT_MANAGER", "华东区高级大客户经理"},
	{"channel@summit.example", "PARTNER_MANAGER", "渠道总监"},
	{"pm01@summit.example", "PARTNER_MANAGER", "华东区渠道经理"},
	{"sales01@summit.example", "MEMBER", "华东区销售代表"},
	{"presales01@summit.example", "MEMBER", "售前解决方案工程师"},
	{"service01@summit.example", "MEMBER", "华东区客户服务经理"},
	{"viewer@summit.example", "VIEWER", "只读用户"},
	{"analyst@summit.example", "VIEWER", "经营分析师"},
}
