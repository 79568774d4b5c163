// activate and deactivate only wire: the context owns the client, the
// command table is in commands.ts, every shared name in lsp_ext.ts.
import * as vscode from 'vscode';

import { commands } from './commands';
import { Ctx } from './ctx';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    ctx = new Ctx(context);
    context.subscriptions.push(ctx);
    for (const [id, make] of Object.entries(commands)) {
        context.subscriptions.push(vscode.commands.registerCommand(id, make(ctx)));
    }
    await ctx.ready().catch(() => undefined); // reported in the status bar, the output and a message
}

export async function deactivate(): Promise<void> {
    await ctx?.stop();
    ctx = undefined;
}
