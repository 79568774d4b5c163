package shellprofile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

const (
	// maxFileSize keeps a stray huge file from stalling the probe; real
	// profiles are a few KiB.
	maxFileSize = 4 << 20
	// maxSourceDepth bounds `. FILE` chains. Cycles are already cut by
	// reading each file once; this only guards absurd but acyclic chains.
	maxSourceDepth = 32
)

// Read parses files in order for shell sh and returns every assignment of a
// name for which want is true (nil means GoVarsAndPath), in load order.
//
// env is the environment the shell starts with; its variables expand in
// values, and a name present in it counts as exported even when a profile
// assigns it without export, because a shell exports what it inherits.
// PATH is never taken from env (see oldPath).
//
// Missing files are skipped. A file sourced with `. FILE` or `source FILE`
// is read where it is sourced, when its path expands exactly; relative paths
// are taken from $HOME, the usual working directory of a login shell. No
// file is read twice, so ~/.bashrc sourced from ~/.bash_profile is not read
// again. Per-file problems go to Result.Errors; the error is non-nil only
// when files exist but none of them could be read.
func Read(sh Shell, files []File, env map[string]string, want func(name string) bool) (*Result, error) {
	if want == nil {
		want = GoVarsAndPath
	}
	r := &reader{
		sh:          sh.family(),
		env:         env,
		home:        env["HOME"],
		want:        want,
		vars:        newKnownVars(env),
		read:        make(map[string]bool),
		exportMarks: make(map[string]string),
		res:         &Result{},
	}
	var failures []error
	readAny := false
	for _, f := range files {
		ok, err := r.readFile(f, scope{})
		readAny = readAny || ok
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			failures = append(failures, fmt.Errorf("%s: %w", f.Path, err))
		}
	}
	r.resolveExports()
	if !readAny && len(failures) > 0 {
		r.markSystem()
		return r.res, fmt.Errorf("shellprofile: no profile file could be read: %w", errors.Join(failures...))
	}
	r.markSystem()
	return r.res, nil
}

// markSystem flags the problems found in system files, which are the
// administrator's to fix.
func (r *reader) markSystem() {
	system := map[string]bool{}
	for _, f := range r.res.Files {
		system[f.Path] = system[f.Path] || f.System
	}
	for _, list := range [][]ParseError{r.res.Errors, r.res.Warnings} {
		for i := range list {
			list[i].System = list[i].System || system[list[i].File]
		}
	}
}

// reader is the state of one Read: what one shell's startup has set so far,
// as far as parsing can tell.
type reader struct {
	sh   Shell
	env  map[string]string
	home string
	want func(string) bool
	vars *knownVars
	read map[string]bool // files already read, by resolved path
	// exportMarks maps a name to the first place that exports it.
	exportMarks map[string]string
	allExport   bool // set -a / set -o allexport in effect
	// pathHelper holds the directories path_helper has added so far: it
	// skips one already there.
	pathHelper map[string]bool
	depth      int
	res        *Result
}

// scope is where a statement sits: it decides the InFunction and
// Conditional flags of what the statement assigns.
type scope struct {
	inFunction  bool
	conditional bool
}

func (sc scope) cond() scope     { sc.conditional = true; return sc }
func (sc scope) function() scope { sc.inFunction = true; return sc }

// readFile reads and walks one file. ok is true when the file has been read,
// now or before; err is the reason it could not be.
func (r *reader) readFile(f File, sc scope) (ok bool, err error) {
	key := filepath.Clean(f.Path)
	if resolved, err := filepath.EvalSymlinks(key); err == nil {
		key = resolved
	}
	if r.read[key] {
		return true, nil
	}
	src, err := readProfile(f.Path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			msg := err.Error()
			if pathErr := (*fs.PathError)(nil); errors.As(err, &pathErr) {
				msg = pathErr.Err.Error() // the path is in File already
			}
			r.res.Errors = append(r.res.Errors, ParseError{File: f.Path, Msg: msg, Kind: "unreadable", Detail: msg, System: f.System})
		}
		return false, err
	}
	if r.depth >= maxSourceDepth {
		r.warnKind("too-deep", "", f.Path, 0, "not read: sourced more than %d files deep", maxSourceDepth)
		return false, nil
	}
	r.read[key] = true
	r.res.Files = append(r.res.Files, f)
	r.checkEncoding(f.Path, src)
	r.depth++
	defer func() {
		r.depth--
		// The parsers see arbitrary bytes; a crash in one must cost this
		// file only.
		if v := recover(); v != nil {
			r.internalError(f.Path, 0, "%v; rest of file skipped", v)
		}
	}()
	fc := &fileCtx{path: f.Path, src: src, system: f.System, root: f.root}
	switch {
	case f.Format == FormatPamEnv:
		r.readPamEnv(fc)
	case f.Format == FormatPaths:
		r.readPaths(fc)
	case r.sh == Fish && filepath.Base(f.Path) == "fish_variables":
		r.readFishVariables(fc)
	case r.sh == Fish:
		r.readFish(fc, sc)
	default:
		r.readPOSIX(fc, sc)
	}
	return true, nil
}

// readProfile reads a regular file of sane size. Checking the type first
// matters: a profile that is a FIFO (some secret managers create those) or a
// link to /dev/zero would block or never end.
func readProfile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, err
	case info.IsDir():
		return nil, errors.New("is a directory; not read")
	case !info.Mode().IsRegular():
		return nil, errors.New("not a regular file (a FIFO or device); not read")
	case info.Size() > maxFileSize:
		return nil, fmt.Errorf("%d bytes, too large for a profile; not read", info.Size())
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(io.LimitReader(file, maxFileSize))
}

// checkEncoding warns about bytes the parser glosses over but the shell does
// not: both are classic results of editing a profile on Windows.
func (r *reader) checkEncoding(path string, src []byte) {
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		r.warnKind("bom", "", path, 1, "starts with a UTF-8 byte order mark, which the shell reads as part of the first word")
	}
	if i := bytes.Index(src, []byte("\r\n")); i >= 0 {
		line := bytes.Count(src[:i], []byte("\n")) + 1
		if r.sh == Fish {
			r.warnKind("crlf", "", path, line, "has Windows (CRLF) line endings; the carriage returns may end up in values")
		} else {
			r.warnKind("crlf", "", path, line, "has Windows (CRLF) line endings: the shell keeps each carriage return, "+
				"so a value at the end of a line ends in \\r and names a directory that does not exist")
		}
	}
}

// internalError reports a panic we recovered from, in third-party code or
// ours: the probe goes on, and the fuzz test fails on these.
func (r *reader) internalError(path string, line int, format string, args ...any) {
	detail := fmt.Sprintf(format, args...)
	r.res.Errors = append(r.res.Errors, ParseError{File: path, Line: line, Msg: internalErrorPrefix + detail, Kind: "internal", Detail: detail})
}

const internalErrorPrefix = "internal error: "

func (r *reader) warnKind(kind, detail, path string, line int, format string, args ...any) {
	r.res.Warnings = append(r.res.Warnings, ParseError{File: path, Line: line, Msg: fmt.Sprintf(format, args...), Kind: kind, Detail: detail})
}
