package syntax

// Inline images: "BI", a dictionary, "ID", one white-space byte, binary
// data, "EI". The data is skipped without being tokenized. Its length is
// known when the image says (/L, PDF 2.0) or is unfiltered (width, height,
// bits and colours give it); otherwise the data ends at the first "EI"
// between white space that is followed by text that looks like content
// rather than binary data.

func (lx *Lexer) skipInlineImage() {
	dict := map[string]Object{}
	key := ""
	for {
		lx.SkipSpace()
		if lx.I >= len(lx.B) {
			return
		}
		c := lx.B[lx.I]
		if IsRegular(c) && !IsNumStart(c) {
			w := lx.Word()
			if w == "ID" {
				break
			}
			if w == "EI" { // an image without data
				return
			}
			if key != "" {
				dict[key] = Object{Kind: Name, Str: w} // true, false
				key = ""
			}
			continue
		}
		v := lx.Value(0)
		switch {
		case key != "":
			dict[key], key = v, ""
		case v.Kind == Name:
			key = v.Str
		}
	}
	if lx.I < len(lx.B) && IsSpace(lx.B[lx.I]) {
		lx.I++
	}
	start := lx.I
	if n, ok := inlineLength(dict); ok && start+n <= len(lx.B) && endsImage(lx.B, start+n) {
		lx.I = start + n
		lx.SkipSpace()
		lx.I += 2 // EI
		return
	}
	for i := start; i+1 < len(lx.B); i++ {
		if lx.B[i] == 'E' && lx.B[i+1] == 'I' && (i == start || IsSpace(lx.B[i-1])) && endsImage(lx.B, i) {
			lx.I = i + 2
			return
		}
	}
	lx.I = len(lx.B)
}

// endsImage reports whether "EI" (after optional white space) at i closes
// an image: a delimiter or the end follows, and then text, not binary.
func endsImage(b []byte, i int) bool {
	for i < len(b) && IsSpace(b[i]) {
		i++
	}
	if i+2 > len(b) || b[i] != 'E' || b[i+1] != 'I' {
		return false
	}
	i += 2
	if i == len(b) {
		return true
	}
	if IsRegular(b[i]) {
		return false
	}
	for k := i; k < len(b) && k < i+64; k++ {
		if c := b[k]; c >= 0x80 || c < 0x20 && !IsSpace(c) {
			return false
		}
	}
	return true
}

// inlineLength is the data length an inline image's dictionary gives.
func inlineLength(d map[string]Object) (int, bool) {
	get := func(short, long string) (Object, bool) {
		if v, ok := d[short]; ok {
			return v, true
		}
		v, ok := d[long]
		return v, ok
	}
	if v, ok := get("L", "Length"); ok && v.Kind == Number && v.Num >= 0 {
		return int(v.Num), true
	}
	if _, ok := get("F", "Filter"); ok {
		return 0, false
	}
	w, ok1 := get("W", "Width")
	h, ok2 := get("H", "Height")
	if !ok1 || !ok2 || w.Num <= 0 || h.Num <= 0 || w.Num > 1e5 || h.Num > 1e5 {
		return 0, false
	}
	bpc, colors := 8.0, 0.0
	if v, ok := get("BPC", "BitsPerComponent"); ok && v.Kind == Number {
		bpc = v.Num
	}
	if v, ok := get("IM", "ImageMask"); ok && v.Str == "true" {
		bpc, colors = 1, 1
	}
	if v, ok := get("CS", "ColorSpace"); ok && colors == 0 {
		name := v.Str
		if v.Kind == Array && len(v.Arr) > 0 {
			name = v.Arr[0].Str
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
	row := (int(w.Num)*int(colors)*int(bpc) + 7) / 8
	return row * int(h.Num), true
}
