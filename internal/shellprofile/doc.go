// Package shellprofile finds where a user's login-shell profile files set
// GOROOT, the other Go variables and PATH, with file and line. It also reads
// the system-wide files a login shell gets values from (/etc/environment,
// /etc/profile and /etc/profile.d, zsh's and fish's /etc files, macOS's
// /etc/paths.d), marked System because the user cannot edit them.
//
// It never runs the profiles: running them would run arbitrary user code and
// could hang, prompt or print. Instead it parses them (bash, zsh and POSIX sh
// with mvdan.cc/sh/v3/syntax, fish with a small tokenizer of its own) and
// expands values only as far as it can do so literally: known variables,
// ~ and earlier assignments, never command substitution. Whatever it cannot
// expand is kept as written and the value is marked inexact.
package shellprofile
