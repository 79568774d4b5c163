//go:build linux

// Command pagefault measures what the first touch of a fresh anonymous page
// costs on this machine, the price every new process pays for its heap,
// stacks and data (a Go binary's start-up is a few hundred such faults).
// Diagnosis helper for the README's performance gaps; no target hangs on it.
//
//	pagefault [PAGES]   →   stdout: "N pages: X µs per first touch"
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
)

func main() {
	pages := 20000
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n <= 0 {
			fmt.Fprintln(os.Stderr, "usage: pagefault [PAGES]")
			os.Exit(2)
		}
		pages = n
	}
	size := pages * os.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pagefault:", err)
		os.Exit(1)
	}
	// Transparent huge pages would turn 512 faults into one.
	syscall.Madvise(mem, 14) // MADV_NOHUGEPAGE
	start := time.Now()
	for i := 0; i < size; i += os.Getpagesize() {
		mem[i] = 1
	}
	elapsed := time.Since(start)
	fmt.Printf("%d pages: %.2f µs per first touch\n", pages, float64(elapsed.Nanoseconds())/1e3/float64(pages))
}
