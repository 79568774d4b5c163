// The walkthrough "Set up Go with user variables" (package.json
// contributes.walkthroughs, goroot-lens.setup) as a checklist ticked by the
// server's verdict: step <id> completes on the context key
// gorootLens.walkthrough.<id>, set here.
//
// VS Code's completion is sticky: once a step's key turns true the step is
// stored as done (per profile, so in every workspace), and turning the key
// false again does not untick it; only the user or "Reset Welcome Page
// Walkthrough Progress" does, and a key fires at most once per window.
// The keys still go false when a finding comes back, so they never claim
// what is no longer true; the walkthrough's text says the status bar and
// the Problems view show the current state.
import * as vscode from 'vscode';

import * as lsp from './lsp_ext';

/** Step id → the diagnostic codes (probes/findings/codes.go) that keep it open. */
export const findingSteps: Record<string, readonly string[]> = {
    goOnPath: ['go-not-found', 'go-shadowed', 'go-skipped', 'version-manager-shim'],
    // goroot-redundant is info only: a GOROOT that matches counts as done.
    goroot: ['goroot-env-mismatch', 'goroot-invalid', 'goroot-bin-not-on-path', 'goenv-file-override', 'settings-goroot-mismatch'],
    gopathBin: ['gobin-not-on-path', 'gopath-is-goroot'],
};

/** The step done by a verified Verify GOROOT. */
export const verifyStep = 'verify';

export class Walkthrough {
    /** The running server has published diagnostics: before that, no finding means nothing. */
    private published = false;
    private readonly keys = new Map<string, boolean>();

    /** The server stops: its verdict is gone until the next one publishes. */
    reset(): void {
        this.published = false;
    }

    /** middleware.handleDiagnostics: the server published for some document. */
    onPublish(): void {
        this.published = true;
        this.update();
    }

    /** Diagnostics changed: a step is done while none of its codes is reported. */
    update(): void {
        if (!this.published) {
            return;
        }
        const codes = new Set<string>();
        for (const [, diags] of vscode.languages.getDiagnostics()) {
            for (const d of diags) {
                if (d.source === lsp.diagnosticSource) {
                    codes.add(String(typeof d.code === 'object' ? d.code.value : d.code));
                }
            }
        }
        for (const [step, open] of Object.entries(findingSteps)) {
            this.set(step, !open.some((c) => codes.has(c)));
        }
    }

    /** The result of goroot-lens.verify: {verdict: verified | mismatch | failed, …}. */
    verified(result: unknown): void {
        const verdict = (result as { verdict?: unknown } | undefined)?.verdict;
        if (typeof verdict === 'string') {
            this.set(verifyStep, verdict === 'verified');
        }
    }

    private set(step: string, done: boolean): void {
        if (this.keys.get(step) !== done) {
            this.keys.set(step, done);
            void vscode.commands.executeCommand('setContext', `gorootLens.walkthrough.${step}`, done);
        }
    }
}
