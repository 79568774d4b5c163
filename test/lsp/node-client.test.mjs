// End-to-end: the real Node LSP client (vscode-jsonrpc +
// vscode-languageserver-protocol, initialize params captured from
// vscode-languageclient 11.0.0) spawning the built `goroot-lens serve --stdio`.
// Every scenario has its own temp HOME and workspace; nothing sleeps: each
// step waits for the response or notification it needs, bounded by a timeout
// that fails the test and prints the server's debug log.
//
//   GOROOT_LENS_BIN=… GOROOT_LENS_OLD=… node --test test/lsp/node-client.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CodeLensRequest, CodeActionRequest, ExecuteCommandRequest, ExitNotification,
  CancellationTokenSource, LSPErrorCodes, DiagnosticSeverity, CodeActionKind,
  ShowMessageNotification, ResponseError,
} from 'vscode-languageserver-protocol/node';
import {
  makeScenario, startServer, vscodeInitializeParams, oldGoroot, withTimeout,
  leftoverProcesses, TIMEOUT_MS,
} from './lib/harness.mjs';

const VERIFY = 'goroot-lens.verify';
const MISMATCH = 'goroot-env-mismatch';

/** Runs a session around a describe block: start, initialize, and always end the process. */
function session(name, opts, initOverrides = {}) {
  const st = {};
  before(async () => {
    st.sc = makeScenario(name, opts);
    st.s = startServer(st.sc);
    st.init = await st.s.initialize(vscodeInitializeParams(st.sc, initOverrides));
  });
  after(async () => {
    await st.s?.kill();
    st.sc?.cleanup();
  });
  return st;
}

/** Attaches the server's log to an assertion failure. */
async function explained(s, fn) {
  try {
    return await fn();
  } catch (e) {
    if (e && typeof e === 'object' && !String(e.message).includes('server stderr')) {
      e.message += s.context();
    }
    throw e;
  }
}

/** Resolves with the ResponseError (or result) of a request, never rejects on a JSON-RPC error. */
async function settle(promise) {
  try {
    return { result: await promise };
  } catch (error) {
    return { error };
  }
}

const firstGoModDiagnostics = (s) => s.waitDiagnostics(s.sc.goModUri);

describe('clean workspace', () => {
  const st = session('clean', {});

  it('initialize answers with code lens, code action and executeCommand (goroot-lens.verify) providers', () => {
    const caps = st.init.capabilities;
    assert.ok(caps.codeLensProvider, `codeLensProvider missing in ${JSON.stringify(caps)}`);
    assert.ok(caps.codeActionProvider, `codeActionProvider missing in ${JSON.stringify(caps)}`);
    if (typeof caps.codeActionProvider === 'object') {
      assert.ok(caps.codeActionProvider.codeActionKinds?.includes(CodeActionKind.QuickFix),
        `codeActionKinds ${JSON.stringify(caps.codeActionProvider.codeActionKinds)} lacks quickfix`);
    }
    assert.ok(caps.executeCommandProvider?.commands?.includes(VERIFY),
      `executeCommandProvider.commands ${JSON.stringify(caps.executeCommandProvider)} lacks ${VERIFY}`);
    assert.equal(st.init.serverInfo?.name, 'goroot-lens');
  });

  it('the first publishDiagnostics for go.mod arrives and is empty', async () => {
    const n = await firstGoModDiagnostics(st.s);
    await explained(st.s, () => assert.deepEqual(n.params.diagnostics, []));
  });

  it('shutdown then exit ends the process with status 0', async () => {
    const { code, signal } = await st.s.shutdownAndExit();
    await explained(st.s, () => assert.deepEqual({ code, signal }, { code: 0, signal: null }));
  });
});

describe('mismatched workspace (GOROOT = a real go1.22.12 tree)', () => {
  const st = session('mismatch', { mismatch: true });
  let diag; // the goroot-env-mismatch diagnostic as published
  let lenses;

  it('publishDiagnostics on go.mod carries goroot-env-mismatch with source, codeDescription, data and severity Error', async () => {
    const n = await firstGoModDiagnostics(st.s);
    await explained(st.s, () => {
      const diags = n.params.diagnostics;
      diag = diags.find((d) => d.code === MISMATCH);
      assert.ok(diag, `no ${MISMATCH} among ${JSON.stringify(diags.map((d) => d.code))}`);
      assert.equal(diag.source, 'goroot-lens');
      assert.equal(diag.severity, DiagnosticSeverity.Error);
      assert.match(diag.codeDescription?.href ?? '', /#goroot-env-mismatch$/);
      assert.ok(diag.data !== undefined && diag.data !== null, 'data missing');
      assert.equal(diag.data.code, MISMATCH);
      assert.ok(Array.isArray(diag.data.fixes) && diag.data.fixes.length > 0, `data.fixes: ${JSON.stringify(diag.data.fixes)}`);
      // On the first line or the `go` line (line index 2) of go.mod.
      assert.ok([0, 2].includes(diag.range.start.line), `range ${JSON.stringify(diag.range)}`);
      // The message names both versions (the real trees, not a mock).
      assert.match(diag.message, /go1\.22\.12/);
      assert.ok(diag.message.includes(readFileSync(`${oldGoroot()}/VERSION`, 'utf8').split('\n')[0]));
    });
  });

  it('textDocument/codeLens on go.mod returns "Verify GOROOT" (goroot-lens.verify) and a status lens', async () => {
    lenses = await st.s.request(CodeLensRequest.type, { textDocument: { uri: st.sc.goModUri } });
    await explained(st.s, () => {
      assert.ok(Array.isArray(lenses), `lenses: ${JSON.stringify(lenses)}`);
      const verify = lenses.find((l) => l.command?.command === VERIFY);
      assert.ok(verify, `no ${VERIFY} lens in ${JSON.stringify(lenses)}`);
      assert.equal(verify.command.title, 'Verify GOROOT');
      assert.equal(verify.range.start.line, 2, 'the lens sits on the `go` line of go.mod');
      const status = lenses.filter((l) => l !== verify);
      assert.ok(status.length >= 1, `no status lens in ${JSON.stringify(lenses)}`);
      assert.ok(status.some((l) => /GOROOT/.test(l.command?.title ?? '') && l.command.title.includes(MISMATCH)),
        `status lens titles ${JSON.stringify(status.map((l) => l.command?.title))} do not name GOROOT and ${MISMATCH}`);
    });
  });

  it('textDocument/codeAction with the diagnostic in context returns a quickfix for it', async () => {
    assert.ok(diag, 'needs the diagnostic of the first step');
    const actions = await st.s.request(CodeActionRequest.type, {
      textDocument: { uri: st.sc.goModUri },
      range: diag.range,
      context: { diagnostics: [diag], only: [CodeActionKind.QuickFix], triggerKind: 1 },
    });
    await explained(st.s, () => {
      assert.ok(Array.isArray(actions) && actions.length >= 1, `actions: ${JSON.stringify(actions)}`);
      const fixes = actions.filter((a) => a.kind === CodeActionKind.QuickFix);
      assert.ok(fixes.length >= 1, `no quickfix in ${JSON.stringify(actions.map((a) => a.kind))}`);
      assert.ok(fixes.every((a) => a.edit || a.command), 'a quick fix with neither edit nor command');
      assert.ok(fixes.some((a) => a.diagnostics?.some((d) => d.code === MISMATCH)), 'no quickfix names the diagnostic');
      assert.equal(fixes.filter((a) => a.isPreferred).length, 1, 'exactly one preferred fix');
    });
  });

  it('workspace/executeCommand goroot-lens.verify (the lens command) returns verdict "mismatch", with progress and showMessage', async () => {
    const verify = lenses?.find((l) => l.command?.command === VERIFY);
    const token = 'e2e-verify-mismatch';
    st.s.watchProgress(token);
    const result = await st.s.request(ExecuteCommandRequest.type, {
      command: VERIFY, arguments: verify?.command.arguments ?? [st.sc.wsUri], workDoneToken: token,
    });
    await explained(st.s, async () => {
      assert.equal(typeof result, 'object');
      assert.equal(result?.verdict, 'mismatch', `result: ${JSON.stringify(result)?.slice(0, 500)}`);
      const msg = await st.s.waitNotification('window/showMessage with the verdict',
        (n) => n.method === ShowMessageNotification.type.method && /mismatch/.test(n.params.message));
      assert.match(msg.params.message, /mismatch/);
      const progress = st.s.notifications.filter((n) => n.method === '$/progress' && n.params.token === token).map((n) => n.params.value.kind);
      assert.equal(progress[0], 'begin', `progress kinds ${JSON.stringify(progress)}`);
      assert.equal(progress.at(-1), 'end', `progress kinds ${JSON.stringify(progress)}`);
    });
  });

  it('shutdown then exit ends the process with status 0', async () => {
    const { code, signal } = await st.s.shutdownAndExit();
    await explained(st.s, () => assert.deepEqual({ code, signal }, { code: 0, signal: null }));
  });
});

describe('quick fix writes the user profile (fix engine), then undo', () => {
  // ~/.profile of a sh user exports the old GOROOT, and so the editor has it.
  const before = (old) => `# mine\nexport GOROOT=${old}\nexport EDITOR=vi\n`;
  const st = session('fix', { mismatch: true, shell: '/bin/sh', homeFiles: { '.profile': before } });
  const profile = () => readFileSync(`${st.sc.home}/.profile`, 'utf8');

  it('the quick fix asks with Apply/Cancel, deletes exactly that line, says what keeps the old value, and republishes', async () => {
    const n = await firstGoModDiagnostics(st.s);
    const diag = n.params.diagnostics.find((d) => d.code === MISMATCH);
    await explained(st.s, () => assert.ok(diag, `no ${MISMATCH} in ${JSON.stringify(n.params.diagnostics)}`));
    const actions = await st.s.request(CodeActionRequest.type, {
      textDocument: { uri: st.sc.goModUri }, range: diag.range,
      context: { diagnostics: [diag], only: [CodeActionKind.QuickFix], triggerKind: 1 },
    });
    const action = actions.find((a) => a.isPreferred);
    await explained(st.s, () => {
      assert.equal(action?.command?.command, 'goroot-lens.applyFix', `preferred action ${JSON.stringify(action)}`);
      const arg = action.command.arguments[0];
      assert.equal(arg.code, MISMATCH);
      assert.equal(arg.folder, st.sc.wsUri);
      assert.match(arg.fix.id, /^delete-line-goroot-2$/);
    });
    // Cancel first: nothing is written.
    st.s.onMessageRequest = (p) => p.actions.find((a) => a.title === 'Cancel');
    const cancelled = await st.s.request(ExecuteCommandRequest.type, action.command);
    await explained(st.s, () => {
      assert.equal(cancelled?.applied, false);
      assert.equal(profile(), before(oldGoroot()));
    });
    // Then Apply.
    let asked;
    st.s.onMessageRequest = (p) => { asked = p; return p.actions.find((a) => a.title === 'Apply'); };
    const mark = st.s.notifications.length;
    const result = await st.s.request(ExecuteCommandRequest.type, action.command);
    await explained(st.s, async () => {
      assert.ok(asked, 'no window/showMessageRequest before writing');
      assert.deepEqual(asked.actions.map((a) => a.title), ['Apply', 'Cancel']);
      assert.ok(asked.message.includes(`${st.sc.home}/.profile:2`), `plan message: ${asked.message}`);
      assert.equal(result?.applied, true, JSON.stringify(result)?.slice(0, 400));
      assert.equal(profile(), '# mine\nexport EDITOR=vi\n');
      const msg = await st.s.waitNotification('the result message',
        (x) => x.method === ShowMessageNotification.type.method && /Applied/.test(x.params.message));
      assert.match(msg.params.message, /gopls/);
      assert.match(msg.params.message, /restart/);
      // Diagnostics come again from a probe of the new-process environment;
      // what the running editor still holds is said, with the restart.
      const after = await st.s.waitNotification('go.mod diagnostics without the mismatch',
        (x) => st.s.notifications.indexOf(x) >= mark && x.method === 'textDocument/publishDiagnostics'
          && x.params.uri === st.sc.goModUri && !x.params.diagnostics.some((d) => d.code === MISMATCH));
      const stale = after.params.diagnostics.find((d) => d.code === 'env-stale');
      assert.ok(stale, `no env-stale for the running editor in ${JSON.stringify(after.params.diagnostics)}`);
      assert.match(stale.message, /gopls/);
      assert.ok(stale.message.includes(`GOROOT=${oldGoroot()}`), stale.message);
      assert.match(stale.data.fixes[0].title, /Reload Window is not enough/);
    });
  });

  it('goroot-lens.undo restores the profile byte for byte', async () => {
    await st.s.request(ExecuteCommandRequest.type, { command: 'goroot-lens.undo', arguments: [] });
    await explained(st.s, () => assert.equal(profile(), before(oldGoroot())));
  });

  it('shutdown then exit ends the process with status 0 (the re-probes are cancelled with it)', async () => {
    const { code, signal } = await st.s.shutdownAndExit();
    await explained(st.s, () => assert.deepEqual({ code, signal }, { code: 0, signal: null }));
  });
});

describe('exit without shutdown', () => {
  const st = session('exit1', {});

  it('ends the process with status 1', async () => {
    await firstGoModDiagnostics(st.s);
    await st.s.conn.sendNotification(ExitNotification.type);
    const { code, signal } = await withTimeout(st.s.exited, TIMEOUT_MS, 'the server to exit', st.s.context);
    await explained(st.s, () => assert.deepEqual({ code, signal }, { code: 1, signal: null }));
  });
});

/**
 * Starts goroot-lens.verify on a clean workspace whose build cache is cold (a
 * fresh HOME), and waits until `go build` is compiling: the verify then has
 * seconds of work left and child processes running.
 */
async function verifyCompiling(s, token) {
  s.watchProgress(token);
  const cts = new CancellationTokenSource();
  const pending = s.conn.sendRequest(ExecuteCommandRequest.type,
    { command: VERIFY, arguments: [s.sc.wsUri], workDoneToken: token }, cts.token);
  const state = { done: false, cts };
  state.outcome = settle(pending).then((o) => { state.done = true; state.doneAt = process.hrtime.bigint(); return o; });
  const compiling = s.waitNotification('$/progress report "compile …" of the verify build',
    (n) => n.method === '$/progress' && n.params.token === token && /^compile /.test(n.params.value.message ?? ''));
  // If the verify answers before it compiles, report that instead of timing out.
  const first = await Promise.race([compiling.then(() => 'compiling'), state.outcome.then(() => 'answered')]);
  if (first === 'answered') {
    const o = await state.outcome;
    assert.fail(`verify answered before its build compiled anything: ${JSON.stringify(o.error ? { code: o.error.code, message: o.error.message } : o.result)?.slice(0, 400)}${s.context()}`);
  }
  return state;
}

describe('cancellation', () => {
  const st = session('cancel', {});

  it('$/cancelRequest with the numeric id answers -32800 and leaves no process behind', async () => {
    await firstGoModDiagnostics(st.s);
    const v = await verifyCompiling(st.s, 'e2e-cancel');
    const before = leftoverProcesses({ ppid: st.s.proc.pid, needle: st.sc.root });
    v.cts.cancel(); // vscode-jsonrpc sends $/cancelRequest {id: <number>}
    const o = await withTimeout(v.outcome, TIMEOUT_MS, 'the cancelled verify to answer', st.s.context);
    const left = leftoverProcesses({ ppid: st.s.proc.pid, needle: st.sc.root });
    await explained(st.s, () => {
      assert.ok(o.error, `the cancelled verify succeeded: ${JSON.stringify(o.result)?.slice(0, 300)}`);
      assert.ok(o.error instanceof ResponseError, `not a ResponseError: ${o.error}`);
      assert.equal(o.error.code, LSPErrorCodes.RequestCancelled, `code ${o.error.code}: ${o.error.message}`);
      assert.ok(before.length > 0, 'no build process was running when the request was cancelled (test precondition)');
      assert.deepEqual(left, [], 'processes left after the cancelled verify answered');
    });
  });

  it('the connection still serves requests after the cancellation', async () => {
    const lenses = await st.s.request(CodeLensRequest.type, { textDocument: { uri: st.sc.goModUri } });
    assert.ok(lenses.some((l) => l.command?.command === VERIFY));
    const { code } = await st.s.shutdownAndExit();
    assert.equal(code, 0);
    assert.deepEqual(leftoverProcesses({ needle: st.sc.root }), [], 'processes left after the server exited');
  });
});

describe('concurrency', () => {
  const st = session('concurrent', {});

  it('a codeLens request answers while a verify is still running', async () => {
    await firstGoModDiagnostics(st.s);
    const order = [];
    const v = await verifyCompiling(st.s, 'e2e-concurrent');
    v.outcome.then(() => order.push('verify'));
    const lenses = await st.s.request(CodeLensRequest.type, { textDocument: { uri: st.sc.goModUri } }).then((r) => {
      order.push('codeLens');
      return r;
    });
    await explained(st.s, () => {
      assert.deepEqual(order, ['codeLens'], 'codeLens must answer before the running verify');
      assert.equal(v.done, false);
      assert.ok(lenses.some((l) => l.command?.command === VERIFY));
    });
    v.cts.cancel();
    const o = await withTimeout(v.outcome, TIMEOUT_MS, 'the cancelled verify to answer', st.s.context);
    assert.deepEqual(order, ['codeLens', 'verify']);
    assert.equal(o.error?.code, LSPErrorCodes.RequestCancelled);
  });
});

describe('zh-CN locale', () => {
  const st = session('zh', { mismatch: true }, { locale: 'zh-CN' });

  it('the lens title is Chinese', async () => {
    const n = await firstGoModDiagnostics(st.s);
    const lenses = await st.s.request(CodeLensRequest.type, { textDocument: { uri: st.sc.goModUri } });
    await explained(st.s, () => {
      const verify = lenses.find((l) => l.command?.command === VERIFY);
      assert.ok(verify, `no ${VERIFY} lens in ${JSON.stringify(lenses)}`);
      assert.equal(verify.command.title, '验证 GOROOT');
      const d = n.params.diagnostics.find((x) => x.code === MISMATCH);
      assert.ok(d, 'no goroot-env-mismatch diagnostic');
      assert.match(d.message, /[\u4e00-\u9fff]/, `diagnostic message is not Chinese: ${d.message}`);
    });
  });
});
