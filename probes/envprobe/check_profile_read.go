package envprobe

import (
	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// checkProfileReading turns what the profile reader could not read, or
// read differently from the shell, into findings: a judgement built on a
// profile must say where it is blind.
func (p *probe) checkProfileReading() {
	seen := map[string]bool{}
	for _, e := range p.persisted.ReadProblems {
		if e.System {
			// The administrator's files: what they set is still read where
			// it can be, and reporting every unfollowed `. $i` of a stock
			// /etc/profile would bury the user's own problems.
			continue
		}
		key := e.Kind + "\x00" + e.File
		if e.Kind != "not-followed" && e.Kind != "syntax" && seen[key] {
			continue // once per file
		}
		seen[key] = true
		kind := e.Kind
		if kind == "internal" {
			kind = "unreadable" // the reader's own failure: to the user, a file not read
		}
		loc := &findings.Location{File: e.File, Line: e.Line}
		args := map[string]string{"file": e.File, "location": loc.String(), "reason": e.Detail, "variant": kind}
		switch kind {
		case "crlf":
			p.reportCRLF(e.File, loc, args)
		case "bom":
			f := p.add(findings.ProfileEncoding, args)
			f.Location = loc
			f.Fixes = append(f.Fixes, preferred(p.recipes().ProfileBOM(e.File)))
		case "syntax", "unreadable", "not-followed", "too-deep", "non-utf8":
			f := p.add(findings.ProfileUnreadable, args)
			f.Location = loc
			if kind == "syntax" || kind == "unreadable" {
				f.Severity = findings.Warning
			}
		}
	}
}

// reportCRLF: bash, zsh and sh keep the carriage return of a CRLF line in
// the value assigned at its end. The first Go variable or PATH the file
// assigns is named; when there is one the finding is an error, because that
// value is wrong in every new login shell.
func (p *probe) reportCRLF(file string, loc *findings.Location, args map[string]string) {
	var hit *persistedVar
	for i, v := range p.persisted.Vars {
		if v.File == file && !v.Unset {
			hit = &p.persisted.Vars[i]
			break
		}
	}
	args["variant"] = "crlf-other"
	if hit != nil {
		args["variant"], args["name"], args["value"] = "crlf", hit.Name, hit.Value
		loc = hit.location()
	}
	f := p.add(findings.ProfileEncoding, args)
	f.Location = loc
	if hit != nil {
		f.Severity = findings.Error
		f.Evidencef("%s: %s=%q as the shell reads it", hit.location(), hit.Name, hit.Value+"\r")
	}
	f.Fixes = append(f.Fixes, preferred(p.recipes().ProfileLineEndings(file)))
}

func preferred(f findings.Fix) findings.Fix {
	f.Preferred = true
	return f
}
