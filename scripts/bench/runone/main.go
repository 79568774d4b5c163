//go:build linux

// Command runone runs one command and reports, on its last stderr line, the
// command's wall time and CPU time as JSON:
//
//	runone -- CMD ARGS...   →   stderr: RUNONE {"wallMs":…,"cpuMs":…,"maxRssKiB":…,"exit":…}
//
// It exists because wall time on a busy machine mostly measures the other
// processes: CPU time (user+system from wait4's rusage, which includes the
// children the command waited for, such as the go command's gcc) is the
// load-robust companion figure, and Node cannot read a child's rusage. The
// wall time is taken here, around fork/exec → wait, so this helper's own
// start-up is not in it. stdin, stdout, the environment and the working
// directory pass through unchanged.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: runone -- CMD ARGS...")
		os.Exit(2)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		fmt.Fprintln(os.Stderr, "runone:", err)
		os.Exit(127)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	out, _ := json.Marshal(map[string]any{
		"wallMs":    float64(wall.Microseconds()) / 1000,
		"cpuMs":     float64(cpu.Microseconds()) / 1000,
		"maxRssKiB": ru.Maxrss,
		"exit":      cmd.ProcessState.ExitCode(),
	})
	fmt.Fprintf(os.Stderr, "\nRUNONE %s\n", out)
	os.Exit(cmd.ProcessState.ExitCode())
}
