// Every name shared with the sidecar (`goroot-lens serve`, server/commands.go
// and server/fix.go), once. The TypeScript side only forwards: the server
// owns the probes, the plans, the journal and every message the user reads.

/** workspace/executeCommand commands the server registers. */
export const serverCommands = {
    verify: 'goroot-lens.verify',
    report: 'goroot-lens.report',
    refresh: 'goroot-lens.refresh',
    applyFix: 'goroot-lens.applyFix',
    undo: 'goroot-lens.undo',
} as const;

/**
 * The palette commands (package.json). The server's ids above are registered
 * by vscode-languageclient's ExecuteCommandFeature (from the server's
 * executeCommandProvider) and used by code lenses and quick fixes; a
 * contributed command with the same id would be fine in the manifest, but
 * the client ids below also work before the server is up and resolve the
 * folder argument the server wants.
 */
export const clientCommands = {
    verify: 'goroot-lens.client.verify',
    report: 'goroot-lens.client.report',
    applyFix: 'goroot-lens.client.applyFix',
    undo: 'goroot-lens.client.undo',
    openTrace: 'goroot-lens.openTrace',
    restartServer: 'goroot-lens.restartServer',
    showOutput: 'goroot-lens.showOutput',
} as const;

/** Diagnostic.source of every goroot-lens diagnostic (server.Source). */
export const diagnosticSource = 'goroot-lens';

/** findings.Store values a plan change can carry. */
export type Store =
    | 'user-registry' | 'system-registry' | 'profile' | 'profile-block'
    | 'system-file' | 'goenv' | 'session' | 'tool-binary';

/** findings.FixKind. */
export type FixKind =
    | 'set-user-var' | 'unset-user-var' | 'go-env' | 'edit-file'
    | 'prepend-path' | 'append-path' | 'run-go' | 'command' | 'restart';

/** findings.Fix, the fields the client reads. */
export interface Fix {
    id: string;
    title: string;
    kind: FixKind;
    store?: Store;
    var?: string;
    value?: string;
    newText?: string;
}

/** fix.Value. */
export interface Value {
    present: boolean;
    text?: string;
    type?: string;
}

/** fix.Change. */
export interface Change {
    store: Store;
    op: string;
    target: string;
    name: string;
    old: Value;
    new: Value;
}

/** fix.Plan. */
export interface Plan {
    code: string;
    fixId: string;
    title: string;
    dir: string;
    changes: Change[] | null;
    refused?: string;
    finding?: { code: string; fixes: Fix[] | null };
}

/** fix.Entry. */
export interface Entry {
    id: string;
    state: string;
    plan: Plan;
}

/** The result of goroot-lens.applyFix: {plan} for advice, {plan, applied, result}. */
export interface ApplyFixResult {
    plan: Plan;
    applied?: boolean;
    result?: { entry: Entry; fixed: boolean; restart?: string };
}

/** The result of goroot-lens.undo (fix.Result of the undo). */
export interface UndoResult {
    entry: Entry;
}
