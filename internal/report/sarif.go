package report

import (
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/goroot-lens/goroot-lens/probes/findings"
)

// SARIF 2.1.0, the subset code-scanning services read.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	Name                 string       `json:"name"`
	ShortDescription     sarifText    `json:"shortDescription"`
	HelpURI              string       `json:"helpUri"`
	DefaultConfiguration sarifDefault `json:"defaultConfiguration"`
}

type sarifDefault struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID     string          `json:"ruleId"`
	RuleIndex  int             `json:"ruleIndex"`
	Level      string          `json:"level"`
	Message    sarifText       `json:"message"`
	Locations  []sarifLocation `json:"locations,omitempty"`
	Properties sarifProperties `json:"properties"`
}

type sarifProperties struct {
	Evidence []string       `json:"evidence"`
	Fixes    []findings.Fix `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

// SARIFLevel maps a severity to SARIF's level names.
func SARIFLevel(s findings.Severity) string {
	switch s {
	case findings.Error:
		return "error"
	case findings.Warning:
		return "warning"
	}
	return "note"
}

// SARIF writes fs as one SARIF run; every known code is a rule, so rule
// indexes stay stable across runs. fallback locates findings that have no
// place of their own (the workspace's go.mod), or "" for none.
func SARIF(w io.Writer, fs []findings.Finding, toolVersion, fallback string) error {
	codes := findings.All()
	index := map[findings.Code]int{}
	rules := make([]sarifRule, len(codes))
	for i, c := range codes {
		index[c] = i
		rules[i] = sarifRule{ID: string(c), Name: ruleName(c), ShortDescription: sarifText{c.Title()},
			HelpURI: c.DocURL(), DefaultConfiguration: sarifDefault{SARIFLevel(c.DefaultSeverity())}}
	}
	results := []sarifResult{}
	for _, f := range fs {
		r := sarifResult{RuleID: string(f.Code), RuleIndex: index[f.Code], Level: SARIFLevel(f.Severity),
			Message: sarifText{f.Message}, Properties: sarifProperties{Evidence: f.Evidence, Fixes: f.Fixes}}
		file, line := fallback, 0
		if f.Location != nil && f.Location.File != "" {
			file, line = f.Location.File, f.Location.Line
		}
		if file != "" {
			loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(file)}}}
			if line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: line}
			}
			r.Locations = []sarifLocation{loc}
		}
		results = append(results, r)
	}
	return JSON(w, sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:    sarifTool{Driver: sarifDriver{Name: "goroot-lens", Version: toolVersion, InformationURI: findings.DocsBase, Rules: rules}},
			Results: results,
		}},
	})
}

// ruleName turns go-not-found into GoNotFound, as SARIF rule names read.
func ruleName(c findings.Code) string {
	var b strings.Builder
	for _, part := range strings.Split(string(c), "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func fileURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x → /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
