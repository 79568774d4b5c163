// End-to-end: hostile LSP clients against the built `goroot-lens serve
// --stdio` (issue 9). The real Node client speaks for the well-formed
// requests; raw frames are written to the server's stdin between them, and
// their answers read from a tap on its stdout. Each case asserts the codes
// and that the next request is still answered. Nothing sleeps.
//
//   GOROOT_LENS_BIN=… node --test test/lsp/hostile.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeLensRequest, ExecuteCommandRequest, InitializeRequest, ShutdownRequest,
  CancellationTokenSource, LSPErrorCodes, ErrorCodes, ResponseError,
} from 'vscode-languageserver-protocol/node';
import { makeScenario, startServer, vscodeInitializeParams, withTimeout, TIMEOUT_MS } from './lib/harness.mjs';

const VERIFY = 'goroot-lens.verify';

async function settle(promise) {
  try {
    return { result: await promise };
  } catch (error) {
    return { error };
  }
}

async function expectError(promise, code, what) {
  const o = await settle(promise);
  assert.ok(o.error instanceof ResponseError, `${what}: got ${JSON.stringify(o.result)?.slice(0, 200)}, want error ${code}`);
  assert.equal(o.error.code, code, `${what}: code ${o.error.code} (${o.error.message}), want ${code}`);
}

/** Reads every frame the server writes, beside the client's own reader. */
function tap(proc) {
  const seen = []; // {msg, raw}
  const waiters = [];
  let buf = Buffer.alloc(0);
  proc.stdout.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, end).toString());
      const length = Number(m?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      const raw = buf.subarray(end + 4, end + 4 + length).toString();
      buf = buf.subarray(end + 4 + length);
      const e = { msg: JSON.parse(raw), raw };
      seen.push(e);
      for (const w of waiters.splice(0)) if (!w(e)) waiters.push(w);
    }
  });
  const waitEntry = (what, pred) => {
    const hit = seen.find(pred);
    if (hit) return Promise.resolve(hit);
    return withTimeout(new Promise((resolve) => waiters.push((e) => pred(e) && (resolve(e), true))), TIMEOUT_MS, what);
  };
  return {
    /** The first message (seen or future) matching pred. */
    wait: (what, pred) => waitEntry(what, (e) => pred(e.msg)).then((e) => e.msg),
    /** The first frame whose raw text matches pred (ids compared as sent). */
    waitRaw: (what, pred) => waitEntry(what, (e) => pred(e.raw)).then((e) => e.raw),
  };
}

function rawFrame(proc, body) {
  const b = Buffer.from(body);
  proc.stdin.write(`Content-Length: ${b.length}\r\n\r\n`);
  proc.stdin.write(b);
}

const lensParams = (sc) => ({ textDocument: { uri: sc.goModUri } });

describe('hostile client: lifecycle, unknown methods, broken frames, ids', () => {
  const st = {};
  before(() => {
    st.sc = makeScenario('hostile', {});
    st.s = startServer(st.sc);
    st.tap = tap(st.s.proc);
  });
  after(async () => {
    await st.s?.kill();
    st.sc?.cleanup();
  });

  it('requests before initialize are -32002 (ServerNotInitialized); notifications are dropped', async () => {
    const { s, sc } = st;
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { go: { goroot: '/x' } } });
    await expectError(s.request(CodeLensRequest.type, lensParams(sc)), ErrorCodes.ServerNotInitialized, 'codeLens before initialize');
    await expectError(s.request(ExecuteCommandRequest.type, { command: VERIFY, arguments: [sc.wsUri] }), ErrorCodes.ServerNotInitialized, 'verify before initialize');
    await expectError(s.request(ShutdownRequest.type, undefined), ErrorCodes.ServerNotInitialized, 'shutdown before initialize');
    assert.equal(s.notifications.length, 0, `the server sent ${JSON.stringify(s.notifications[0])} before initialize`);
  });

  it('initialize works after that; a second one is -32600', async () => {
    const { s, sc } = st;
    const init = await s.initialize(vscodeInitializeParams(sc));
    assert.equal(init.serverInfo?.name, 'goroot-lens');
    await expectError(s.request(InitializeRequest.type, vscodeInitializeParams(sc)), ErrorCodes.InvalidRequest, 'second initialize');
  });

  it('unknown methods are -32601, unknown $/ notifications are ignored', async () => {
    const { s, sc } = st;
    await expectError(s.request('goroot-lens/nothing', {}), ErrorCodes.MethodNotFound, 'unknown request');
    await expectError(s.request('$/goroot-lens-nothing', {}), ErrorCodes.MethodNotFound, 'unknown $/ request');
    await s.conn.sendNotification('$/goroot-lens-nothing', {});
    await s.conn.sendNotification('$/cancelRequest', { id: 424242 }); // never sent
    const lenses = await s.request(CodeLensRequest.type, lensParams(sc));
    assert.ok(lenses.some((l) => l.command?.command === VERIFY));
  });

  it('broken frames are answered (-32700, -32600, -32602) and the stream goes on', async () => {
    const { s, sc } = st;
    const p = s.proc;
    rawFrame(p, '{"jsonrpc":"2.0","id":"hostile-1","method":');
    const parse = await st.tap.wait('-32700 for a cut body', (m) => m.id === null && m.error?.code === ErrorCodes.ParseError);
    assert.ok(parse.error.message);
    rawFrame(p, '[{"jsonrpc":"2.0","id":"hostile-2","method":"textDocument/codeLens"}]');
    await st.tap.wait('-32600 for a batch', (m) => m.id === 'hostile-2' && m.error?.code === ErrorCodes.InvalidRequest);
    rawFrame(p, '{"jsonrpc":"2.0","id":"hostile-3","method":"textDocument/codeLens","params":5}');
    await st.tap.wait('-32602 for params of the wrong type', (m) => m.id === 'hostile-3' && m.error?.code === ErrorCodes.InvalidParams);
    // A Content-Length too long, with the next frame behind it: both answered.
    const body = `{"jsonrpc":"2.0","id":"hostile-4","method":"textDocument/codeLens","params":{"textDocument":{"uri":"${sc.goModUri}"}}}`;
    p.stdin.write(`Content-Length: ${Buffer.byteLength(body) + 500}\r\n\r\n${body}`);
    rawFrame(p, body.replace('hostile-4', 'hostile-5'));
    await st.tap.wait('the frame with a long Content-Length', (m) => m.id === 'hostile-4' && Array.isArray(m.result));
    await st.tap.wait('the frame after it', (m) => m.id === 'hostile-5' && Array.isArray(m.result));
    // Invalid UTF-8 before a header once panicked the process.
    p.stdin.write(Buffer.concat([Buffer.from([0xfc, 0xfc]), Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.replace('hostile-4', 'hostile-6')}`)]));
    await st.tap.wait('the frame after invalid UTF-8', (m) => m.id === 'hostile-6' && Array.isArray(m.result));
    const lenses = await s.request(CodeLensRequest.type, lensParams(sc));
    assert.ok(lenses.length > 0);
  });

  it('ids come back exactly as sent', async () => {
    const { sc } = st;
    const ids = ['9007199254740993', '18446744073709551616', '1e400', '-0', '""', '"goroot-lens/empty-id"'];
    for (const id of ids) {
      rawFrame(st.s.proc, `{"jsonrpc":"2.0","id":${id},"method":"textDocument/codeLens","params":{"textDocument":{"uri":"${sc.goModUri}"}}}`);
    }
    // JSON.parse would lose what is compared here: the text of each id.
    for (const id of ids) {
      await st.tap.waitRaw(`the answer with id ${id}`, (raw) => raw.includes(`"id":${id},`) || raw.endsWith(`"id":${id}}`));
    }
  });

  it('after shutdown every request is -32600; exit then ends with status 0', async () => {
    const { s, sc } = st;
    await s.request(ShutdownRequest.type, undefined);
    await expectError(s.request(CodeLensRequest.type, lensParams(sc)), ErrorCodes.InvalidRequest, 'codeLens after shutdown');
    await expectError(s.request(ShutdownRequest.type, undefined), ErrorCodes.InvalidRequest, 'shutdown after shutdown');
    await s.conn.sendNotification('exit');
    const { code } = await withTimeout(s.exited, TIMEOUT_MS, 'exit', s.context);
    assert.equal(code, 0);
  });
});

describe('hostile client: concurrent verifies, some cancelled', () => {
  const st = {};
  before(async () => {
    st.sc = makeScenario('hostile-verify', {});
    st.s = startServer(st.sc);
    await st.s.initialize(vscodeInitializeParams(st.sc));
  });
  after(async () => {
    await st.s?.kill();
    st.sc?.cleanup();
  });

  it('three verifies at once: the cancelled one is -32800, the others get the verdict of one shared run', async () => {
    const { s, sc } = st;
    const params = { command: VERIFY, arguments: [sc.wsUri] };
    const cts = new CancellationTokenSource();
    const a = settle(s.conn.sendRequest(ExecuteCommandRequest.type, params, cts.token));
    const b = settle(s.request(ExecuteCommandRequest.type, params));
    const c = settle(s.request(ExecuteCommandRequest.type, params));
    cts.cancel();
    const [oa, ob, oc] = await Promise.all([a, b, c]);
    assert.ok(oa.error instanceof ResponseError && oa.error.code === LSPErrorCodes.RequestCancelled,
      `cancelled verify: ${JSON.stringify(oa.error?.code ?? oa.result)}${s.context()}`);
    for (const o of [ob, oc]) {
      assert.ok(!o.error, `verify failed: ${o.error?.code} ${o.error?.message}${s.context()}`);
      assert.equal(o.result?.verdict, ob.result?.verdict);
    }
    const lenses = await s.request(CodeLensRequest.type, lensParams(sc));
    assert.ok(lenses.length > 0);
  });
});

describe('hostile client: exit without shutdown', () => {
  it('ends the process with status 1', async () => {
    const sc = makeScenario('hostile-exit', {});
    const s = startServer(sc);
    try {
      await s.initialize(vscodeInitializeParams(sc));
      await s.conn.sendNotification('exit');
      const { code } = await withTimeout(s.exited, TIMEOUT_MS, 'exit', s.context);
      assert.equal(code, 1);
    } finally {
      await s.kill();
      sc.cleanup();
    }
  });
});
