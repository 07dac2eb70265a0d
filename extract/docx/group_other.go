//go:build !unix

package docx

import "os/exec"

// ownGroup leaves cancelling to exec's default, which kills the process.
func ownGroup(*exec.Cmd) {}
