package findings

// fixPhrases are the texts of the fix recipes and of the fix engine's plans
// and results, kept apart from the probes' phrases.
var fixPhrases = map[string]template{
	"fix.set-var-profile":   {"Set {name} to {value} in the managed block of {file}", "在 {file} 的托管块中将 {name} 设为 {value}"},
	"fix.system-path-entry": {"Only an administrator can remove {entry} from the system Path, which comes before the user Path in every new process", "只有管理员才能从系统 Path 中删除 {entry}；在每个新进程中，系统 Path 都排在用户 Path 之前"},
	"fix.unset-system-file": {"{name} is set in the system file {location}: only an administrator can remove it", "{name} 设置在系统文件 {location} 中：只有管理员才能删除"},

	"plan.admin-command":       {"The value comes from a system file that only an administrator can change; goroot-lens overrides it in your login profile. To remove it for every user: {command}", "该值来自只有管理员才能修改的系统文件；goroot-lens 在你的登录配置中覆盖它。要为所有用户删除它：{command}"},
	"plan.refuse-editor-edit":  {"This is an edit of {file}, which the editor applies (goroot-lens never writes into the workspace or editor settings)", "这是对 {file} 的编辑，由编辑器应用（goroot-lens 从不写入工作区或编辑器设置）"},
	"plan.refuse-advice":       {"goroot-lens does not carry this fix out: run the command by hand", "goroot-lens 不会自动执行此修复：请手动运行该命令"},
	"plan.nothing-to-do":       {"Nothing to change: the stores already hold the fixed values", "无需更改：存储中已是修复后的值"},
	"plan.refuse-workspace":    {"Refused: {file} is inside the workspace, and goroot-lens never writes into the workspace", "已拒绝：{file} 位于工作区内，goroot-lens 从不写入工作区"},
	"plan.refuse-control":      {"Refused: the new value of {name} holds a NUL or line break", "已拒绝：{name} 的新值包含 NUL 或换行符"},
	"plan.refuse-path-long":    {"Refused: the user Path would be {length} characters, over Windows' limit of {limit}", "已拒绝：用户 Path 将有 {length} 个字符，超过 Windows 的上限 {limit}"},
	"plan.warn-path-cmd":       {"The user Path will be {length} characters: cmd.exe cuts command lines at 8191", "用户 Path 将有 {length} 个字符：cmd.exe 会在 8191 处截断命令行"},
	"plan.warn-path-dialog":    {"The user Path will be {length} characters: the System Properties editor cannot edit more than 2047", "用户 Path 将有 {length} 个字符：系统属性编辑器无法编辑超过 2047 个字符的值"},
	"plan.refuse-missing":      {"Refused: {file} no longer exists; probe again", "已拒绝：{file} 已不存在；请重新检查"},
	"plan.refuse-no-home":      {"Refused: no home folder, so no login profile to write", "已拒绝：没有主目录，因此没有可写入的登录配置"},
	"plan.refuse-goenv-off":    {"Refused: GOENV=off, so go env -w cannot write anything", "已拒绝：GOENV=off，go env -w 无法写入"},
	"result.restart":           {"Programs already running keep the old environment until restarted: this editor (a full restart, not Reload Window, for VS Code), gopls and open terminals", "已在运行的程序在重启前仍使用旧环境：此编辑器（VS Code 需完全重启，Reload Window 不够）、gopls 和已打开的终端"},
	"plan.heading":             {"Plan for {code} — {title}", "{code} 的修复计划 — {title}"},
	"plan.change.set":          {"set {target}\\{name}: {old} → {new}", "设置 {target}\\{name}：{old} → {new}"},
	"plan.change.delete":       {"delete {target}\\{name} (was {old})", "删除 {target}\\{name}（原值 {old}）"},
	"plan.change.delete-line":  {"{target}:{line}: delete the line {old}", "{target}:{line}：删除这一行 {old}"},
	"plan.change.replace-line": {"{target}:{line}: {old} → {new}", "{target}:{line}：{old} → {new}"},
	"plan.change.block":        {"{target}: managed block becomes:", "{target}：托管块变为："},
	"plan.change.goenv":        {"{target}: go {args}", "{target}：go {args}"},
	"plan.unset-value":         {"(unset)", "（未设置）"},
	"plan.manual":              {"By hand: {command}", "手动执行：{command}"},
	"plan.confirm":             {"Apply these changes? [y/N] ", "应用这些更改吗？[y/N] "},
	"plan.no-terminal":         {"Nothing was written: no terminal to confirm on; run again with --yes to apply", "未写入任何内容：没有可确认的终端；加上 --yes 重新运行以应用"},
	"plan.cancelled":           {"Cancelled: nothing was written", "已取消：未写入任何内容"},
	"plan.none":                {"No finding has a fix goroot-lens can write", "没有可由 goroot-lens 写入的修复"},
	"plan.unknown":             {"No finding or fix called {name} here", "此处没有名为 {name} 的问题或修复"},
	"result.applied":           {"Applied (journal {id}); undo with: goroot-lens undo {id}", "已应用（日志 {id}）；撤销：goroot-lens undo {id}"},
	"result.fixed":             {"{code}, as reported before the fix, is gone for programs started from now on", "对于此后启动的程序，修复前报告的 {code} 已消失"},
	"result.remaining":         {"{code} is still reported for new programs: {message}", "新启动的程序仍会报告 {code}：{message}"},
	"result.undone":            {"Undone (journal {id}): the old values and types are back", "已撤销（日志 {id}）：旧的值和类型已恢复"},
	"undo.heading":             {"Undo {id} ({time}): {title}", "撤销 {id}（{time}）：{title}"},
	"lsp.apply":                {"Apply", "应用"},
	"lsp.cancel":               {"Cancel", "取消"},
	"lsp.fix-failed":           {"goroot-lens could not apply the fix: {error}", "goroot-lens 无法应用修复：{error}"},
	"undo.nothing":             {"nothing to undo: the journal has no applied change", "没有可撤销的更改：日志中没有已应用的更改"},
	"undo.not-applied":         {"journal entry {id} is {state}: nothing to undo", "日志条目 {id} 的状态为 {state}：没有可撤销的内容"},
	"undo.changed":             {"{target} changed since goroot-lens wrote it; nothing was undone (edit it by hand: the journal {journal} holds the old content)", "{target} 在 goroot-lens 写入后又被修改；未撤销任何内容（请手动编辑：日志 {journal} 中保存着旧内容）"},
	"apply.stale":              {"{target} changed after the plan was made; nothing was written: plan again", "{target} 在制定计划后被修改；未写入任何内容：请重新制定计划"},
	"plan.refuse-no-store":     {"goroot-lens cannot write this fix here: {title}", "goroot-lens 无法在此写入该修复：{title}"},
	"plan.tool-new":            {"(rebuilt by go install)", "（由 go install 重新构建）"},
	"plan.tool-download":       {"go install fetches {package} through {proxy} unless it is in the module cache; the old program is kept in the journal for undo", "go install 会通过 {proxy} 获取 {package}（除非已在模块缓存中）；旧程序保存在日志中以便撤销"},
	"result.now":               {"{code} now reads: {message}", "{code} 现在的内容：{message}"},
	"state.pending":            {"pending", "未完成"},
	"state.applied":            {"applied", "已应用"},
	"state.rolled-back":        {"rolled back", "已回滚"},
	"state.undone":             {"undone", "已撤销"},
	"apply.rolled-back":        {"{error} (every change was rolled back)", "{error}（所有更改均已回滚）"},
	"apply.readback":           {"the value read back differs from the value written (every change was rolled back)", "读回的值与写入的值不同（所有更改均已回滚）"},
	"undo.readback":            {"the value read back differs from the journal's old value", "读回的值与日志中的旧值不同"},
	"fix.restart-editor":       {"Restart the editor completely (in VS Code, Reload Window is not enough: quit and start it again), then open new terminals", "完全重启编辑器（VS Code 中 Reload Window 不够：请退出后重新启动），然后打开新的终端"},
	"value.unset":              {"(unset)", "（未设置）"},
	"undo.list-empty":          {"The journal is empty", "日志为空"},
}

func init() {
	for k, v := range fixPhrases {
		phrases[k] = v
	}
}
