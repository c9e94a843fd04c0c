package seed

// Name, place and text pools. Everything the generator writes comes from
// these tables (plus numbers), so generation never formats strings with fmt
// in a hot loop and the output is stable across Go versions.

// zhEn is a Chinese word or phrase with its English rendering (pinyin for
// names, a translation for everything else).
type zhEn struct{ zh, en string }

// A city with a relative weight: big cities get more accounts.
type city struct {
	zh, en string
	weight int
}

type province struct {
	zh, en string
	cities []city
}

// regionInfo is one sales region; codes are what accounts.region,
// users.region and role_assignments.region store.
type regionInfo struct {
	code      string
	zh, en    string
	weight    int // share of accounts, percent
	provinces []province
}

// regions are the six sales regions. The order is part of the output
// (partner manager pmNN serves regions[(NN-1) % 6]).
var regions = []regionInfo{
	{code: "EAST", zh: "华东区", en: "East China", weight: 32, provinces: []province{
		{"上海", "Shanghai", []city{{"上海", "Shanghai", 10}}},
		{"江苏", "Jiangsu", []city{{"南京", "Nanjing", 5}, {"苏州", "Suzhou", 6}, {"无锡", "Wuxi", 3}, {"常州", "Changzhou", 2}, {"南通", "Nantong", 2}}},
		{"浙江", "Zhejiang", []city{{"杭州", "Hangzhou", 6}, {"宁波", "Ningbo", 4}, {"温州", "Wenzhou", 2}, {"绍兴", "Shaoxing", 1}}},
		{"安徽", "Anhui", []city{{"合肥", "Hefei", 3}, {"芜湖", "Wuhu", 1}}},
		{"福建", "Fujian", []city{{"福州", "Fuzhou", 2}, {"厦门", "Xiamen", 3}, {"泉州", "Quanzhou", 2}}},
		{"江西", "Jiangxi", []city{{"南昌", "Nanchang", 2}}},
		{"山东", "Shandong", []city{{"济南", "Jinan", 3}, {"青岛", "Qingdao", 4}, {"烟台", "Yantai", 2}}},
	}},
	{code: "NORTH", zh: "华北区", en: "North China", weight: 18, provinces: []province{
		{"北京", "Beijing", []city{{"北京", "Beijing", 10}}},
		{"天津", "Tianjin", []city{{"天津", "Tianjin", 4}}},
		{"河北", "Hebei", []city{{"石家庄", "Shijiazhuang", 2}, {"唐山", "Tangshan", 1}, {"保定", "Baoding", 1}}},
		{"山西", "Shanxi", []city{{"太原", "Taiyuan", 2}}},
		{"内蒙古", "Inner Mongolia", []city{{"呼和浩特", "Hohhot", 1}, {"包头", "Baotou", 1}}},
	}},
	{code: "SOUTH", zh: "华南区", en: "South China", weight: 20, provinces: []province{
		{"广东", "Guangdong", []city{{"广州", "Guangzhou", 8}, {"深圳", "Shenzhen", 9}, {"东莞", "Dongguan", 3}, {"佛山", "Foshan", 3}, {"珠海", "Zhuhai", 1}}},
		{"广西", "Guangxi", []city{{"南宁", "Nanning", 2}, {"柳州", "Liuzhou", 1}}},
		{"海南", "Hainan", []city{{"海口", "Haikou", 1}, {"三亚", "Sanya", 1}}},
	}},
	{code: "CENTRAL", zh: "华中区", en: "Central China", weight: 12, provinces: []province{
		{"河南", "Henan", []city{{"郑州", "Zhengzhou", 4}, {"洛阳", "Luoyang", 1}}},
		{"湖北", "Hubei", []city{{"武汉", "Wuhan", 5}, {"宜昌", "Yichang", 1}}},
		{"湖南", "Hunan", []city{{"长沙", "Changsha", 4}, {"株洲", "Zhuzhou", 1}}},
	}},
	{code: "WEST", zh: "西部区", en: "West China", weight: 12, provinces: []province{
		{"重庆", "Chongqing", []city{{"重庆", "Chongqing", 5}}},
		{"四川", "Sichuan", []city{{"成都", "Chengdu", 6}, {"绵阳", "Mianyang", 1}}},
		{"贵州", "Guizhou", []city{{"贵阳", "Guiyang", 1}}},
		{"云南", "Yunnan", []city{{"昆明", "Kunming", 2}}},
		{"陕西", "Shaanxi", []city{{"西安", "Xi'an", 4}}},
		{"甘肃", "Gansu", []city{{"兰州", "Lanzhou", 1}}},
		{"新疆", "Xinjiang", []city{{"乌鲁木齐", "Urumqi", 1}}},
		{"宁夏", "Ningxia", []city{{"银川", "Yinchuan", 1}}},
	}},
	{code: "NORTHEAST", zh: "东北区", en: "Northeast China", weight: 6, provinces: []province{
		{"辽宁", "Liaoning", []city{{"沈阳", "Shenyang", 3}, {"大连", "Dalian", 3}}},
		{"吉林", "Jilin", []city{{"长春", "Changchun", 2}}},
		{"黑龙江", "Heilongjiang", []city{{"哈尔滨", "Harbin", 2}, {"大庆", "Daqing", 1}}},
	}},
}

// place is a flattened (region, province, city) triple.
type place struct {
	region   uint8
	province *province
	city     *city
}

// regionPlaces lists every city of each region, repeated by weight, so a
// uniform pick is a weighted pick.
var regionPlaces = func() [][]place {
	out := make([][]place, len(regions))
	for ri := range regions {
		for pi := range regions[ri].provinces {
			p := &regions[ri].provinces[pi]
			for ci := range p.cities {
				c := &p.cities[ci]
				for range c.weight {
					out[ri] = append(out[ri], place{region: uint8(ri), province: p, city: c})
				}
			}
		}
	}
	return out
}()

// regionPick is regions repeated by weight.
var regionPick = func() []uint8 {
	var out []uint8
	for ri, r := range regions {
		for range r.weight {
			out = append(out, uint8(ri))
		}
	}
	return out
}()

var surnames = []zhEn{
	{"王", "Wang"}, {"李", "Li"}, {"张", "Zhang"}, {"刘", "Liu"}, {"陈", "Chen"}, {"杨", "Yang"}, {"黄", "Huang"},
	{"赵", "Zhao"}, {"吴", "Wu"}, {"周", "Zhou"}, {"徐", "Xu"}, {"孙", "Sun"}, {"马", "Ma"}, {"朱", "Zhu"},
	{"胡", "Hu"}, {"郭", "Guo"}, {"何", "He"}, {"高", "Gao"}, {"林", "Lin"}, {"罗", "Luo"}, {"郑", "Zheng"},
	{"梁", "Liang"}, {"谢", "Xie"}, {"宋", "Song"}, {"唐", "Tang"}, {"许", "Xu"}, {"韩", "Han"}, {"冯", "Feng"},
	{"邓", "Deng"}, {"曹", "Cao"}, {"彭", "Peng"}, {"曾", "Zeng"}, {"肖", "Xiao"}, {"田", "Tian"}, {"董", "Dong"},
	{"袁", "Yuan"}, {"潘", "Pan"}, {"于", "Yu"}, {"蒋", "Jiang"}, {"蔡", "Cai"}, {"余", "Yu"}, {"杜", "Du"},
	{"叶", "Ye"}, {"程", "Cheng"}, {"苏", "Su"}, {"魏", "Wei"}, {"吕", "Lyu"}, {"丁", "Ding"}, {"任", "Ren"},
	{"沈", "Shen"}, {"姚", "Yao"}, {"卢", "Lu"}, {"姜", "Jiang"}, {"崔", "Cui"}, {"钟", "Zhong"}, {"谭", "Tan"},
	{"陆", "Lu"}, {"汪", "Wang"}, {"范", "Fan"}, {"金", "Jin"}, {"石", "Shi"}, {"廖", "Liao"}, {"贾", "Jia"},
	{"夏", "Xia"}, {"韦", "Wei"}, {"付", "Fu"}, {"方", "Fang"}, {"白", "Bai"}, {"邹", "Zou"}, {"孟", "Meng"},
	{"熊", "Xiong"}, {"秦", "Qin"}, {"邱", "Qiu"}, {"江", "Jiang"}, {"尹", "Yin"}, {"薛", "Xue"}, {"闫", "Yan"},
	{"段", "Duan"}, {"雷", "Lei"}, {"侯", "Hou"}, {"龙", "Long"}, {"史", "Shi"}, {"陶", "Tao"}, {"黎", "Li"},
	{"贺", "He"}, {"顾", "Gu"}, {"毛", "Mao"}, {"郝", "Hao"}, {"龚", "Gong"}, {"邵", "Shao"}, {"万", "Wan"},
	{"钱", "Qian"}, {"严", "Yan"}, {"武", "Wu"}, {"戴", "Dai"}, {"孔", "Kong"}, {"汤", "Tang"}, {"欧阳", "Ouyang"},
	{"司马", "Sima"}, {"上官", "Shangguan"},
}

var givenNames = []zhEn{
	{"伟", "Wei"}, {"芳", "Fang"}, {"娜", "Na"}, {"敏", "Min"}, {"静", "Jing"}, {"丽", "Li"}, {"强", "Qiang"},
	{"磊", "Lei"}, {"军", "Jun"}, {"洋", "Yang"}, {"勇", "Yong"}, {"艳", "Yan"}, {"杰", "Jie"}, {"娟", "Juan"},
	{"涛", "Tao"}, {"明", "Ming"}, {"超", "Chao"}, {"秀英", "Xiuying"}, {"霞", "Xia"}, {"平", "Ping"}, {"刚", "Gang"},
	{"建华", "Jianhua"}, {"志强", "Zhiqiang"}, {"海燕", "Haiyan"}, {"晓明", "Xiaoming"}, {"文博", "Wenbo"},
	{"子涵", "Zihan"}, {"雨桐", "Yutong"}, {"浩然", "Haoran"}, {"思远", "Siyuan"}, {"俊杰", "Junjie"},
	{"欣怡", "Xinyi"}, {"梓萱", "Zixuan"}, {"宇航", "Yuhang"}, {"佳琪", "Jiaqi"}, {"嘉怡", "Jiayi"},
	{"晨曦", "Chenxi"}, {"一鸣", "Yiming"}, {"天佑", "Tianyou"}, {"建国", "Jianguo"}, {"国强", "Guoqiang"},
	{"志明", "Zhiming"}, {"丽华", "Lihua"}, {"玉兰", "Yulan"}, {"春梅", "Chunmei"}, {"海涛", "Haitao"},
	{"晓东", "Xiaodong"}, {"立新", "Lixin"}, {"红梅", "Hongmei"}, {"振华", "Zhenhua"}, {"永刚", "Yonggang"},
	{"宏伟", "Hongwei"}, {"晓燕", "Xiaoyan"}, {"雪梅", "Xuemei"}, {"鹏", "Peng"}, {"辉", "Hui"}, {"斌", "Bin"},
	{"凯", "Kai"}, {"琳", "Lin"}, {"婷", "Ting"}, {"倩", "Qian"}, {"颖", "Ying"}, {"慧", "Hui"}, {"博", "Bo"},
	{"睿", "Rui"}, {"昊", "Hao"}, {"晨", "Chen"}, {"悦", "Yue"}, {"瑶", "Yao"}, {"楠", "Nan"}, {"丹", "Dan"},
	{"萍", "Ping"}, {"琦", "Qi"}, {"露", "Lu"}, {"健", "Jian"}, {"亮", "Liang"}, {"波", "Bo"}, {"峰", "Feng"},
	{"飞", "Fei"}, {"宁", "Ning"}, {"帆", "Fan"}, {"薇", "Wei"}, {"璐", "Lu"}, {"佳", "Jia"}, {"鑫", "Xin"},
	{"晶", "Jing"}, {"蕾", "Lei"}, {"国华", "Guohua"}, {"志刚", "Zhigang"}, {"美玲", "Meiling"}, {"少华", "Shaohua"},
}

// englishGiven are the English first names some staff and contacts use
// ("David Chen").
var englishGiven = []string{
	"David", "Michael", "Jennifer", "Kevin", "Linda", "Eric", "Grace", "Jason", "Amy", "Peter",
	"Vivian", "Tony", "Cindy", "Frank", "Helen", "Steven", "Emily", "Daniel", "Sophia", "Leo",
	"Alice", "Brian", "Catherine", "Edward", "Fiona", "George", "Iris", "James", "Karen", "Victor",
}

// brandHead and brandTail make two-character trade names (恒达 Hengda).
var brandHead = []zhEn{
	{"华", "Hua"}, {"恒", "Heng"}, {"鑫", "Xin"}, {"盛", "Sheng"}, {"泰", "Tai"}, {"宏", "Hong"}, {"信", "Xin"},
	{"通", "Tong"}, {"源", "Yuan"}, {"隆", "Long"}, {"瑞", "Rui"}, {"安", "An"}, {"凯", "Kai"}, {"博", "Bo"},
	{"嘉", "Jia"}, {"锦", "Jin"}, {"润", "Run"}, {"丰", "Feng"}, {"昌", "Chang"}, {"远", "Yuan"}, {"永", "Yong"},
	{"新", "Xin"}, {"金", "Jin"}, {"天", "Tian"}, {"中", "Zhong"}, {"海", "Hai"}, {"汇", "Hui"}, {"聚", "Ju"},
	{"创", "Chuang"}, {"明", "Ming"}, {"正", "Zheng"}, {"德", "De"}, {"兴", "Xing"}, {"辰", "Chen"}, {"宇", "Yu"},
	{"腾", "Teng"}, {"万", "Wan"}, {"和", "He"}, {"鼎", "Ding"}, {"美", "Mei"},
}

var brandTail = []zhEn{
	{"达", "da"}, {"通", "tong"}, {"泰", "tai"}, {"信", "xin"}, {"源", "yuan"}, {"盛", "sheng"}, {"华", "hua"},
	{"丰", "feng"}, {"利", "li"}, {"成", "cheng"}, {"安", "an"}, {"宇", "yu"}, {"辉", "hui"}, {"瑞", "rui"},
	{"祥", "xiang"}, {"鸿", "hong"}, {"远", "yuan"}, {"晟", "sheng"}, {"峰", "feng"}, {"腾", "teng"},
	{"恒", "heng"}, {"力", "li"}, {"联", "lian"}, {"创", "chuang"}, {"拓", "tuo"}, {"锐", "rui"}, {"航", "hang"},
	{"弘", "hong"}, {"奥", "ao"}, {"海", "hai"}, {"科", "ke"}, {"达通", "datong"}, {"新", "xin"}, {"达利", "dali"},
}

// Company-form suffixes.
var (
	suffixLtd      = zhEn{"有限公司", "Co., Ltd."}
	suffixJSC      = zhEn{"股份有限公司", "Co., Ltd."}
	suffixGroup    = zhEn{"集团有限公司", "Group Co., Ltd."}
	suffixBranch   = zhEn{"分公司", "Branch"}
	suffixRegional = zhEn{"区域公司", "Regional Company"}
)

// Naming styles of a category.
const (
	styleBrand       = iota // [city] brand word 有限公司
	styleInstitution        // city institution (hospitals, schools, agencies)
	styleOpsCenter          // brand 集团 region 运营中心
	styleConsumer           // small shops, studios and individuals
	styleInternal           // our own units
)

// categoryInfo is an admin-defined category as the seed defines it, with
// what the generator needs to name accounts in it.
type categoryInfo struct {
	code, zh, en, desc string
	industry           string
	style              int
	words              []zhEn
	weight             int // relative weight among B2B accounts
}

var categories = []categoryInfo{
	{code: "CONSTRUCTION_COMPANY", zh: "建筑公司", en: "Construction company", desc: "施工总承包、专业分包及工程建设企业", industry: "建筑业", style: styleBrand, weight: 14,
		words: []zhEn{{"建设工程", "Construction Engineering"}, {"建工", "Construction"}, {"路桥建设", "Road & Bridge Construction"}, {"装饰工程", "Decoration Engineering"}, {"市政工程", "Municipal Engineering"}}},
	{code: "TRADING_COMPANY", zh: "贸易公司", en: "Trading company", desc: "批发、进出口及供应链贸易企业", industry: "批发和零售业", style: styleBrand, weight: 12,
		words: []zhEn{{"贸易", "Trading"}, {"商贸", "Commerce"}, {"进出口", "Import & Export"}, {"供应链管理", "Supply Chain Management"}}},
	{code: "OPERATIONS_CENTER", zh: "运营中心", en: "Operations center", desc: "集团区域运营中心、共享服务中心", industry: "租赁和商务服务业", style: styleOpsCenter, weight: 5,
		words: []zhEn{{"运营中心", "Operations Center"}, {"共享服务中心", "Shared Services Center"}, {"数据中心", "Data Center"}}},
	{code: "PROJECT_RETAIL", zh: "项目零售", en: "Project retail", desc: "按项目采购的零售与商业连锁客户", industry: "零售业", style: styleBrand, weight: 8,
		words: []zhEn{{"商业管理", "Commercial Management"}, {"连锁超市", "Supermarket Chain"}, {"百货", "Department Store"}, {"购物中心", "Shopping Mall"}}},
	{code: "MANUFACTURING", zh: "制造企业", en: "Manufacturing", desc: "离散与流程制造企业", industry: "制造业", style: styleBrand, weight: 16,
		words: []zhEn{{"机械制造", "Machinery Manufacturing"}, {"电子科技", "Electronic Technology"}, {"汽车零部件", "Auto Parts"}, {"新材料", "New Materials"}, {"精密仪器", "Precision Instruments"}, {"化工", "Chemical"}}},
	{code: "HEALTHCARE", zh: "医疗机构", en: "Healthcare", desc: "医院、卫生机构及医药企业", industry: "卫生和社会工作", style: styleInstitution, weight: 7,
		words: []zhEn{{"第一人民医院", "First People's Hospital"}, {"第二人民医院", "Second People's Hospital"}, {"中心医院", "Central Hospital"}, {"中医院", "Hospital of Traditional Chinese Medicine"}, {"妇幼保健院", "Maternal and Child Health Hospital"}, {"肿瘤医院", "Cancer Hospital"}}},
	{code: "EDUCATION", zh: "教育机构", en: "Education", desc: "高校、职业院校及中小学", industry: "教育", style: styleInstitution, weight: 6,
		words: []zhEn{{"大学", "University"}, {"职业技术学院", "Vocational and Technical College"}, {"第一中学", "No. 1 Middle School"}, {"外国语学校", "Foreign Languages School"}, {"理工学院", "Institute of Technology"}}},
	{code: "GOVERNMENT", zh: "政府及公共事业", en: "Government & public sector", desc: "政府部门与公共事业单位", industry: "公共管理和社会组织", style: styleInstitution, weight: 6,
		words: []zhEn{{"大数据管理局", "Big Data Administration"}, {"交通运输局", "Transport Bureau"}, {"自来水公司", "Water Supply Company"}, {"公共资源交易中心", "Public Resources Trading Center"}, {"税务局", "Tax Bureau"}, {"政务服务中心", "Government Service Center"}}},
	{code: "ENERGY", zh: "能源企业", en: "Energy", desc: "电力、燃气及新能源企业", industry: "电力、热力、燃气及水生产和供应业", style: styleBrand, weight: 5,
		words: []zhEn{{"能源", "Energy"}, {"电力", "Power"}, {"新能源", "New Energy"}, {"燃气", "Gas"}}},
	{code: "FINANCE", zh: "金融机构", en: "Financial institution", desc: "银行、证券、保险及租赁机构", industry: "金融业", style: styleBrand, weight: 5,
		words: []zhEn{{"证券", "Securities"}, {"保险", "Insurance"}, {"融资租赁", "Financial Leasing"}, {"农村商业银行", "Rural Commercial Bank"}}},
	{code: "LOGISTICS", zh: "物流企业", en: "Logistics", desc: "物流、快运与仓储企业", industry: "交通运输、仓储和邮政业", style: styleBrand, weight: 6,
		words: []zhEn{{"物流", "Logistics"}, {"快运", "Express"}, {"仓储", "Warehousing"}, {"国际货运代理", "International Freight Forwarding"}}},
	{code: "IT_SERVICES", zh: "信息技术服务", en: "IT services", desc: "软件、系统集成与互联网企业", industry: "信息传输、软件和信息技术服务业", style: styleBrand, weight: 10,
		words: []zhEn{{"信息技术", "Information Technology"}, {"软件", "Software"}, {"数据科技", "Data Technology"}, {"网络科技", "Network Technology"}, {"系统集成", "Systems Integration"}}},
	{code: "CHANNEL_PARTNER", zh: "渠道伙伴", en: "Channel partner", desc: "分销商、代理商、经销商及加盟店", industry: "批发和零售业", style: styleBrand,
		words: []zhEn{{"数码科技", "Digital Technology"}, {"电脑", "Computer"}, {"信息系统", "Information Systems"}, {"科技发展", "Technology Development"}, {"电子商务", "E-Commerce"}}},
	{code: "CONSUMER", zh: "个人及小微客户", en: "Consumers & micro-businesses", desc: "个人消费者、个体工商户和小微企业", industry: "居民服务业", style: styleConsumer,
		words: []zhEn{{"设计工作室", "Design Studio"}, {"数码专营店", "Digital Store"}, {"律师事务所", "Law Firm"}, {"会计师事务所", "Accounting Firm"}, {"口腔诊所", "Dental Clinic"}, {"文化传媒", "Culture & Media"}}},
	{code: "INTERNAL", zh: "内部单位", en: "Internal unit", desc: "集团内部事业部、研发中心与子公司", industry: "内部", style: styleInternal,
		words: []zhEn{{"研发中心", "R&D Center"}, {"信息中心", "IT Center"}, {"制造基地", "Manufacturing Base"}, {"客户服务中心", "Customer Service Center"}}},
}

// Indexes into categories of the categories the generator picks by kind.
var (
	catChannel  = categoryIndex("CHANNEL_PARTNER")
	catConsumer = categoryIndex("CONSUMER")
	catInternal = categoryIndex("INTERNAL")
	// b2bCategoryPick is the B2B categories repeated by weight.
	b2bCategoryPick = func() []uint8 {
		var out []uint8
		for i, c := range categories {
			for range c.weight {
				out = append(out, uint8(i))
			}
		}
		return out
	}()
)

func categoryIndex(code string) uint8 {
	for i, c := range categories {
		if c.code == code {
			return uint8(i)
		}
	}
	panic("seed: unknown category " + code)
}

// ourName is how internal accounts name the company running Summit.
var ourName = zhEn{"顶峰科技", "Summit Technology"}

// productLines are what the company sells; orders carry one.
var productLines = []string{
	"服务器", "存储", "网络设备", "笔记本电脑", "台式机", "工作站", "打印与影像", "软件与云服务", "运维服务", "安全产品",
}

// titleDept is a contact's job title and the department it sits in.
type titleDept struct{ title, dept string }

// Contact titles by buying role.
var (
	titlesDecisionMaker = []titleDept{{"总经理", "总经办"}, {"副总裁", "总经办"}, {"采购总监", "采购部"}, {"首席信息官", "信息中心"}, {"信息中心主任", "信息中心"}}
	titlesInfluencer    = []titleDept{{"技术总监", "技术部"}, {"IT经理", "信息中心"}, {"项目经理", "技术部"}, {"架构师", "信息中心"}, {"采购经理", "采购部"}}
	titlesUser          = []titleDept{{"系统管理员", "信息中心"}, {"运维主管", "运维部"}, {"工程师", "技术部"}, {"行政主管", "行政部"}}
	titlesGatekeeper    = []titleDept{{"总经理助理", "总经办"}, {"采购专员", "采购部"}, {"行政秘书", "行政部"}}
	titlesApprover      = []titleDept{{"财务总监", "财务部"}, {"法务经理", "法务部"}, {"审计主管", "审计部"}}
)

// Touchpoint texts by kind (VISIT, CALL, MEETING, EMAIL, EVENT); the last
// entry of each kind is English, for owners who write in English.
var touchSummaries = [5][]string{
	{"拜访客户信息中心，了解下一年度IT预算与采购计划", "上门拜访，演示新一代服务器解决方案", "陪同售前现场勘查机房环境", "拜访客户高层，沟通战略合作框架", "拜访采购部，确认供应商年度评审结果", "On-site visit to review the data-center refresh plan"},
	{"电话跟进报价反馈", "电话沟通交付进度及到货安排", "电话回访，确认上批设备运行情况", "电话催收逾期货款，客户承诺月底前付款", "电话沟通续保及维保合同", "Follow-up call on the quotation"},
	{"季度业务回顾会（QBR）", "与采购部召开商务谈判会议", "技术交流会：存储扩容方案评审", "年度合作规划研讨会", "项目启动会", "Quarterly business review with procurement and IT"},
	{"发送正式报价单及技术白皮书", "邮件确认合同条款修改", "发送满意度调查问卷", "邮件通知新品发布与渠道促销政策", "发送项目验收报告", "Sent the revised proposal and price list"},
	{"邀请参加年度客户大会", "参加行业峰会并安排高层会面", "邀请参观总部展厅及工厂", "新品发布会现场交流", "客户答谢会", "Hosted the customer at our partner summit"},
}

var touchNextSteps = []string{
	"准备正式报价", "安排技术交流", "提交方案建议书", "跟进合同审批", "安排高层拜访", "确认交付时间表", "催收回款", "安排试用设备", "Send the updated quotation",
}

var complaintTopics = []zhEn{
	{"交付延迟", "设备到货比合同约定晚两周，影响项目上线"},
	{"产品质量问题", "部分设备开箱即损，要求更换"},
	{"售后响应慢", "报修后超过48小时无工程师上门"},
	{"发票开具错误", "发票抬头与税号有误，需重新开具"},
	{"价格争议", "同型号产品报价高于其他渠道"},
	{"备件短缺", "维保备件长期缺货"},
	{"安装调试问题", "安装调试不规范，造成系统宕机"},
}

var surveyComments = []string{
	"服务响应及时，满意", "交付周期偏长", "价格有竞争力", "希望加强技术培训", "客户经理专业负责", "售后工程师水平有待提高", "Great support team",
}

var badSurveyComments = []string{
	"对接人员频繁更换，沟通不畅", "问题反馈后长期无人跟进", "考虑引入其他供应商", "价格与服务不匹配",
}
