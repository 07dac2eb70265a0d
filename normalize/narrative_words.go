package normalize

import "sync"

// The narrative reader's sets of words. A word's sets are one map lookup,
// made at the first sentence read: built at start-up, thirty maps were most
// of normalize's init, `gongkai version` included; searched in order, the
// sets were a fifth of reading prose.

// wordSet names one set of words.
type wordSet uint8

const (
	fillers wordSet = iota
	modifiers
	applicationNouns
	newVerbs
	doneVerbs
	carryVerbs
	nextYear
	pubVerbs
	meetVerbs
	activeVerbs
	carriedIn
	handled
	feeVerbs
	reviewQualifiers
	figureUnits
	lastYearWords
	futureWords
	comparisons
	comparedWith
	negations
	subUnitWords
	scopeWords
	selfWords
	timeWords
	zeroVerbs
	denials
	reviewNouns
	litigationNouns
	feeNouns
	occurred
	fullTime
	partTime
	numWordSets
)

var setWords = [numWordSets][]string{
	// fillers may stand between a noun and its number: 申请共计81件,
	// 行政诉讼案件1件, 解读信息发布7条.
	fillers: {"共", "共计", "合计", "总计", "累计", "总数", "数量", "数", "达", "达到", "为", "计", "有", "共有", "另有", "案件", "案", "了", "的", "等", "发布", "公开", "公布"},
	// modifiers may stand between a unit and its noun: 1份有关政府信息公开行政复议申请.
	modifiers:        {"有关", "的", "政府信息公开", "信息公开", "各类", "类", "涉及"},
	applicationNouns: {"申请", "申请件", "依申请公开", "依申请", "政府信息公开申请"},
	newVerbs:         {"受理", "收到", "新收", "接收", "接到"},
	doneVerbs:        {"答复", "办结", "予以答复"},
	carryVerbs:       {"结转", "顺延", "转入", "延期"},
	nextYear:         {"下年度", "下一年度", "下年"},
	pubVerbs:         {"发布", "制作", "公开", "公布", "推出", "开展", "编发", "刊发", "撰写", "主动公开", "主动发布"},
	meetVerbs:        {"召开", "组织召开", "举办", "举行", "开展", "组织"},
	activeVerbs:      {"主动公开", "主动发布"},
	carriedIn:        {"上年结转"},
	handled:          {"办理"},
	feeVerbs:         {"收取", "产生", "收缴"},
	// A count of reviews or lawsuits with one of these is a part of them.
	reviewQualifiers: {"纠错", "纠正", "维持", "败诉", "胜诉", "撤销", "驳回", "审结", "尚未", "结案"},
	// figureUnits are the words that make a number a count or an amount; a
	// number with anything else after it (年, 月, %, 人, 余条) is not a figure.
	figureUnits:   {"件", "条", "次", "场", "篇", "个", "起", "份", "宗", "元", "万元", "名"},
	lastYearWords: {"上年", "上年度", "上一年", "上一年度", "去年", "前年", "往年", "历年", "以前年度", "他年"},
	futureWords:   {"计划", "拟", "预计", "力争", "下一步", "明年", "目标"},
	comparisons:   {"同比", "较", "比", "相比", "对比", "增长", "增加", "减少", "下降", "上升", "提高", "降低", "增幅", "降幅", "回落", "持平"},
	comparedWith:  {"较", "比", "与", "同", "同比"},
	negations:     {"未", "没有", "无", "不", "未曾", "尚未"},
	subUnitWords:  {"各乡镇", "各部门", "各单位", "各街道", "区直", "市直", "县直", "下属", "所属", "直属", "乡镇", "街道"},
	scopeWords:    {"全区", "全市", "全县", "全省", "全镇", "全乡", "全州", "全旗"},
	// Words that name the body itself when they open a clause: the clause's
	// subject is the body again, whatever other body the sentence named before
	// (落实国务院办公厅…要求，2022年全区共主动公开政府信息14571条).
	selfWords: {"我区", "我市", "我县", "我镇", "我乡", "我局", "我委", "我办", "我厅", "本机关", "本单位", "本局", "本委", "本办", "本厅", "我单位"},
	// timeWords may come before a clause's subject.
	timeWords: {"本年度", "全年", "今年", "本年", "年内", "同时"},
	// zeroVerbs are the verbs that, denied, state a count of zero: 未收到…申请,
	// 未发生…行政复议, 无收取信息处理费.
	zeroVerbs:       {"收到", "受理", "接到", "发生", "出现", "有", "提起", "产生", "收取", "收缴"},
	denials:         {"未", "没有", "无", "未曾"},
	reviewNouns:     {"行政复议"},
	litigationNouns: {"行政诉讼", "诉讼"},
	feeNouns:        {"信息处理费", "信息公开处理费"},
	// occurred are verbs of applications received, beside newVerbs.
	occurred: {"发生", "接受"},
	fullTime: {"专职", "专职人员"},
	partTime: {"兼职", "兼职人员"},
}

// wordClass is the sets a word is in, a bit each.
type wordClass uint64

// classes maps each word of setWords to its sets.
var classes = sync.OnceValue(func() map[string]wordClass {
	m := make(map[string]wordClass, 256)
	for s, ws := range setWords {
		for _, w := range ws {
			m[w] |= 1 << s
		}
	}
	return m
})

// classOf is the sets w is in.
func classOf(w string) wordClass { return classes()[w] }

// in says the class is one of set's words.
func (c wordClass) in(set wordSet) bool { return c&(1<<set) != 0 }

// has says w is one of the set's words.
func (s wordSet) has(w string) bool { return classOf(w).in(s) }

// has says one of toks is one of the set's words.
func has(toks []token, set wordSet) bool {
	for _, t := range toks {
		if set.has(t.text) {
			return true
		}
	}
	return false
}
