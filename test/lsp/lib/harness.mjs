// Shared helpers of the end-to-end tests and the benchmark: scenario folders
// (a temp HOME and a Go workspace), the server's environment, and a real LSP
// client (vscode-jsonrpc + vscode-languageserver-protocol) spawning the built
// `goroot-lens serve --stdio`.
//
// Inputs from the environment (run.sh sets them):
//   GOROOT_LENS_BIN  the built goroot-lens binary
//   GOROOT_LENS_OLD  a real go1.22.12 GOROOT (the mismatch scenario)
//   LSPTEST_LOG_LEVEL  the server's --log-level (default debug: the log is
//                      attached to failures)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, readlinkSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  StreamMessageReader, StreamMessageWriter, createMessageConnection,
  InitializeRequest, InitializedNotification, ShutdownRequest, ExitNotification,
  PublishDiagnosticsNotification, ShowMessageNotification,
  ConfigurationRequest, RegistrationRequest, UnregistrationRequest, WorkDoneProgressCreateRequest,
  ShowDocumentRequest, CodeLensRefreshRequest, WorkDoneProgress,
  ShowMessageRequest,
} from 'vscode-languageserver-protocol/node';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const lspDir = path.resolve(here, '..');
export const repoRoot = path.resolve(lspDir, '..', '..');

/** Generous bound for anything the tests wait on; a miss fails the test. */
export const TIMEOUT_MS = Number(process.env.LSPTEST_TIMEOUT_MS || 60000);

export function serverBin() {
  const bin = process.env.GOROOT_LENS_BIN;
  if (!bin || !existsSync(bin)) {
    throw new Error(`GOROOT_LENS_BIN must name the built goroot-lens binary (got ${JSON.stringify(bin)}); run test/lsp/run.sh`);
  }
  return bin;
}

export function oldGoroot() {
  const root = process.env.GOROOT_LENS_OLD;
  if (!root || !existsSync(path.join(root, 'VERSION'))) {
    throw new Error(`GOROOT_LENS_OLD must name a go1.22 GOROOT with a VERSION file (got ${JSON.stringify(root)}); run test/lsp/run.sh`);
  }
  return root;
}

let machineGoBin;
/** The bin folder of the machine's go (`go env GOROOT`/bin). */
export function machineGoBinDir() {
  if (!machineGoBin) {
    const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
    machineGoBin = path.join(goroot, 'bin');
  }
  return machineGoBin;
}

/**
 * A fresh scenario: ROOT/home (HOME, no GOENV file), ROOT/ws (go.mod), ROOT/tmp
 * (TMPDIR, so every temp folder the server or its children make is under ROOT).
 * opts.mismatch puts GOROOT=<go1.22.12 tree> into the server's environment.
 */
export function makeScenario(name, opts = {}) {
  const root = mkdtempSync(path.join(tmpdir(), `glt-${name}-`));
  const home = path.join(root, 'home');
  const ws = path.join(root, 'ws');
  const tmp = path.join(root, 'tmp');
  for (const d of [home, ws, tmp]) mkdirSync(d, { recursive: true });
  // Go telemetry off, as internal/testgo.QuietHome does for the Go tests: a
  // go ≥ 1.23 run by the server starts a detached child that writes into
  // $HOME/.config/go/telemetry, which can outlive the server (exit without
  // shutdown) and race the removal of this folder.
  mkdirSync(path.join(home, '.config', 'go', 'telemetry'), { recursive: true });
  writeFileSync(path.join(home, '.config', 'go', 'telemetry', 'mode'), 'off\n');
  const goMod = path.join(ws, 'go.mod');
  writeFileSync(goMod, 'module example.com/ws\n\ngo 1.22\n');
  const env = {
    HOME: home,
    PATH: `${machineGoBinDir()}:/usr/bin:/bin`,
    GOENV: path.join(home, 'goenv'), // absent on purpose
    GOPROXY: 'off',
    SHELL: '/bin/sh',
    TMPDIR: tmp,
  };
  if (opts.mismatch) env.GOROOT = oldGoroot();
  if (opts.shell) env.SHELL = opts.shell;
  // opts.homeFiles: {relative path: content or (oldGoroot) => content}.
  for (const [rel, content] of Object.entries(opts.homeFiles ?? {})) {
    const file = path.join(home, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'function' ? content(oldGoroot()) : content);
  }
  return {
    name, root, home, ws, tmp, env, goMod,
    wsUri: pathToFileURL(ws).href,
    goModUri: pathToFileURL(goMod).href,
    cleanup() { rmSync(root, { recursive: true, force: true, maxRetries: 3 }); },
  };
}

let fixture;
/** The initialize params vscode-languageclient 11.0.0 sends (captured). */
export function vscodeInitializeParams(sc, overrides = {}) {
  if (!fixture) {
    const candidates = [
      path.join(repoRoot, 'server', 'testdata', 'lsp-fixtures', 'initialize-vscode-languageclient-11.0.0.json'),
      path.join(repoRoot, '..', 'shared', 'reference', 'lsp-fixtures', 'initialize-vscode-languageclient-11.0.0.json'),
    ];
    const file = candidates.find((f) => existsSync(f));
    if (!file) throw new Error(`no captured initialize payload in ${candidates.join(' or ')}`);
    fixture = JSON.parse(readFileSync(file, 'utf8')).params;
  }
  const params = structuredClone(fixture);
  params.processId = process.pid;
  params.rootPath = sc.ws;
  params.rootUri = sc.wsUri;
  params.workspaceFolders = [{ uri: sc.wsUri, name: path.basename(sc.ws) }];
  return Object.assign(params, overrides);
}

/** Rejects after ms with a message that says what was awaited. */
export function withTimeout(promise, ms, what, context = () => '') {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${context()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Spawns the server and connects the real client. Returns a session with the
 * connection, the notifications seen so far, waiters on them, the server's
 * stderr and its exit.
 */
export function startServer(sc, { logLevel = process.env.LSPTEST_LOG_LEVEL || 'debug', extraArgs = [] } = {}) {
  const t0 = process.hrtime.bigint();
  const proc = spawn(serverBin(), ['serve', '--stdio', '--log-level', logLevel, ...extraArgs], {
    cwd: sc.ws, env: sc.env, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => {
    proc.on('exit', (code, signal) => resolve({ code, signal }));
  });
  let spawnError;
  proc.on('error', (e) => { spawnError = e; });

  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const s = {
    proc, conn, sc, t0, exited,
    get stderr() { return stderr; },
    notifications: [], // {method, params, at}
    serverRequests: [], // {method, params}
    responses: [], // order in which responses to our requests arrived: labels
    waiters: [],
    closed: false,
  };
  const record = (method, params) => {
    const n = { method, params, at: process.hrtime.bigint() };
    s.notifications.push(n);
    s.waiters = s.waiters.filter((w) => !(w.pred(n) && (w.resolve(n), true)));
  };
  conn.onNotification((method, params) => record(method, params));
  const answer = (type, value) => conn.onRequest(type, (params) => {
    s.serverRequests.push({ method: type.method, params });
    return value;
  });
  answer(ConfigurationRequest.type, []);
  answer(RegistrationRequest.type, null);
  answer(UnregistrationRequest.type, null);
  conn.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
    s.serverRequests.push({ method: WorkDoneProgressCreateRequest.method, params });
    s.watchProgress(params.token);
    return null;
  });
  answer(ShowDocumentRequest.type, { success: true });
  // window/showMessageRequest: the test decides the button (s.onMessageRequest);
  // without a decision, the user closed the message (null).
  conn.onRequest(ShowMessageRequest.type, (params) => {
    s.serverRequests.push({ method: ShowMessageRequest.method, params });
    return s.onMessageRequest ? s.onMessageRequest(params) : null;
  });
  answer(CodeLensRefreshRequest.type, null);
  /**
   * $/progress goes to per-token handlers in vscode-jsonrpc, not to
   * onNotification: record it as a '$/progress' notification with the token.
   */
  const watched = new Set();
  s.watchProgress = (token) => {
    if (watched.has(token)) return;
    watched.add(token);
    conn.onProgress(WorkDoneProgress.type, token, (value) => record('$/progress', { token, value }));
  };
  conn.onClose(() => { s.closed = true; });
  conn.onError(() => {});
  // A dead stdin must not crash the test process (exit tests close it).
  proc.stdin.on('error', () => {});
  conn.listen();

  /** Context for failure messages: what was seen, and the server's log. */
  s.context = () => {
    const seen = s.notifications.map((n) => n.method + (n.params?.uri ? ` ${n.params.uri} (${n.params.diagnostics?.length} diagnostics)` : '')).join('\n    ');
    return `\n  spawn error: ${spawnError ?? 'none'}\n  notifications seen:\n    ${seen || '(none)'}\n  server stderr (last 4000 chars):\n${stderr.slice(-4000)}`;
  };
  /** Resolves with the first notification (seen or future) matching pred. */
  s.waitNotification = (what, pred, ms = TIMEOUT_MS) => {
    const seen = s.notifications.find(pred);
    if (seen) return Promise.resolve(seen);
    const p = new Promise((resolve) => s.waiters.push({ pred, resolve }));
    return withTimeout(p, ms, what, s.context);
  };
  s.waitDiagnostics = (uri, pred = () => true, ms) => s.waitNotification(
    `publishDiagnostics for ${uri}`,
    (n) => n.method === PublishDiagnosticsNotification.type.method && n.params.uri === uri && pred(n.params),
    ms,
  );
  s.request = (type, params, token, ms = TIMEOUT_MS) =>
    withTimeout(conn.sendRequest(type, params, token), ms, type.method ?? String(type), s.context);
  s.initialize = async (params) => {
    const result = await s.request(InitializeRequest.type, params);
    s.initializedAt = process.hrtime.bigint();
    await conn.sendNotification(InitializedNotification.type, {});
    return result;
  };
  s.shutdownAndExit = async () => {
    await s.request(ShutdownRequest.type, undefined);
    await conn.sendNotification(ExitNotification.type);
    return withTimeout(exited, TIMEOUT_MS, 'the server to exit after shutdown+exit', s.context);
  };
  s.showMessages = () => s.notifications.filter((n) => n.method === ShowMessageNotification.type.method).map((n) => n.params);
  /** Ends the process whatever state it is in (test cleanup). */
  s.kill = async () => {
    conn.dispose();
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited;
    }
  };
  return s;
}

/** The pids of live processes whose parent is ppid or whose cmdline contains needle. */
export function leftoverProcesses({ ppid, needle }) {
  const out = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid || Number(name) === ppid) continue;
    let stat, cmdline;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      continue; // gone meanwhile
    }
    // stat: pid (comm) state ppid ...; comm may contain spaces and parens.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = rest[0];
    const parent = Number(rest[1]);
    if (state === 'Z' && parent !== ppid) continue; // zombie of someone else
    let cwd = '';
    try { cwd = readlinkSync(`/proc/${name}/cwd`); } catch { /* gone or not ours */ }
    if ((ppid && parent === ppid) || (needle && (cmdline.includes(needle) || cwd.startsWith(needle)))) {
      out.push({ pid: Number(name), ppid: parent, state, cmdline: cmdline.slice(0, 200), cwd });
    }
  }
  return out;
}

/** VmRSS of a live process in KiB. */
export function vmRSS(pid) {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
