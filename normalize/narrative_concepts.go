package normalize

import "strings"

// What a figure counts is decided by the noun beside it — before the
// number (受理政府信息公开申请17件) or after its unit (共收到70件申请) — and,
// for applications, by the verb of its clause.

// nounFamily says which family of keys a noun belongs to.
func nounFamily(w string) string {
	switch {
	case w == "行政复议":
		return "review"
	case w == "行政诉讼", w == "诉讼":
		return "litigation"
	case applicationNouns.has(w):
		return "applications"
	case strings.Contains(w, "解读"):
		return "interpretations"
	case w == "新闻发布会", w == "发布会":
		return "press"
	case w == "政府信息":
		return "published"
	case w == "信息处理费", w == "信息公开处理费":
		return "fee"
	case w == "举报", w == "投诉", w == "申诉", w == "举报投诉", w == "投诉举报":
		return "complaints"
	case w == "人员", w == "工作人员", w == "专职人员", w == "兼职人员":
		return "staff"
	}
	return ""
}

// channels are the ways of making an application that 2008–2018 reports
// count, by the word before 申请.
var channels = map[string]string{
	"当面": "in_person", "现场": "in_person",
	"网上": "online", "网络": "online", "在线": "online",
	"信函": "letter", "邮寄": "letter",
	"传真":   "fax",
	"电子邮件": "email", "邮件": "email",
}

// channelOf is the channel a figure's noun names: 当面申请12件.
func channelOf(pre []token) string {
	j := len(pre) - 1
	for j >= 0 && fillers.has(pre[j].text) {
		j--
	}
	if j < 0 {
		return ""
	}
	w := pre[j].text
	if w == "申请" && j > 0 {
		w = pre[j-1].text + w
	}
	for word, ch := range channels {
		if w == word+"申请" {
			return ch
		}
	}
	return ""
}

// family finds the noun the figure counts; noun is false when only the
// clause's verb says it is about applications (办结69件, 上年结转5件).
func family(pre, post []token) (fam string, noun bool) {
	if replyKind(pre) != "" {
		return "replies", true
	}
	j := len(pre) - 1
	for j >= 0 && fillers.has(pre[j].text) {
		j--
	}
	if j >= 0 {
		if f := nounFamily(pre[j].text); f != "" {
			if f == "applications" { // 行政复议申请: a request for review
				k := j - 1
				for k >= 0 && modifiers.has(pre[k].text) {
					k--
				}
				if k >= 0 {
					if g := nounFamily(pre[k].text); g == "review" || g == "litigation" {
						return g, true
					}
				}
			}
			return f, true
		}
	}
	k := 0
	for k < len(post) && modifiers.has(post[k].text) {
		k++
	}
	if k < len(post) {
		if f := nounFamily(post[k].text); f != "" {
			if k+1 < len(post) && post[k+1].text == "中" {
				return "", false // 在主动公开的425条政府信息中: a frame, not a figure
			}
			return f, true
		}
	}
	if carriesOver(pre, post) || j >= 0 && (newVerbs.has(pre[j].text) || doneVerbs.has(pre[j].text) || carriedIn.has(pre[j].text)) {
		return "applications", false
	}
	return "", false
}

// carriesOver spots applications carried to next year: 结转下年度,
// 顺延到下年度, 结转至2026年.
func carriesOver(pre, post []token) bool {
	return (has(pre, carryVerbs) || has(post, carryVerbs)) && (has(pre, nextYear) || has(post, nextYear))
}

// key decides the narrative key of a figure of the family fam, or "";
// appBefore says the sentence names applications before the figure.
func key(fam string, noun bool, pre, post []token, appBefore bool) string {
	switch fam {
	case "review", "litigation":
		if has(pre, reviewQualifiers) {
			return ""
		}
		if fam == "review" {
			return "review.total"
		}
		return "litigation.total"
	case "replies":
		return "replies." + replyKind(pre)
	case "complaints":
		if has(pre, newVerbs) || has(pre, occurred) {
			return "complaints.total"
		}
	case "staff":
		return staffKey(pre, post)
	case "applications":
		return applicationKey(noun, pre, post, appBefore)
	case "interpretations":
		if has(pre, pubVerbs) {
			return "active.interpretations"
		}
	case "press":
		if has(pre, meetVerbs) {
			return "active.press_conferences"
		}
	case "published":
		if has(pre, activeVerbs) || proactive(pre) {
			return "active.published"
		}
	case "fee":
		if has(pre, feeVerbs) {
			return "fees.processing"
		}
	}
	return ""
}

// staffKey tells full-time from part-time staff: 专职人员2名, 兼职人员4名.
func staffKey(pre, post []token) string {
	switch {
	case has(pre, fullTime) || len(post) > 0 && post[0].text == "专职人员":
		return "staff.full_time"
	case has(pre, partTime) || len(post) > 0 && post[0].text == "兼职人员":
		return "staff.part_time"
	}
	return ""
}

// applicationKey decides what a figure about applications counts: a
// channel, those carried in or out, those received, those concluded.
func applicationKey(noun bool, pre, post []token, appBefore bool) string {
	if !noun && !appBefore {
		return "" // 办结171件 with no application in sight
	}
	if ch := channelOf(pre); ch != "" && noun {
		return "applications." + ch
	}
	switch {
	case carriesOver(pre, post):
		return "applications.carried_out"
	case has(pre, carriedIn):
		return "applications.carried_in"
	}
	isNew, isDone := has(pre, newVerbs), has(pre, doneVerbs)
	switch {
	case has(pre, handled): // 办理: received or concluded?
	case isNew && !isDone:
		return "applications.new"
	case isDone && !isNew:
		return "applications.concluded"
	}
	return ""
}

// proactive spots 主动 … 公开/发布 written apart.
func proactive(pre []token) bool {
	for k, t := range pre {
		if t.text == "主动" && k+1 < len(pre) && (pre[k+1].text == "公开" || pre[k+1].text == "发布" || pre[k+1].text == "公布") {
			return true
		}
	}
	return false
}

// replyKind reads the kind of reply a 2008–2018 report counts right before
// a figure — 同意公开答复数17条, 同意部分公开答复2件, 不予公开答复1件 — or "".
func replyKind(pre []token) string {
	j := len(pre) - 1
	for j >= 0 && fillers.has(pre[j].text) {
		j--
	}
	if j < 0 || pre[j].text != "答复" && pre[j].text != "答复数" {
		return ""
	}
	var b strings.Builder
	for k := max(0, j-4); k < j; k++ {
		b.WriteString(pre[k].text)
	}
	s := b.String()
	switch {
	case strings.HasSuffix(s, "同意部分公开"), strings.HasSuffix(s, "部分同意公开"):
		return "partially_granted"
	case strings.HasSuffix(s, "不同意公开"), strings.HasSuffix(s, "不予公开"), strings.HasSuffix(s, "否决公开"):
		return "denied"
	case strings.HasSuffix(s, "同意公开"):
		return "granted"
	}
	return ""
}
