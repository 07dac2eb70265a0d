package docx

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"sort"
	"strings"

	"github.com/gongkai/gongkai/extract"
	"github.com/gongkai/gongkai/extract/pdf"
)

// Some reports paste their tables as pictures. When a document has no
// table of its own but has pictures (or OCR is forced), the pictures large
// enough to hold a table are read with OCR, in the order of their part names (Word numbers
// them image1, image2, … as they appear), and their tables are added after
// the text: normalize finds a table by its header, not by its place.

// minTablePicture is the size in pixels from which a picture may be a table.
const minTablePicture = 500

// pictureTables OCRs the media pictures of p into blocks for doc.
func pictureTables(ctx context.Context, p *pkg, doc *extract.Document) error {
	var names []string
	for name := range p.byName {
		if strings.HasPrefix(name, "word/media/") {
			names = append(names, name)
		}
	}
	sort.Slice(names, func(i, j int) bool { return mediaOrder(names[i]) < mediaOrder(names[j]) })
	for _, name := range names {
		data, err := p.read(name)
		if err != nil {
			continue
		}
		var img image.Image
		switch {
		case bytes.HasPrefix(data, []byte("\x89PNG")):
			img, err = png.Decode(bytes.NewReader(data))
		case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")):
			img, err = jpeg.Decode(bytes.NewReader(data))
		default:
			continue
		}
		if err != nil || img.Bounds().Dx() < minTablePicture || img.Bounds().Dy() < minTablePicture/4 {
			continue
		}
		blocks, err := pdf.Picture(ctx, img, 0, len(doc.Tables())+1)
		if err != nil {
			return err
		}
		for _, b := range blocks {
			if b.Table != nil {
				doc.Blocks = append(doc.Blocks, b)
			}
		}
		doc.OCRPages++
	}
	return nil
}

// mediaOrder sorts image2 before image10.
func mediaOrder(name string) string {
	base := name[strings.LastIndexByte(name, '/')+1:]
	i := strings.IndexAny(base, "0123456789")
	if i < 0 {
		return base
	}
	j := i
	for j < len(base) && base[j] >= '0' && base[j] <= '9' {
		j++
	}
	return base[:i] + strings.Repeat("0", max(0, 8-(j-i))) + base[i:]
}
