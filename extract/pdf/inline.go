package pdf

// Inline images: "BI", a dictionary, "ID", one white-space byte, binary
// data, "EI". The data is skipped without being tokenized. Its length is
// known when the image says (/L, PDF 2.0) or is unfiltered (width, height,
// bits and colours give it); otherwise the data ends at the first "EI"
// between white space that is followed by text that looks like content
// rather than binary data.

func (lx *lexer) skipInlineImage() {
	dict := map[string]operand{}
	key := ""
	for {
		lx.skipSpace()
		if lx.i >= len(lx.b) {
			return
		}
		c := lx.b[lx.i]
		if isRegular(c) && !isNumStart(c) {
			w := lx.word()
			if w == "ID" {
				break
			}
			if w == "EI" { // an image without data
				return
			}
			if key != "" {
				dict[key] = operand{kind: opName, s: w} // true, false
				key = ""
			}
			continue
		}
		v := lx.value(0)
		switch {
		case key != "":
			dict[key], key = v, ""
		case v.kind == opName:
			key = v.s
		}
	}
	if lx.i < len(lx.b) && isSpace(lx.b[lx.i]) {
		lx.i++
	}
	start := lx.i
	if n, ok := inlineLength(dict); ok && start+n <= len(lx.b) && endsImage(lx.b, start+n) {
		lx.i = start + n
		lx.skipSpace()
		lx.i += 2 // EI
		return
	}
	for i := start; i+1 < len(lx.b); i++ {
		if lx.b[i] == 'E' && lx.b[i+1] == 'I' && (i == start || isSpace(lx.b[i-1])) && endsImage(lx.b, i) {
			lx.i = i + 2
			return
		}
	}
	lx.i = len(lx.b)
}

// endsImage reports whether "EI" (after optional white space) at i closes
// an image: a delimiter or the end follows, and then text, not binary.
func endsImage(b []byte, i int) bool {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i+2 > len(b) || b[i] != 'E' || b[i+1] != 'I' {
		return false
	}
	i += 2
	if i == len(b) {
		return true
	}
	if isRegular(b[i]) {
		return false
	}
	for k := i; k < len(b) && k < i+64; k++ {
		if c := b[k]; c >= 0x80 || c < 0x20 && !isSpace(c) {
			return false
		}
	}
	return true
}

// inlineLength is the data length an inline image's dictionary gives.
func inlineLength(d map[string]operand) (int, bool) {
	get := func(short, long string) (operand, bool) {
		if v, ok := d[short]; ok {
			return v, true
		}
		v, ok := d[long]
		return v, ok
	}
	if v, ok := get("L", "Length"); ok && v.kind == opNum && v.num >= 0 {
		return int(v.num), true
	}
	if _, ok := get("F", "Filter"); ok {
		return 0, false
	}
	w, ok1 := get("W", "Width")
	h, ok2 := get("H", "Height")
	if !ok1 || !ok2 || w.num <= 0 || h.num <= 0 || w.num > 1e5 || h.num > 1e5 {
		return 0, false
	}
	bpc, colors := 8.0, 0.0
	if v, ok := get("BPC", "BitsPerComponent"); ok && v.kind == opNum {
		bpc = v.num
	}
	if v, ok := get("IM", "ImageMask"); ok && v.s == "true" {
		bpc, colors = 1, 1
	}
	if v, ok := get("CS", "ColorSpace"); ok && colors == 0 {
		name := v.s
		if v.kind == opArray && len(v.arr) > 0 {
			name = v.arr[0].s
		}
		switch name {
		case "G", "DeviceGray", "CalGray", "I", "Indexed":
			colors = 1
		case "RGB", "DeviceRGB", "CalRGB", "Lab":
			colors = 3
		case "CMYK", "DeviceCMYK":
			colors = 4
		}
	}
	if colors == 0 {
		return 0, false
	}
	row := (int(w.num)*int(colors)*int(bpc) + 7) / 8
	return row * int(h.num), true
}
