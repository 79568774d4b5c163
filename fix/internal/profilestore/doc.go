// Package profilestore edits a Unix user's login profile (~/.profile,
// ~/.bash_profile, ~/.zprofile, a fish conf.d file) for the fix engine, and
// nothing else: no decisions about what to fix, only how to change the bytes
// safely.
//
// Every edit is byte-exact. Line endings (LF or CRLF), a UTF-8 byte order
// mark and a missing final newline survive; every byte outside the edited
// line or the managed block stays as it was. The engine journals the file's
// old bytes before writing, so undo never depends on these functions being
// reversible, but they are: a block added by SetBlock and removed again gives
// back the original bytes, and a deleted line is exactly its own bytes.
//
// What goroot-lens adds lives in one managed block between marker comments;
// what the user wrote is only ever deleted or replaced one line at a time,
// and only when that line is exactly one statement about the variable in
// question. Anything less certain is refused with a *RefusedError: the
// engine then shows the user what to change instead of guessing.
//
// Reading and writing files goes through ReadFile and WriteFileAtomic, which
// only accept regular files (following symlinks to edit their target) and
// keep the file's mode and owner.
package profilestore
