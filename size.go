package gongkai

import "strconv"

// byteSize is a number of bytes, printed with binary units: 512 MB is
// 512 MiB.
type byteSize int64

func (b byteSize) String() string {
	units := []string{"B", "KB", "MB", "GB", "TB"}
	f, i := float64(b), 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if i == 0 || f == float64(int64(f)) {
		return strconv.FormatFloat(f, 'f', -1, 64) + " " + units[i]
	}
	return strconv.FormatFloat(f, 'f', 1, 64) + " " + units[i]
}
