package findings

// phrases are the non-finding texts: fix titles, lens titles, report headings.
// Keys are stable; every key has both languages.
var phrases = map[string]template{
	"fix.unset-var":       {"Remove {name} from {scope}", "从{scope}中删除 {name}"},
	"fix.set-var":         {"Set {name} to {value} in {scope}", "在{scope}中将 {name} 设为 {value}"},
	"fix.goenv-unset":     {"Remove {name} from the GOENV file (go env -u {name})", "从 GOENV 文件中删除 {name}（go env -u {name}）"},
	"fix.goenv-set":       {"Write {name}={value} to the GOENV file (go env -w)", "将 {name}={value} 写入 GOENV 文件（go env -w）"},
	"fix.prepend-path":    {"Put {dir} first on the user PATH", "把 {dir} 放到用户 PATH 的最前面"},
	"fix.add-path":        {"Add {dir} to the user PATH", "将 {dir} 加入用户 PATH"},
	"fix.restart":         {"Restart the editor or terminal to pick up the new environment", "重启编辑器或终端以使用新的环境"},
	"fix.add-export":      {"Export {name} on {location}", "在 {location} 中 export {name}"},
	"fix.delete-line":     {"Delete the assignment on {location}", "删除 {location} 中的赋值"},
	"fix.toolchain-auto":  {"Let go fetch {version} once: GOTOOLCHAIN=auto", "允许 go 获取一次 {version}：GOTOOLCHAIN=auto"},
	"fix.toolchain-local": {"Lower the requirement to the local {version} in {file}", "在 {file} 中把要求降到本地的 {version}"},
	"fix.setting-root":    {"Set {key} to the Go root {value}", "将 {key} 设为 Go 根目录 {value}"},
	"fix.setting-remove":  {"Remove the setting {key}", "删除设置 {key}"},
	"fix.rebuild-tool":    {"Rebuild {tool}: {command}", "重新构建 {tool}：{command}"},
	"fix.rebuild-tool-manual": {"Rebuild {tool} from its source with {toolchain}: it was built from files named on the command line, so go install cannot rebuild it",
		"用 {toolchain} 从源码重新构建 {tool}：它是由命令行列出的文件构建的，go install 无法重新构建它"},
	"fix.use-linux-go":   {"Install a Linux Go inside WSL and put it first on PATH", "在 WSL 内安装 Linux 版 Go 并放到 PATH 最前面"},
	"fix.shorten-path":   {"Remove duplicate and missing directories from the {scope} Path", "删除 {scope} Path 中重复和不存在的目录"},
	"fix.reinstall-go":   {"Reinstall Go into an empty directory", "将 Go 重新安装到一个空目录"},
	"fix.recover-goroot": {"Recover: {command}", "恢复：{command}"},
	"fix.install-go":     {"Install Go and put its bin directory on PATH", "安装 Go 并把其 bin 目录加入 PATH"},

	"scope.user":    {"the user environment", "用户环境变量"},
	"scope.profile": {"the shell profile", "shell 配置文件"},

	"report.verdict":   {"Verdict", "结论"},
	"report.go":        {"go", "go"},
	"report.version":   {"version", "版本"},
	"report.goroot":    {"GOROOT", "GOROOT"},
	"report.why":       {"why", "原因"},
	"report.selected":  {"selected", "选用"},
	"report.findings":  {"Findings", "发现的问题"},
	"report.evidence":  {"evidence", "证据"},
	"report.fix":       {"fix", "修复"},
	"report.none":      {"No problems found.", "未发现问题。"},
	"report.errors":    {"Errors", "错误"},
	"report.warnings":  {"Warnings", "警告"},
	"report.infos":     {"Notes", "提示"},
	"report.not-found": {"(not found)", "（未找到）"},

	"lens.verify": {"Verify GOROOT", "验证 GOROOT"},
	"lens.status": {"GOROOT {goroot} · {version} · {problems}", "GOROOT {goroot} · {version} · {problems}"},
}
