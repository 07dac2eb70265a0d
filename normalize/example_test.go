package normalize_test

import (
	"fmt"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/normalize"
	"github.com/gongkai/gongkai/schema"
)

// The prose of 淮安市洪泽区人民政府's 2024 report, and what its table 三
// prints: the two disagree.
func ExampleNarrative() {
	doc := &extract.Document{Blocks: []extract.Block{
		{Para: &extract.Paragraph{Text: "（二）依申请公开情况。2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。其中，各部门受理申请78件。"}},
		{Para: &extract.Paragraph{Text: "2024年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元。"}},
	}}
	n := normalize.Narrative(doc, schema.Report{Agency: "淮安市洪泽区人民政府", Year: 2024})
	fmt.Println(n["applications.new"].Value, n["applications.new"].Sentence)
	fmt.Println(n["fees.processing"].Value, len(n))
	for _, c := range schema.EvaluateNarrative(n, schema.Values{"applications.new.total": 95}) {
		fmt.Println(c.Rule, c.OK, c.Message)
	}
	// Output:
	// 17 2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。
	// 0 2
	// narrative.applications.new false the prose states 17 (paragraph 1), but applications.new.total = 95
}
