package findings

import (
	"sort"
	"strings"
)

// Languages the catalogue speaks.
const (
	LangEnglish = "en"
	LangChinese = "zh-CN"
)

// LangFromLocale maps an LSP locale or a POSIX LANG value to a catalogue
// language: zh, zh-CN, zh-Hans, zh_CN.UTF-8 → Chinese, anything else English.
func LangFromLocale(locale string) string {
	l := strings.ToLower(strings.TrimSpace(locale))
	if l == "zh" || strings.HasPrefix(l, "zh-") || strings.HasPrefix(l, "zh_") || strings.HasPrefix(l, "zh.") {
		return LangChinese
	}
	return LangEnglish
}

// template pairs hold one message in each language; {name} is replaced by
// args[name].
type template struct{ en, zh string }

// catalogue is keyed by code, or code + "/" + args["variant"] when a code has
// several phrasings.
var catalogue = map[string]template{
	"go-not-found": {
		"No go command on PATH: nothing can build or run Go code from this environment.",
		"PATH 中没有 go 命令：在此环境中无法构建或运行 Go 代码。"},
	"go-skipped": {
		"{path} comes before {winner} on PATH but is skipped: it is {reason}. Shells, editors and Go tools such as gopls run {winner} instead.",
		"{path} 在 PATH 中位于 {winner} 之前，但被跳过：它{reason}。终端、编辑器以及 gopls 等 Go 工具改为运行 {winner}。"},
	"go-command-failed": {
		"{go} {args} failed: {reason}",
		"{go} {args} 运行失败：{reason}"},
	"go-command-failed/timeout": {
		"{go} {args} did not finish within {timeout} and was killed.",
		"{go} {args} 在 {timeout} 内没有结束，已被终止。"},
	"go-command-failed/gotoolchain": {
		"Every go command fails before it starts: {reason}.",
		"所有 go 命令都会在启动时失败：{reason}。"},
	"goroot-invalid": {
		"GOROOT {goroot} (from {source}) is not a Go tree: {problem}.",
		"GOROOT {goroot}（来自 {source}）不是 Go 安装目录：{problem}。"},
	"goroot-env-mismatch": {
		"GOROOT {goroot} (from {source}) holds {rootVersion}, but the go that runs is {goVersion}: every build fails with compile: version \"{rootVersion}\" does not match go tool version \"{goVersion}\".",
		"GOROOT {goroot}（来自 {source}）是 {rootVersion}，而实际运行的 go 是 {goVersion}：每次构建都会失败，报错 `compile: version \"{rootVersion}\" does not match go tool version \"{goVersion}\"`。"},
	"goroot-env-mismatch/fresh-shell": {
		"GOROOT {goroot} (from {source}) holds {rootVersion}, but the go that runs is {goVersion}: every new login shell gets this GOROOT, and every build there fails with compile: version \"{rootVersion}\" does not match go tool version \"{goVersion}\".",
		"GOROOT {goroot}（来自 {source}）是 {rootVersion}，而实际运行的 go 是 {goVersion}：每个新的登录 shell 都会得到这个 GOROOT，在其中的每次构建都会失败，报错 `compile: version \"{rootVersion}\" does not match go tool version \"{goVersion}\"`。"},
	"goroot-invalid/fresh-shell": {
		"GOROOT {goroot} (from {source}) is not a Go tree: {problem}. Every new login shell gets this GOROOT, and every go command there fails.",
		"GOROOT {goroot}（来自 {source}）不是 Go 安装目录：{problem}。每个新的登录 shell 都会得到这个 GOROOT，在其中的每个 go 命令都会失败。"},
	"goroot-env-mismatch/fresh-process": {
		"GOROOT {goroot} (from {source}) holds {rootVersion}, but the go that runs is {goVersion}: every new process gets this GOROOT, and every build there fails with compile: version \"{rootVersion}\" does not match go tool version \"{goVersion}\".",
		"GOROOT {goroot}（来自 {source}）是 {rootVersion}，而实际运行的 go 是 {goVersion}：每个新进程都会得到这个 GOROOT，在其中的每次构建都会失败，报错 `compile: version \"{rootVersion}\" does not match go tool version \"{goVersion}\"`。"},
	"goroot-invalid/fresh-process": {
		"GOROOT {goroot} (from {source}) is not a Go tree: {problem}. Every new process gets this GOROOT, and every go command there fails.",
		"GOROOT {goroot}（来自 {source}）不是 Go 安装目录：{problem}。每个新进程都会得到这个 GOROOT，在其中的每个 go 命令都会失败。"},
	"file-unreadable": {
		"The {what} file {file} cannot be read ({reason}), so goroot-lens cannot judge it.",
		"{what} 文件 {file} 无法读取（{reason}），goroot-lens 无法判断它。"},
	"file-unreadable/ignored": {
		"The {what} file {file} cannot be read ({reason}): the go command silently skips it, so none of its settings apply.",
		"{what} 文件 {file} 无法读取（{reason}）：go 命令会悄悄跳过它，其中的设置都不会生效。"},
	"file-unreadable/blocks": {
		"The {what} file {file} is {reason}: every go command would block or read it forever, so goroot-lens did not run go.",
		"{what} 文件 {file} 是{reason}：每个 go 命令读取它时都会阻塞或永远读不完，因此 goroot-lens 没有运行 go。"},
	"file-unreadable/invalid": {
		"The {what} file {file} is broken ({reason}): every go command that loads this module or workspace fails.",
		"{what} 文件 {file} 已损坏（{reason}）：每个加载此模块或工作区的 go 命令都会失败。"},
	"file-unreadable/fails": {
		"The {what} file {file} cannot be read ({reason}): every go command that loads this module or workspace fails.",
		"{what} 文件 {file} 无法读取（{reason}）：每个加载此模块或工作区的 go 命令都会失败。"},
	"profile-encoding/crlf": {
		"The profile {file} has Windows (CRLF) line endings: the shell keeps each carriage return, so {name} gets {value} followed by \\r, which names a directory that does not exist.",
		"配置文件 {file} 使用 Windows（CRLF）换行符：shell 会保留每个回车符，因此 {name} 得到的是 {value} 后跟 \\r，这个目录并不存在。"},
	"profile-encoding/crlf-other": {
		"The profile {file} has Windows (CRLF) line endings: the shell keeps each carriage return, so a value assigned at the end of a line ends in \\r (no Go variable or PATH is assigned there today).",
		"配置文件 {file} 使用 Windows（CRLF）换行符：shell 会保留每个回车符，因此行尾赋的值都以 \\r 结尾（目前那里没有给 Go 变量或 PATH 赋值）。"},
	"profile-encoding/bom": {
		"The profile {file} starts with a UTF-8 byte order mark, which the shell reads as part of the first command: that line fails.",
		"配置文件 {file} 以 UTF-8 字节顺序标记（BOM）开头，shell 会把它当作第一条命令的一部分：该行会执行失败。"},
	"profile-unreadable/syntax": {
		"The profile {location} does not parse ({reason}): goroot-lens reads nothing after that point, so what a new login shell gets may differ from what is shown.",
		"配置文件 {location} 无法解析（{reason}）：goroot-lens 不再读取此处之后的内容，因此新的登录 shell 得到的值可能与显示的不同。"},
	"profile-unreadable/unreadable": {
		"The profile {file} cannot be read ({reason}): what a new login shell gets from it is not known.",
		"无法读取配置文件 {file}（{reason}）：不清楚新的登录 shell 会从中得到什么。"},
	"profile-unreadable/not-followed": {
		"{location} sources {reason}, which cannot be known without running the shell: what that file sets is not judged.",
		"{location} 引入了 {reason}，不运行 shell 就无法知道它是哪个文件：该文件设置的值没有被检查。"},
	"profile-unreadable/too-deep": {
		"{file} is sourced too many files deep; goroot-lens stopped following there, so what it sets is not judged.",
		"{file} 的引入层级太深；goroot-lens 在此停止跟踪，因此它设置的值没有被检查。"},
	"profile-unreadable/non-utf8": {
		"The profile {location} has bytes that are not UTF-8; goroot-lens reads them as '?', so a value holding them may be shown wrongly.",
		"配置文件 {location} 含有非 UTF-8 字节；goroot-lens 把它们读作 '?'，因此含有这些字节的值可能显示不正确。"},
	"goroot-version-mismatch": {
		"The Go tree {goroot} is a mixed install: its VERSION says {rootVersion} but {part} was built by {partVersion}.",
		"Go 目录 {goroot} 是混合安装：VERSION 写的是 {rootVersion}，而 {part} 由 {partVersion} 构建。"},
	"goroot-redundant": {
		"GOROOT is set to {goroot} (from {source}), which go finds by itself from its own location: harmless today, wrong after you install another Go elsewhere.",
		"GOROOT 被设置为 {goroot}（来自 {source}），而 go 能根据自身位置自动找到它：目前无害，但换装其他位置的 Go 后就会出错。"},
	"go-shadowed": {
		"{count} different go commands are on PATH; {winner} ({version}) comes first and wins.",
		"PATH 中有 {count} 个不同的 go 命令；排在最前的 {winner}（{version}）生效。"},
	"goroot-bin-not-on-path": {
		"GOROOT is {goroot} (from {source}) but {bin} is not on PATH: the go on PATH, if any, is another one.",
		"GOROOT 是 {goroot}（来自 {source}），但 {bin} 不在 PATH 中：PATH 上的 go（如果有）是另一个。"},
	"gopath-is-goroot": {
		"GOPATH entry {gopath} is GOROOT {goroot} or lies inside it: go install and the module cache write into the Go installation.",
		"GOPATH 条目 {gopath} 等于 GOROOT {goroot} 或位于其中：go install 和模块缓存会写入 Go 安装目录。"},
	"gopath-is-goroot/install": {
		"GOPATH entry {gopath} is GOROOT {goroot} or lies inside it: go install writes programs into the Go installation (GOBIN is unset); the module cache is outside it ({gomodcache}).",
		"GOPATH 条目 {gopath} 等于 GOROOT {goroot} 或位于其中：go install 会把程序写入 Go 安装目录（GOBIN 未设置）；模块缓存在其外（{gomodcache}）。"},
	"gopath-is-goroot/modcache": {
		"GOPATH entry {gopath} is GOROOT {goroot} or lies inside it: the module cache {gomodcache} is inside the Go installation (go install writes elsewhere).",
		"GOPATH 条目 {gopath} 等于 GOROOT {goroot} 或位于其中：模块缓存 {gomodcache} 位于 Go 安装目录内（go install 写入别处）。"},
	"gopath-is-goroot/nothing": {
		"GOPATH entry {gopath} is GOROOT {goroot} or lies inside it; nothing is written there today (GOBIN and GOMODCACHE {gomodcache} point elsewhere), but it becomes the target of go install or the module cache as soon as these are unset.",
		"GOPATH 条目 {gopath} 等于 GOROOT {goroot} 或位于其中；目前没有内容写入那里（GOBIN 和 GOMODCACHE {gomodcache} 指向别处），但一旦取消这些设置，它就会成为 go install 或模块缓存的写入位置。"},
	"gobin-not-on-path": {
		"{dir} ({var}) is not on PATH: programs that go install puts there cannot be run by name.",
		"{dir}（{var}）不在 PATH 中：go install 安装到那里的程序无法直接按名称运行。"},
	"path-unexpanded-variable": {
		"PATH entry {entry} (from {source}) holds the unexpanded variable {var}: nothing in it is ever found.",
		"PATH 条目 {entry}（来自 {source}）含有未展开的变量 {var}：其中的程序永远找不到。"},
	"path-too-long": {
		"The {scope} Path is {length} characters, beyond {limit}: {consequence}.",
		"{scope} Path 长 {length} 个字符，超过 {limit}：{consequence}。"},
	"env-stale": {
		"{name} in this process is {current}, but a newly started process would get {fresh} (from {source}): restart the editor or terminal.",
		"当前进程中的 {name} 是 {current}，而新启动的进程会得到 {fresh}（来自 {source}）：请重启编辑器或终端。"},
	"env-stale/running": {
		"This editor, gopls and the terminals already open still have {name}={current}; programs started from now on get {fresh}.",
		"此编辑器、gopls 和已打开的终端仍在使用 {name}={current}；此后启动的程序会得到 {fresh}。"},
	"env-stale/running-path": {
		"This editor, gopls and the terminals already open lack {entry} on PATH, which programs started from now on have.",
		"此编辑器、gopls 和已打开的终端的 PATH 中缺少 {entry}，而此后启动的程序会有它。"},
	"env-stale/path": {
		"PATH of this process lacks {entry}, which a newly started process would get (from {source}): restart the editor or terminal.",
		"当前进程的 PATH 缺少 {entry}，而新启动的进程会有它（来自 {source}）：请重启编辑器或终端。"},
	"toolchain-switch": {
		"{file} makes go switch from {local} to {selected}: {where}.",
		"{file} 使 go 从 {local} 切换到 {selected}：{where}。"},
	"toolchain-unavailable": {
		"{file} needs {needed}, but the go command would run {running}: {why}.",
		"{file} 需要 {needed}，但 go 命令会运行 {running}：{why}。"},
	"toolchain-unavailable/blocked": {
		"{file} needs {needed}, which cannot be had without a download: {why}.",
		"{file} 需要 {needed}，但不下载就无法获得：{why}。"},
	"goenv-file-override/overridden": {
		"{name}={fileValue} in the GOENV file {location} is overridden by the environment ({envValue}).",
		"GOENV 文件 {location} 中的 {name}={fileValue} 被环境变量（{envValue}）覆盖。"},
	"goenv-file-override/global": {
		"The GOENV file {location} sets {name}={fileValue} for every project of this user.",
		"GOENV 文件 {location} 为该用户的所有项目设置了 {name}={fileValue}。"},
	"goenv-file-override/broken": {
		"The GOENV file {location} sets GOROOT={fileValue}, which is not a Go tree: every go command fails, even go env -u GOROOT.",
		"GOENV 文件 {location} 设置了 GOROOT={fileValue}，但它不是 Go 安装目录：所有 go 命令都会失败，连 go env -u GOROOT 也不例外。"},
	"profile-missing-export": {
		"{location} assigns {name} without export: programs started from that shell do not get it unless {name} was already exported.",
		"{location} 给 {name} 赋值但没有 export：除非 {name} 已被导出，否则从该 shell 启动的程序拿不到它。"},
	"profile-conflict": {
		"{name} is assigned different values in {count} profile places; {winner} wins for a new {shell} login shell.",
		"{name} 在 {count} 处 shell 配置中被赋予不同的值；新的 {shell} 登录 shell 中 {winner} 生效。"},
	"wsl-windows-go": {
		"Inside WSL, {what}: {consequence}.",
		"在 WSL 中，{what}：{consequence}。"},
	"settings-goroot-mismatch": {
		"Editor setting {key}={value} {problem}.",
		"编辑器设置 {key}={value} {problem}。"},
	"version-manager-shim": {
		"go is reached through the {manager} shim {shim}; the real toolchain is chosen by {manager}.",
		"go 通过 {manager} 的 shim {shim} 调用；实际工具链由 {manager} 选择。"},
	"tool-stale": {
		"{tool} was built with {toolGo}, older than {needed}.",
		"{tool} 由 {toolGo} 构建，早于 {needed}。"},
	"tool-stale/workspace": {
		"{tool} was built with {toolGo}, older than the language version {neededLang} this workspace's go.mod asks for: it may not understand code written for {neededLang}.",
		"{tool} 由 {toolGo} 构建，早于本工作区 go.mod 要求的语言版本 {neededLang}：它可能无法理解为 {neededLang} 编写的代码。"},
	"tool-stale/selected": {
		"{tool} was built with {toolGo}, older than the {neededLang} release of the selected toolchain {needed}: language features and standard-library API of {neededLang} may be beyond it.",
		"{tool} 由 {toolGo} 构建，早于所选工具链 {needed} 的 {neededLang} 版本：{neededLang} 的语言特性和标准库 API 可能超出它的能力。"},
	"tool-stale/gopls-workspace": {
		"gopls ({tool}) was built with {toolGo} and type-checks with the go/types of {toolLang}, which cannot handle this workspace's {neededLang}: packages fail with \"package requires newer Go version {neededLang}\", and newer syntax and standard-library API are reported as errors or missed.",
		"gopls（{tool}）由 {toolGo} 构建，使用 {toolLang} 的 go/types 做类型检查，无法处理本工作区的 {neededLang}：包会报错 \"package requires newer Go version {neededLang}\"，较新的语法和标准库 API 会被报为错误或被漏掉。"},
	"tool-stale/gopls-selected": {
		"gopls ({tool}) was built with {toolGo} and type-checks with the go/types of {toolLang}, older than the selected toolchain {needed}: language features and standard-library API of {neededLang} are beyond it and are reported as errors or missed.",
		"gopls（{tool}）由 {toolGo} 构建，使用 {toolLang} 的 go/types 做类型检查，早于所选工具链 {needed}：{neededLang} 的语言特性和标准库 API 超出它的能力，会被报为错误或被漏掉。"},
	"tool-wrong-platform": {
		"{tool} is built for {toolPlatform} and cannot run on {hostPlatform}.",
		"{tool} 是为 {toolPlatform} 构建的，无法在 {hostPlatform} 上运行。"},
	"tool-wrong-platform/wsl": {
		"{tool} is a Windows program ({toolPlatform}) in a Linux folder of WSL: it starts only through Windows interop, where it sees Windows paths and the Windows environment, not this Linux workspace.",
		"{tool} 是 Windows 程序（{toolPlatform}），却位于 WSL 的 Linux 目录中：它只能通过 Windows 互操作启动，看到的是 Windows 路径和 Windows 环境，而不是这个 Linux 工作区。"},
	"go-binary-outside-goroot": {
		"The go that runs ({go}) is not {expected}, the go of its GOROOT.",
		"实际运行的 go（{go}）不是其 GOROOT 中的 {expected}。"},
	"go-binary-outside-goroot/copy": {
		"The go that runs ({go}) is not {expected}: it is a copy outside any Go tree and reaches {goroot} only through a GOROOT setting; updating that tree does not update this binary.",
		"实际运行的 go（{go}）不是 {expected}：它是位于任何 Go 目录之外的副本，只能通过 GOROOT 设置找到 {goroot}；更新该目录不会更新这个二进制文件。"},
	"go-binary-outside-goroot/other-tree": {
		"The go that runs ({go}) belongs to the Go tree {ownRoot} but uses GOROOT {goroot}: the go command and the compiler, tools and standard library come from different trees.",
		"实际运行的 go（{go}）属于 Go 目录 {ownRoot}，却使用 GOROOT {goroot}：go 命令与编译器、工具和标准库来自不同的目录。"},
	"go-binary-outside-goroot/missing": {
		"The go that runs ({go}) reports GOROOT {goroot}, but {expected} does not exist: a copy or shim without a matching Go tree.",
		"实际运行的 go（{go}）报告 GOROOT 为 {goroot}，但 {expected} 不存在：这是没有对应 Go 目录的副本或 shim。"},
	"go-binary-outside-goroot/dangling": {
		"{go} on PATH is a symlink to {target}, which no longer exists: the Go tree it pointed at was removed.",
		"PATH 中的 {go} 是指向 {target} 的符号链接，而目标已不存在：它指向的 Go 目录已被删除。"},
	"go-binary-outside-goroot/no-tree": {
		"{go} on PATH is a go binary outside any Go tree (no pkg/tool in {root} or its parent): it works only while GOROOT points at a tree.",
		"PATH 中的 {go} 是位于任何 Go 目录之外的 go 二进制文件（{root} 及其上级目录中都没有 pkg/tool）：只有在 GOROOT 指向某个 Go 目录时它才能工作。"},
	"runtime-goroot-mismatch": {
		"The GOROOT evidence disagrees: {reason}.",
		"GOROOT 的证据互相矛盾：{reason}。"},
	"runtime-goroot-mismatch/build": {
		"The probe program did not build: GOROOT {goroot} holds {rootVersion}, but the go command that runs is {goVersion}, so the compiler refuses to work: {error}",
		"探测程序构建失败：GOROOT {goroot} 是 {rootVersion}，而实际运行的 go 命令是 {goVersion}，因此编译器拒绝工作：{error}"},
}

// Message renders the message of code in lang from args. A variant in
// args["variant"] selects another phrasing of the same code.
func Message(lang string, code Code, args map[string]string) string {
	key := string(code)
	if v := args["variant"]; v != "" {
		if _, ok := catalogue[key+"/"+v]; ok {
			key += "/" + v
		}
	}
	t, ok := catalogue[key]
	if !ok {
		return string(code)
	}
	text := t.en
	if lang == LangChinese && t.zh != "" {
		return fillChinese(t.zh, localizeArgs(lang, args))
	}
	return fill(text, args)
}

// Text renders a free phrase (fix titles, text-output headings) in lang.
func Text(lang, key string, args map[string]string) string {
	t, ok := phrases[key]
	if !ok {
		return key
	}
	text := t.en
	if lang == LangChinese && t.zh != "" {
		return fillChinese(t.zh, localizeArgs(lang, args))
	}
	return fill(text, args)
}

func fill(text string, args map[string]string) string {
	if len(args) == 0 {
		return text
	}
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		pairs = append(pairs, "{"+k+"}", args[k])
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// CatalogueKeys lists every message and phrase key, for completeness tests.
func CatalogueKeys() (messages, texts []string) {
	for k := range catalogue {
		messages = append(messages, k)
	}
	for k := range phrases {
		texts = append(texts, k)
	}
	sort.Strings(messages)
	sort.Strings(texts)
	return messages, texts
}
