package server

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/goroot-lens/goroot-lens/internal/boundedfile"
)

// settingKeys are the editor settings the probes judge.
var settingKeys = []string{"go.goroot", "go.alternateTools", "go.toolsEnvVars"}

// parseSettings reads the editor settings from initializationOptions or a
// didChangeConfiguration payload, flat ({"go.goroot": …}) or nested
// ({"go": {"goroot": …}}), optionally under "settings". Objects become JSON
// text, which is the form envprobe takes.
func parseSettings(v any) map[string]string {
	out, _ := parseSettingsChange(v)
	return out
}

// parseSettingsChange also says whether v carried settings at all: a null
// payload keeps the previous settings, a "go" section without go.goroot
// removes it.
func parseSettingsChange(v any) (map[string]string, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return map[string]string{}, false
	}
	if inner, ok := m["settings"].(map[string]any); ok {
		m = inner
	}
	out := map[string]string{}
	found := false
	if goSection, ok := m["go"].(map[string]any); ok {
		found = true
		for _, key := range settingKeys {
			putSetting(out, key, goSection[strings.TrimPrefix(key, "go.")])
		}
	}
	for _, key := range settingKeys {
		if val, ok := m[key]; ok {
			found = true
			putSetting(out, key, val)
		}
	}
	return out, found
}

// allowDownload reads gorootLens.verify.allowDownload from a settings
// payload (nested or flat, optionally under "settings" or as the
// "gorootLens" section itself); ok is false when the payload has none.
func allowDownload(v any) (allow, ok bool) {
	m, _ := v.(map[string]any)
	if inner, isMap := m["settings"].(map[string]any); isMap {
		m = inner
	}
	if flat, isBool := m["gorootLens.verify.allowDownload"].(bool); isBool {
		return flat, true
	}
	if lens, isMap := m["gorootLens"].(map[string]any); isMap {
		m = lens
	}
	if verify, isMap := m["verify"].(map[string]any); isMap {
		allow, ok = verify["allowDownload"].(bool)
	}
	return allow, ok
}

func putSetting(out map[string]string, key string, v any) {
	switch v := v.(type) {
	case nil:
	case string:
		if v != "" {
			out[key] = v
		}
	case map[string]any:
		if len(v) > 0 {
			b, _ := json.Marshal(v)
			out[key] = string(b)
		}
	}
}

// settingsFile is the folder's .vscode/settings.json when it sets one of the
// keys (a workspace setting overrides the user's), else "".
func settingsFile(folder string) string {
	file := filepath.Join(folder, ".vscode", "settings.json")
	data, err := boundedfile.Read(file, boundedfile.SmallFile)
	if err != nil {
		return ""
	}
	for _, key := range settingKeys {
		if bytes.Contains(data, []byte(`"`+key+`"`)) {
			return file
		}
	}
	return ""
}
