// The command table of the palette. Each forwards to the server, or does
// the one thing the server cannot (restart it, show its output, open a trace).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { Ctx } from './ctx';
import * as lsp from './lsp_ext';

type Cmd = (ctx: Ctx) => (...args: unknown[]) => Promise<unknown>;

export const commands: Record<string, Cmd> = {
    [lsp.clientCommands.verify]: (ctx) => async () => {
        const dir = await pickFolder(true);
        return dir && run(() => ctx.serverCommand(lsp.serverCommands.verify, dir.toString()));
    },
    [lsp.clientCommands.report]: (ctx) => async () => {
        const dir = await pickFolder(true);
        return dir && run(() => ctx.serverCommand(lsp.serverCommands.report, dir.toString()));
    },
    [lsp.clientCommands.applyFix]: (ctx) => () => run(() => applyFix(ctx)),
    [lsp.clientCommands.undo]: (ctx) => async () => {
        const dir = await pickFolder(false);
        const yes = vscode.l10n.t('Undo');
        const answer = await vscode.window.showWarningMessage(
            vscode.l10n.t('Undo the last environment change goroot-lens made (from its journal)?'), { modal: true }, yes);
        if (answer === yes) {
            return run(() => ctx.serverCommand(lsp.serverCommands.undo, dir ? { folder: dir.toString() } : {}));
        }
        return undefined;
    },
    [lsp.clientCommands.openTrace]: (ctx) => () => run(() => openTrace(ctx)),
    [lsp.clientCommands.restartServer]: (ctx) => () => ctx.restart(),
    [lsp.clientCommands.showOutput]: (ctx) => async () => ctx.output.show(),
};

async function run<T>(f: () => Promise<T>): Promise<T | undefined> {
    try {
        return await f();
    } catch (err) {
        void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
        return undefined;
    }
}

/**
 * The folder a command is about: the module of the active go.mod/go.work
 * (when module is true), else the active editor's workspace folder, the only
 * folder, or the one the user picks.
 */
async function pickFolder(module: boolean): Promise<vscode.Uri | undefined> {
    const doc = vscode.window.activeTextEditor?.document;
    if (module && doc?.uri.scheme === 'file' && /^go\.(mod|work)$/.test(path.basename(doc.uri.fsPath))) {
        return vscode.Uri.joinPath(doc.uri, '..');
    }
    const folder = (doc && vscode.workspace.getWorkspaceFolder(doc.uri))
        ?? (vscode.workspace.workspaceFolders?.length === 1 ? vscode.workspace.workspaceFolders[0] : await vscode.window.showWorkspaceFolderPick());
    return folder?.uri;
}

/** "Apply Fix…": the server's quick fixes of every goroot-lens diagnostic, picked from one list. */
async function applyFix(ctx: Ctx): Promise<void> {
    await ctx.ready();
    type Item = vscode.QuickPickItem & { action: vscode.CodeAction };
    const items: Item[] = [];
    for (const [uri, diags] of vscode.languages.getDiagnostics()) {
        for (const d of diags.filter((d) => d.source === lsp.diagnosticSource)) {
            const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
                'vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
            for (const action of actions ?? []) {
                const ours = action.command?.command === lsp.serverCommands.applyFix
                    || action.diagnostics?.some((ad) => ad.source === lsp.diagnosticSource);
                if (ours && !items.some((i) => i.label === action.title)) {
                    items.push({ label: action.title, description: String(typeof d.code === 'object' ? d.code.value : d.code ?? ''), detail: d.message, action });
                }
            }
        }
    }
    if (items.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('goroot-lens has no fix to offer: there is no goroot-lens problem with a fix.'));
        return;
    }
    const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Pick a fix: its plan is shown before anything is written') });
    if (pick?.action.edit) {
        await vscode.workspace.applyEdit(pick.action.edit);
    }
    if (pick?.action.command) {
        await vscode.commands.executeCommand(pick.action.command.command, ...(pick.action.command.arguments ?? []));
    }
}

/**
 * "Open Runtime Trace": `goroot-lens trace DIR --keep FILE` (the CLI's
 * Verify GOROOT, README "trace"), then `go tool trace FILE` in a terminal,
 * which serves the trace viewer and opens the browser.
 */
async function openTrace(ctx: Ctx): Promise<void> {
    if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(vscode.l10n.t('goroot-lens runs and writes nothing in an untrusted workspace: trust the workspace to verify, fix or undo.'));
        return;
    }
    await ctx.ready().catch(() => undefined);
    const bin = ctx.serverPath;
    const dir = await pickFolder(true);
    if (!bin || !dir) {
        return;
    }
    const file = path.join(os.tmpdir(), `goroot-lens-${path.basename(dir.fsPath)}-${Date.now()}.trace`);
    const args = ['trace', dir.fsPath, '--keep', file];
    if (vscode.workspace.getConfiguration('gorootLens').get<boolean>('verify.allowDownload', false)) {
        args.push('--allow-download');
    }
    ctx.output.appendLine(`${bin} ${args.join(' ')}`);
    const out = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('goroot-lens: recording the runtime trace…'), cancellable: true },
        (_p, token) => new Promise<{ ok: boolean; text: string }>((resolve) => {
            const ac = new AbortController();
            token.onCancellationRequested(() => ac.abort());
            execFile(bin, args, { cwd: dir.fsPath, signal: ac.signal, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
                resolve({ ok: !ac.signal.aborted && (!err || typeof err.code === 'number'), text: stdout + stderr });
            });
        }));
    ctx.output.appendLine(out.text);
    if (!out.ok || !fs.existsSync(file)) {
        void vscode.window.showErrorMessage(vscode.l10n.t('goroot-lens could not record a trace; see the output.'), vscode.l10n.t('Show Output'))
            .then((a) => a && ctx.output.show());
        return;
    }
    vscode.window.createTerminal({ name: 'go tool trace', cwd: dir.fsPath, shellPath: 'go', shellArgs: ['tool', 'trace', file] }).show();
}
