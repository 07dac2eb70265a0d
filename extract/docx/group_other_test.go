//go:build !unix

package docx

import "testing"

func checkGone(t *testing.T, pidFile string) {}
