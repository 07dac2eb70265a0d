package pdf

func stitch(pages []*pageResult) []*ptable { return nil }
