// Resolves the sidecar binary: the gorootLens.server.path setting, else the
// binary bundled in this platform's VSIX, else an actionable error.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface Server {
    /** Absolute path of the goroot-lens binary. */
    path: string;
    /** What `<bin> version` printed after "goroot-lens ". */
    version: string;
    /** Where the path came from, for the status bar tooltip. */
    source: string;
    /** Set when a workspace-level server.path was ignored (untrusted workspace). */
    ignored?: string;
}

export class BootstrapError extends Error {}

export async function bootstrap(extensionUri: vscode.Uri): Promise<Server> {
    const inspect = vscode.workspace.getConfiguration('gorootLens').inspect<string>('server.path');
    const workspaceValue = inspect?.workspaceFolderValue || inspect?.workspaceValue;
    let configured = inspect?.globalValue || inspect?.defaultValue || '';
    let ignored: string | undefined;
    let source = vscode.l10n.t('user setting gorootLens.server.path');
    if (workspaceValue) {
        if (vscode.workspace.isTrusted) {
            configured = workspaceValue;
            source = vscode.l10n.t('workspace setting gorootLens.server.path');
        } else {
            // A workspace must not choose the program we run until it is trusted.
            ignored = vscode.l10n.t('Workspace setting gorootLens.server.path ({0}) ignored: the workspace is not trusted.', workspaceValue);
        }
    }
    let bin = configured ? expandHome(configured) : '';
    if (!bin) {
        const exe = process.platform === 'win32' ? 'goroot-lens.exe' : 'goroot-lens';
        bin = vscode.Uri.joinPath(extensionUri, 'extension', 'bin', exe).fsPath;
        source = vscode.l10n.t('bundled with the extension');
        if (!fs.existsSync(bin)) {
            throw new BootstrapError(vscode.l10n.t(
                'No goroot-lens binary for {0}-{1} is bundled with this extension. Install the VSIX for your platform, or set gorootLens.server.path to a goroot-lens binary (go install github.com/goroot-lens/goroot-lens/cmd/goroot-lens@latest).',
                process.platform, process.arch));
        }
    }
    const version = await probeVersion(bin).catch((err: Error) => {
        throw new BootstrapError(vscode.l10n.t('{0} ({1}) does not run as goroot-lens: {2}. Check gorootLens.server.path.', bin, source, err.message));
    });
    return { path: bin, version, source, ignored };
}

/** Runs `<bin> version`, which prints "goroot-lens <version>". */
function probeVersion(bin: string): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(bin, ['version'], { timeout: 10_000 }, (err, stdout) => {
            const m = /^goroot-lens (\S+)/.exec(stdout);
            if (m) {
                resolve(m[1]);
            } else {
                reject(err ?? new Error(vscode.l10n.t('unexpected output {0}', JSON.stringify(stdout.slice(0, 80)))));
            }
        });
    });
}

function expandHome(p: string): string {
    if (p === '~' || p.startsWith('~/')) {
        return path.join(process.env.HOME ?? process.env.USERPROFILE ?? '', p.slice(1));
    }
    return p;
}
