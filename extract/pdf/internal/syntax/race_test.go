//go:build race

package syntax

// raceEnabled says the race detector is on: its instrumentation allocates
// where a plain build does not, so allocation counts do not hold.
const raceEnabled = true
