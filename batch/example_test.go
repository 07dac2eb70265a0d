package batch_test

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai"
	"github.com/gongkai/gongkai/batch"
)

// A batch over the bundled samples: records come in walk order.
func ExampleRunner() {
	run := &batch.Runner{Converter: gongkai.New(), Workers: 2}
	in := &batch.Inputs{Roots: []string{"../samples/reports"}}
	_, err := run.Run(context.Background(), in.Walk, func(r batch.Result) error {
		fmt.Println(r.Seq, r.Record.Status, r.Record.Report.Year)
		return nil
	})
	fmt.Println(err)
	// Output:
	// 0 ok 2020
	// 1 ok 2023
	// 2 ok 2022
	// 3 ok 2024
	// <nil>
}
