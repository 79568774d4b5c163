// Package procgroup makes cancelling a command end everything it started:
// the go command runs compile, link or a hung helper as children, which a
// kill of the go process alone would leave running. Call Own before Start
// and the returned func after Wait.
package procgroup
