package findings

// cliPhrases are the texts of the command line (cmd/goroot-lens): the usage,
// the command summaries and explanations, the flag descriptions. Its error
// lines are English sentences rendered through Localize (see fragments).
// Commands, flags, metavariables and values the user types stay as they are.
var cliPhrases = map[string]template{
	"cli.usage":           {"usage: {command}", "用法：{command}"},
	"cli.usage.main":      {"usage: goroot-lens <command> [arguments]", "用法：goroot-lens <命令> [参数]"},
	"cli.commands":        {"commands:", "命令："},
	"cli.flags":           {"flags:", "选项："},
	"cli.exit.main":       {"exit status: 0 no error found, 1 errors found, 2 usage error or goroot-lens failed", "退出状态：0 未发现错误，1 发现错误，2 用法错误或 goroot-lens 运行失败"},
	"cli.default":         {" (default {value})", "（默认值：{value}）"},
	"cli.default-on":      {" (default on)", "（默认开启）"},
	"cli.summary.check":   {"judge the Go environment of a folder (default: the current one)", "判断一个目录的 Go 环境（默认：当前目录）"},
	"cli.summary.trace":   {"build and run a probe program to verify which GOROOT really compiles and runs", "构建并运行一个探测程序，验证实际编译和运行所用的是哪个 GOROOT"},
	"cli.summary.fix":     {"show and apply the fixes of the findings (user variables, login profile, GOENV file); undoable", "显示并应用问题的修复（用户环境变量、登录配置文件、GOENV 文件）；可撤销"},
	"cli.summary.undo":    {"revert a change made by fix, from the journal (default: the latest)", "根据日志撤销 fix 做出的更改（默认：最近一次）"},
	"cli.summary.serve":   {"speak LSP on stdin/stdout (the editor sidecar)", "在 stdin/stdout 上提供 LSP 服务（编辑器的辅助进程）"},
	"cli.summary.version": {"print the version of goroot-lens", "显示 goroot-lens 的版本"},

	// Explanations under each command's usage line.
	"cli.explain.check": {"Judge the Go environment of DIR (default: the current folder): which go and which GOROOT are used, where every value came from, and what is wrong.",
		"判断 DIR（默认：当前目录）的 Go 环境：实际使用哪个 go 和哪个 GOROOT，每个值从哪里来，以及哪里有问题。"},
	"cli.exit.check": {"Exit status: 0 no error found, 1 errors found, 2 usage error or the folder could not be checked.",
		"退出状态：0 未发现错误，1 发现错误，2 用法错误或无法检查该目录。"},
	"cli.explain.trace": {"Build and run a probe program in DIR (default: the current folder) to verify which GOROOT really compiles and runs it.",
		"在 DIR（默认：当前目录）中构建并运行一个探测程序，验证实际编译和运行它的是哪个 GOROOT。"},
	"cli.exit.trace": {"Exit status: 0 verified, 1 mismatch, failure or errors found, 2 usage error.",
		"退出状态：0 已验证，1 不一致、失败或发现错误，2 用法错误。"},
	"cli.explain.fix": {"Without CODE: the preferred fix of every finding that has one goroot-lens can write.",
		"不指定 CODE 时：应用每个问题的首选修复（仅限 goroot-lens 能写入的修复）。"},
	"cli.exit.fix": {"Exit status: 0 written and the findings are gone, 1 written but a finding remains, 2 nothing written.",
		"退出状态：0 已写入且问题已消失，1 已写入但仍有问题，2 未写入任何内容。"},
	"cli.explain.undo": {"Revert a change goroot-lens fix made, as its journal recorded it; without ID the latest applied change.",
		"按日志的记录撤销 goroot-lens fix 做出的更改；不指定 ID 时撤销最近一次已应用的更改。"},
	"cli.explain.serve": {"Speak LSP on stdin/stdout: the editor extension starts it as its sidecar.",
		"在 stdin/stdout 上提供 LSP 服务：编辑器扩展把它作为辅助进程启动。"},

	// Flag descriptions.
	"cli.flag.format":         {"output format: text, json or sarif", "输出格式：text、json 或 sarif"},
	"cli.flag.check-json":     {"short for --format json", "等同于 --format json"},
	"cli.flag.check-trace":    {"also build and run the probe program (Verify GOROOT) and include its verdict", "同时构建并运行探测程序（验证 GOROOT），并附上其结论"},
	"cli.flag.timeout":        {"time limit for each go command", "每个 go 命令的时间限制"},
	"cli.flag.trace-timeout":  {"time limit for go env, which finds the go and GOROOT to verify (the build and run have their own limit of 3 minutes: a cold build cache compiles the standard library)", "go env 的时间限制，它用于找到要验证的 go 和 GOROOT（构建和运行有自己的 3 分钟限制：构建缓存为空时要编译标准库）"},
	"cli.flag.setting":        {"an editor setting as key=value (go.goroot, go.alternateTools, go.toolsEnvVars); repeatable", "以 key=value 形式给出的编辑器设置（go.goroot、go.alternateTools、go.toolsEnvVars）；可重复指定"},
	"cli.flag.trace-json":     {"print the verdict as JSON (schemaVersion 1)", "以 JSON 格式输出结论（schemaVersion 1）"},
	"cli.flag.keep":           {"save the runtime trace to this file (open it with go tool trace FILE)", "把运行时跟踪保存到此文件（用 go tool trace FILE 打开）"},
	"cli.flag.allow-download": {"let the go command download the toolchain the workspace selects", "允许 go 命令下载工作区选定的工具链"},
	"cli.flag.fix-dir":        {"the workspace folder whose findings are fixed", "要修复其问题的工作区目录"},
	"cli.flag.dry-run":        {"print the plan and write nothing", "只显示计划，不写入任何内容"},
	"cli.flag.fix-yes":        {"apply without asking", "不询问，直接应用"},
	"cli.flag.fix-json":       {"print the plan and the result as JSON", "以 JSON 格式输出计划和结果"},
	"cli.flag.list":           {"list the journal, newest first", "列出日志，最新的在前"},
	"cli.flag.undo-yes":       {"undo without asking", "不询问，直接撤销"},
	"cli.flag.undo-json":      {"print as JSON", "以 JSON 格式输出"},
	"cli.flag.undo-dir":       {"the workspace to probe again afterwards", "撤销后重新检查的工作区"},
	"cli.flag.stdio":          {"speak LSP on stdin/stdout (the only transport; VS Code passes it)", "在 stdin/stdout 上使用 LSP 通信，这是唯一的传输方式，VS Code 会传入此选项"},
	"cli.flag.log-level":      {"log level: debug, info, warn or error (logs go to stderr)", "日志级别：debug、info、warn 或 error；日志写到标准错误输出"},
	"cli.flag.log-file":       {"write the log to this file instead of stderr", "把日志写到此文件而不是标准错误输出"},
}

func init() {
	for k, v := range cliPhrases {
		phrases[k] = v
	}
}
