package profilestore

import "fmt"

// RefusedError is every "will not do this" of the package: a line that is
// not safe to delete, a malformed managed block, a value a profile cannot
// hold, a file that is read-only or not a regular file. Other errors are
// plain I/O failures.
type RefusedError struct {
	File   string // "" when the caller only handed over bytes
	Line   int    // 1-based; 0 when no single line is concerned
	Reason string
}

func (e *RefusedError) Error() string {
	where := e.File
	switch {
	case e.Line > 0 && where != "":
		where = fmt.Sprintf("%s:%d", where, e.Line)
	case e.Line > 0:
		where = fmt.Sprintf("line %d", e.Line)
	case where == "":
		where = "profile"
	}
	return "refusing to edit " + where + ": " + e.Reason
}

func refuse(line int, format string, args ...any) *RefusedError {
	return &RefusedError{Line: line, Reason: fmt.Sprintf(format, args...)}
}

func refuseFile(path, format string, args ...any) *RefusedError {
	return &RefusedError{File: path, Reason: fmt.Sprintf(format, args...)}
}
