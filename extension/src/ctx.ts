// The context owns the LanguageClient (start, stop, restart), the output
// channel, the status bar item and the environment new terminals get.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
    LanguageClient,
    type DocumentSelector,
    type LanguageClientOptions,
    type Middleware,
    type ServerOptions,
    State,
    TransportKind,
} from 'vscode-languageclient/node';

import { bootstrap, BootstrapError, type Server } from './bootstrap';
import * as lsp from './lsp_ext';
import { Walkthrough } from './walkthrough';

const profileFiles = ['.profile', '.bash_profile', '.bashrc', '.zshenv', '.zprofile', '.zshrc', 'fish/config.fish'];
/** Commands that build, run or write: not in an untrusted workspace. */
const needTrust: string[] = [lsp.serverCommands.verify, lsp.serverCommands.applyFix, lsp.serverCommands.undo];

export class Ctx implements vscode.Disposable {
    readonly output = vscode.window.createOutputChannel('goroot-lens', { log: true });
    private readonly status = vscode.window.createStatusBarItem('goroot-lens.status', vscode.StatusBarAlignment.Left, 10);
    private client: LanguageClient | undefined;
    private starting: Promise<LanguageClient> | undefined;
    private server: Server | undefined;
    private startError: string | undefined;
    /** The Go version of the last status lens the server sent ("go1.26.8"). */
    private goVersion = '';
    /** The walkthrough's checklist (walkthrough.ts). */
    private readonly walkthrough = new Walkthrough();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(readonly extCtx: vscode.ExtensionContext) {
        this.status.name = 'goroot-lens';
        this.status.command = lsp.clientCommands.report;
        this.disposables.push(
            this.output,
            this.status,
            vscode.languages.onDidChangeDiagnostics(() => {
                this.updateStatus();
                this.walkthrough.update();
            }),
            vscode.workspace.onDidGrantWorkspaceTrust(() => this.restart()),
            vscode.workspace.onDidChangeConfiguration((e) => {
                if (['gorootLens.server.path', 'gorootLens.logLevel', 'gorootLens.profiles.check', 'gorootLens.language'].some((s) => e.affectsConfiguration(s))) {
                    void this.restart();
                }
            }),
        );
        const env = extCtx.environmentVariableCollection;
        env.description = vscode.l10n.t('goroot-lens: environment fixes applied from VS Code, for new terminals');
        this.updateStatus();
    }

    get serverPath(): string | undefined {
        return this.server?.path;
    }

    /** The running client, starting it first if needed; throws a user-facing message. */
    async ready(): Promise<LanguageClient> {
        if (this.client?.isRunning()) {
            return this.client;
        }
        this.starting ??= this.start().finally(() => (this.starting = undefined));
        return this.starting;
    }

    async start(): Promise<LanguageClient> {
        await this.stop(); // a client that stopped (crashed, failed to start) is replaced
        this.startError = undefined;
        try {
            this.server = await bootstrap(this.extCtx.extensionUri);
        } catch (err) {
            this.startError = err instanceof Error ? err.message : String(err);
            this.output.appendLine(this.startError);
            this.updateStatus();
            if (err instanceof BootstrapError) {
                void this.offerSettings(this.startError);
            }
            throw err;
        }
        const level = vscode.workspace.getConfiguration('gorootLens').get<string>('logLevel', 'warn');
        const run = { command: this.server.path, args: ['serve', '--stdio', '--log-level', level], transport: TransportKind.stdio };
        const serverOptions: ServerOptions = { run, debug: run };
        const clientOptions: LanguageClientOptions = {
            documentSelector: documentSelector(),
            outputChannel: this.output,
            initializationOptions: this.initializationOptions(),
            synchronize: { configurationSection: 'go' },
            middleware: this.middleware(),
        };
        const client = new LanguageClient('gorootLens', 'goroot-lens', serverOptions, clientOptions);
        this.client = client;
        client.onDidChangeState((e) => {
            if (e.newState !== State.Running) {
                this.walkthrough.reset(); // a crashed server's cleared diagnostics are no verdict
            }
            this.updateStatus();
        });
        this.updateStatus();
        try {
            await client.start();
        } catch (err) {
            this.startError = err instanceof Error ? err.message : String(err);
            this.updateStatus();
            throw err;
        }
        this.updateStatus();
        return client;
    }

    async stop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        this.walkthrough.reset();
        if (client) {
            await client.dispose().catch((err) => this.output.appendLine(String(err)));
        }
    }

    async restart(): Promise<void> {
        await this.starting?.catch(() => undefined);
        this.goVersion = '';
        await this.ready().catch(() => undefined); // the error is in the status bar and the output
    }

    /**
     * Runs a server command through the command vscode-languageclient
     * registered for it, so the middleware below sees its result.
     */
    async serverCommand<T>(command: string, ...args: unknown[]): Promise<T | undefined> {
        await this.ready();
        return vscode.commands.executeCommand<T>(command, ...args);
    }

    /**
     * The restart a fix left to do: VS Code and everything it started keep
     * the environment they started with, and Reload Window keeps VS Code's,
     * so only quitting and starting it again helps.
     */
    private async offerQuit(title: string): Promise<undefined> {
        const quit = vscode.l10n.t('Quit VS Code');
        if ((await vscode.window.showInformationMessage(title, { modal: true }, quit)) === quit) {
            await vscode.commands.executeCommand('workbench.action.quit');
        }
        return undefined;
    }

    dispose(): void {
        void this.stop();
        vscode.Disposable.from(...this.disposables).dispose();
    }

    private middleware(): Middleware {
        return {
            executeCommand: async (command, args, next) => {
                if (!vscode.workspace.isTrusted && needTrust.includes(command)) {
                    void vscode.window.showWarningMessage(vscode.l10n.t('goroot-lens runs and writes nothing in an untrusted workspace: trust the workspace to verify, fix or undo.'));
                    return undefined;
                }
                const fix = command === lsp.serverCommands.applyFix ? (args[0] as { fix?: lsp.Fix } | undefined)?.fix : undefined;
                if (fix?.kind === 'restart') {
                    return this.offerQuit(fix.title); // nothing to write: the restart is VS Code's to do
                }
                const result = await next(command, args);
                if (command === lsp.serverCommands.applyFix) {
                    this.fixApplied(result as lsp.ApplyFixResult | undefined);
                } else if (command === lsp.serverCommands.undo) {
                    this.fixUndone(result as lsp.UndoResult | undefined);
                } else if (command === lsp.serverCommands.verify) {
                    this.walkthrough.verified(result);
                }
                return result;
            },
            handleDiagnostics: (uri, diagnostics, next) => {
                next(uri, diagnostics);
                this.walkthrough.onPublish();
            },
            provideCodeLenses: async (document, token, next) => {
                const lenses = await next(document, token);
                // The status lens (server/code_lens.go) runs goroot-lens.report and
                // names the Go version: "GOROOT /usr/local/go · go1.26.8 · …".
                for (const lens of lenses ?? []) {
                    const m = lens.command?.command === lsp.serverCommands.report && /\bgo\d+(?:\.\d+)*(?:rc\d+|beta\d+)?/.exec(lens.command.title);
                    if (m) {
                        this.goVersion = m[0];
                        this.updateStatus();
                    }
                }
                return lenses;
            },
            workspace: {
                // Untrusted: the server judges the user's settings, not the workspace's.
                configuration: (params, token, next) =>
                    vscode.workspace.isTrusted ? next(params, token) : params.items.map((item) => goSettings(item.section)),
                didChangeConfiguration: (sections, next) => next(vscode.workspace.isTrusted ? sections : undefined),
            },
        };
    }

    private initializationOptions() {
        const cfg = vscode.workspace.getConfiguration('gorootLens');
        const language = cfg.get<string>('language', 'auto');
        return {
            // The server's language; auto: VS Code's display language, which the client sends as locale.
            ...(language !== 'auto' ? { locale: language } : {}),
            go: goSettings('go'),
            gorootLens: {
                verify: { allowDownload: cfg.get<boolean>('verify.allowDownload', false) },
                profiles: { check: cfg.get<boolean>('profiles.check', true) },
            },
        };
    }

    private updateStatus(): void {
        const s = this.status;
        const tooltip: string[] = [];
        if (this.startError) {
            s.text = 'GOROOT $(error)';
            s.command = lsp.clientCommands.showOutput;
            tooltip.push(this.startError);
        } else if (this.client?.state === State.Stopped) {
            s.text = 'GOROOT $(error)';
            s.command = lsp.clientCommands.restartServer;
            tooltip.push(vscode.l10n.t('goroot-lens: the server stopped (see the output). Click to restart it.'));
        } else if (!this.client?.isRunning()) {
            s.text = 'GOROOT $(sync~spin)';
            s.command = lsp.clientCommands.showOutput;
            tooltip.push(vscode.l10n.t('goroot-lens: starting the server…'));
        } else {
            let count = 0;
            for (const [, diags] of vscode.languages.getDiagnostics()) {
                count += diags.filter((d) => d.source === lsp.diagnosticSource).length;
            }
            s.text = count === 0 ? `GOROOT ✓ ${this.goVersion}`.trimEnd() : `GOROOT ⚠ ${count}`;
            s.command = lsp.clientCommands.report;
            tooltip.push(count === 0
                ? vscode.l10n.t('goroot-lens: no problems found. Click for the environment report.')
                : vscode.l10n.t('goroot-lens: {0} problems (see the Problems view). Click for the environment report.', count));
        }
        if (this.server) {
            tooltip.push(vscode.l10n.t('Server: {0} {1} ({2})', this.server.path, this.server.version, this.server.source));
            if (this.server.ignored) {
                tooltip.push(this.server.ignored);
            }
        }
        if (!vscode.workspace.isTrusted) {
            tooltip.push(vscode.l10n.t('Untrusted workspace: only diagnostics and the report; workspace settings are ignored.'));
        }
        s.tooltip = tooltip.join('\n');
        s.show();
    }

    private async offerSettings(message: string): Promise<void> {
        const open = vscode.l10n.t('Open Settings');
        if ((await vscode.window.showErrorMessage(message, open)) === open) {
            await vscode.commands.executeCommand('workbench.action.openSettings', 'gorootLens.server.path');
        }
    }

    /**
     * New integrated terminals get the environment a fix gave new processes.
     * VS Code and the terminals already open keep the old one until restarted
     * (the server's result message says so). Only the plan's data is used:
     * for every change written to a profile line, goroot-lens's profile block
     * or HKCU\Environment, the fix the plan carried out (plan.finding.fixes
     * with id plan.fixId) says what a new process gets:
     *   set-user-var X=v            → replace(X, v)
     *   unset-user-var X, or a registry value deleted
     *                               → replace(X, ''): delete() only drops a
     *                                 mutator and cannot unset; for Go's
     *                                 variables empty means unset
     *   prepend-path dir            → prepend(PATH, dir + delimiter)
     *   append-path dir             → append(PATH, delimiter + dir)
     * A line edit (edit-file) names no new value and changes nothing here.
     */
    private fixApplied(res: lsp.ApplyFixResult | undefined): void {
        if (!res?.applied || !res.result) {
            return;
        }
        const plan = res.plan;
        const fix = plan.finding?.fixes?.find((f) => f.id === plan.fixId);
        const env = this.extCtx.environmentVariableCollection;
        for (const c of plan.changes ?? []) {
            if (!['profile', 'profile-block', 'user-registry'].includes(c.store) || !fix) {
                continue;
            }
            switch (fix.kind) {
                case 'prepend-path':
                    env.prepend('PATH', fix.value + path.delimiter);
                    break;
                case 'append-path':
                    env.append('PATH', path.delimiter + fix.value);
                    break;
                case 'set-user-var':
                    env.replace(c.name, fix.value ?? '');
                    break;
                case 'unset-user-var':
                    env.replace(c.name, '');
                    break;
                default:
                    if (c.op === 'delete-value' || !c.new.present) {
                        env.replace(c.name, '');
                    }
            }
        }
    }

    /** Undo drops what fixApplied added for the variables the entry changed. */
    private fixUndone(res: lsp.UndoResult | undefined): void {
        const env = this.extCtx.environmentVariableCollection;
        const plan = res?.entry?.plan;
        const fix = plan?.finding?.fixes?.find((f) => f.id === plan.fixId);
        for (const c of plan?.changes ?? []) {
            env.delete(fix?.kind === 'prepend-path' || fix?.kind === 'append-path' ? 'PATH' : c.name);
        }
    }
}

/** The document selector: by file pattern, so it works without the Go extension. */
function documentSelector(): DocumentSelector {
    const patterns = ['**/go.mod', '**/go.work', '**/.vscode/settings.json'];
    if (vscode.workspace.getConfiguration('gorootLens').get<boolean>('profiles.check', true)) {
        patterns.push(...profileFiles.map((f) => `**/${f}`));
    }
    return patterns.map((pattern) => ({ scheme: 'file', pattern }));
}

/**
 * The go.* settings the server judges (server/settings.go). In an untrusted
 * workspace only the user's (global) values: the workspace's are ignored.
 */
function goSettings(section: string | undefined): Record<string, unknown> | null {
    if (section !== 'go') {
        return null;
    }
    const cfg = vscode.workspace.getConfiguration('go');
    const out: Record<string, unknown> = {};
    for (const key of ['goroot', 'alternateTools', 'toolsEnvVars']) {
        const v = vscode.workspace.isTrusted ? cfg.get(key) : cfg.inspect(key)?.globalValue;
        if (v !== undefined) {
            out[key] = v;
        }
    }
    return out;
}
