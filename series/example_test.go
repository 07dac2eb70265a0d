package series_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/schema"
	"github.com/gongkai/gongkai/series"
)

// Two years of one body, under two names, read back from JSON Lines as
// gongkai extract writes them: what 2023 carried over, 2024 did not take.
func ExampleCheck() {
	jsonl := `{"schema_version":"1.1.0","source":{"path":"hongze-2023.pdf","size":1},"status":"ok","report":{"agency":"洪泽区人民政府","year":2023,"template":"2021"},"applications":{"carried_out":{"total":2}},"checks":[]}
{"schema_version":"1.1.0","source":{"path":"hongze-2024.pdf","size":1},"status":"ok","report":{"agency":"淮安市洪泽区人民政府","year":2024,"template":"2021"},"applications":{"carried_in":{"total":0}},"checks":[]}`
	var recs []schema.Record
	sc := bufio.NewScanner(strings.NewReader(jsonl))
	for sc.Scan() {
		var r schema.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			fmt.Println(err)
			return
		}
		recs = append(recs, r)
	}
	bodies, _ := series.Link(recs)
	fmt.Println(bodies[0].Body, bodies[0].Years(), bodies[0].Names)
	for _, f := range series.Check(recs) {
		fmt.Println(f.Severity, f.Rule, f.Years)
		fmt.Println(f.Message)
	}
	// Output:
	// 淮安市洪泽区人民政府 [2023 2024] [洪泽区人民政府 淮安市洪泽区人民政府]
	// fail carryover:total [2023 2024]
	// 2023 carried 2 over to the next year (applications.carried_out.total), but 2024 took over 0 (applications.carried_in.total)
}
