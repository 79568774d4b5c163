#!/usr/bin/env node
// Timing driver of scripts/bench.sh. Every figure is a whole process, spawned
// from this Node process and timed with process.hrtime.bigint() from just
// before spawn() to the event (process exit with all output read, an LSP
// response or notification). The same spawn method is used for goroot-lens and
// for every baseline, so the cost of spawning from Node is in both sides of a
// ratio alike.
//
// All measurements are interleaved: one "round" runs every measurement once
// (go env, check, version, sidecar, gopls, trace, build+run, …), a warm-up
// round is not counted, then N rounds are. A slow moment of a shared machine
// therefore hits a figure and its baseline alike, and each ratio is computed
// per round (paired) before its median/min/max are taken.
//
// Input: one JSON config file (argv[2]) written by scripts/bench.sh. Output:
// a Markdown table on stdout and the JSON result at config.out.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';

const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// The LSP client library lives in test/lsp/node_modules (the end-to-end
// tests' real client); resolve it from there rather than installing a copy.
const require = createRequire(path.join(cfg.repo, 'test', 'lsp', 'package.json'));
const lsp = require('vscode-languageserver-protocol/node');
const {
  StreamMessageReader, StreamMessageWriter, createMessageConnection,
  InitializeRequest, InitializedNotification, ShutdownRequest, ExitNotification,
  PublishDiagnosticsNotification, DidOpenTextDocumentNotification,
} = lsp;

// The initialize params vscode-languageclient 11.0.0 really sends (captured
// for the end-to-end tests): both servers see a real client's capabilities.
const initFixture = JSON.parse(readFileSync(
  path.join(cfg.repo, 'server', 'testdata', 'lsp-fixtures', 'initialize-vscode-languageclient-11.0.0.json'), 'utf8')).params;

const ms = (from, to) => Number(to - from) / 1e6;
const now = () => process.hrtime.bigint();
const TIMEOUT = 120000;

function withTimeout(p, what) {
  let t;
  return Promise.race([p, new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timed out waiting for ${what}`)), TIMEOUT); })])
    .finally(() => clearTimeout(t));
}

// run spawns cmd through the runone helper (scripts/bench/runone) and
// resolves with { wall, cpu }: the helper times fork/exec → wait itself (so
// neither Node's nor the helper's start-up is in the figure) and reports the
// command's CPU time (user+system, its waited-for children included). stdout
// and stderr are fully read. A non-zero exit is an error unless allowed
// (check exits 1 when it has error findings).
function run(cmd, args, { cwd, env = cfg.env, okCodes = [0], check } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cfg.runone, ['--', cmd, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
    p.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
    p.on('error', reject);
    p.on('close', (code) => {
      const m = /\nRUNONE (\{.*\})\n$/.exec(err);
      if (!okCodes.includes(code) || !m) {
        return reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${code}\n${err.slice(-2000)}`));
      }
      try {
        if (check) check(out, err);
      } catch (e) {
        return reject(new Error(`${cmd} ${args.join(' ')}: ${e.message}`));
      }
      const r = JSON.parse(m[1]);
      resolve({ wall: r.wallMs, cpu: r.cpuMs, out });
    });
  });
}

// spawnExit is spawn → exit with all output read, timed in Node: the same
// method as the sidecar's spawn → initialize result, for that ratio.
function spawnExit(cmd, args, { cwd, env = cfg.env } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const p = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout.resume();
    p.stderr.resume();
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(ms(t0, now())) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

// cpuOf is a live process's CPU time so far, its reaped children included
// (utime+stime+cutime+cstime of /proc/<pid>/stat), in ms; the kernel counts
// in ticks (usually 10 ms), so this is coarse.
const TICK_MS = 10;
function cpuOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
}

const jsonOut = (out) => JSON.parse(out);

// lspRun spawns a language server, drives it like VS Code does, and returns
// spawn → initialize result, spawn → the awaited publishDiagnostics, and the
// server's VmHWM (peak resident set, KiB) read from /proc right at that
// moment. `after` says what the client sends after initialized; `until`
// says which publishDiagnostics ends the measurement.
async function lspRun({ cmd, args, ws, env = cfg.env, after = () => {}, until }) {
  const t0 = now();
  const proc = spawn(cmd, args, { cwd: ws, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (d) => { stderr = (stderr + d).slice(-8000); });
  const exited = new Promise((r) => proc.on('exit', (code, signal) => r({ code, signal })));
  proc.on('error', () => {});
  proc.stdin.on('error', () => {});
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  // Server → client requests get the answers a client with nothing to say
  // gives: no settings (null per item), registrations accepted, progress
  // tokens accepted.
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onRequest('workspace/semanticTokens/refresh', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.onRequest('window/showMessageRequest', () => null);
  conn.onRequest('window/showDocument', () => ({ success: true }));
  conn.onRequest((method) => { throw new Error(`unexpected request ${method}`); });
  let resolveDiag;
  const diag = new Promise((r) => { resolveDiag = r; });
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const at = now();
    const done = until(p);
    if (done) resolveDiag({ at, done });
  });
  conn.onNotification(() => {});
  conn.onError(() => {});
  conn.listen();
  const wsUri = pathToFileURL(ws).href;
  const params = structuredClone(initFixture);
  Object.assign(params, {
    processId: process.pid, rootPath: ws, rootUri: wsUri,
    workspaceFolders: [{ uri: wsUri, name: path.basename(ws) }],
  });
  try {
    await withTimeout(conn.sendRequest(InitializeRequest.type, params), `${cmd} initialize`);
    const tInit = now();
    await conn.sendNotification(InitializedNotification.type, {});
    await after(conn);
    const d = await withTimeout(diag, `${cmd} diagnostics${'\n' + stderr}`);
    const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
    const hwm = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)[1]);
    const rss = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)[1]);
    const anon = Number(/^RssAnon:\s+(\d+)\s+kB/m.exec(status)[1]);
    const file = Number(/^RssFile:\s+(\d+)\s+kB/m.exec(status)[1]);
    const cpu = cpuOf(proc.pid);
    await withTimeout(conn.sendRequest(ShutdownRequest.type, undefined), `${cmd} shutdown`);
    await conn.sendNotification(ExitNotification.type);
    await withTimeout(exited, `${cmd} exit`);
    return { t0, init: ms(t0, tInit), diag: ms(t0, d.at), hwmKiB: hwm, rssKiB: rss, anonKiB: anon, fileKiB: file, cpu, done: d.done };
  } catch (e) {
    throw new Error(`${e.message}\nserver stderr:\n${stderr}`);
  } finally {
    conn.dispose();
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGKILL');
      await exited;
    }
  }
}

const GL = cfg.bin;
const glServe = ['serve', '--stdio', '--log-level', 'error'];
const goModUri = (dir) => pathToFileURL(path.join(dir, 'go.mod')).href;

// goroot-lens' first diagnostics: the first publishDiagnostics for the
// workspace's go.mod (the server publishes every go.mod once, even clean).
const glFirst = (ws) => (p) => p.uri === goModUri(ws);

// In the monorepo the server publishes after every module is probed. The
// target's figure is spawn → the first publishDiagnostics of the root go.mod;
// the run goes on until every go.mod has been published, which is recorded too.
async function monoServe(bin = GL) {
  const seen = new Set();
  let firstAt;
  const r = await lspRun({
    cmd: bin, args: glServe, ws: cfg.mono,
    until: (p) => {
      if (p.uri.endsWith('/go.mod')) seen.add(p.uri);
      if (!firstAt && p.uri === goModUri(cfg.mono)) firstAt = now();
      return firstAt && seen.size >= cfg.monoModules;
    },
  });
  return { ...r, diag: ms(r.t0, firstAt), all: r.diag };
}

// The hello baseline of Verify: what `goroot-lens trace` builds, built the
// same way — a fresh temporary module each run (go.mod with the workspace's
// go line, Verify's own probe source, a fresh nonce so the main package is
// compiled again), `go build -o <fresh dir>/hello` (links every time), then
// the program runs once writing its runtime/trace file. Verify's extra work
// (go env ×3, -x, trace parsing, the environment probe) is what the ratio
// shows.
const probeSource = readFileSync(path.join(cfg.repo, 'probes', 'traceprobe', 'probesrc', 'main.go.txt'));
async function helloBuildRun() {
  const t0 = now();
  let cpu;
  const dir = mkdtempSync(path.join(cfg.tmp, 'hello-'));
  try {
    writeFileSync(path.join(dir, 'go.mod'), `module hello\n\ngo ${cfg.goLine}\n`);
    writeFileSync(path.join(dir, 'main.go'), probeSource);
    writeFileSync(path.join(dir, 'nonce.go'), `package main\n\nconst nonce = "${randomBytes(8).toString('hex')}"\n`);
    const env = { ...cfg.env, GOFLAGS: '-trimpath=false -buildvcs=false', GOWORK: 'off' };
    const b = await run('go', ['build', '-o', path.join(dir, 'hello'), '.'], { cwd: dir, env });
    const r = await run(path.join(dir, 'hello'), [path.join(dir, 'trace.out')], { cwd: cfg.ws });
    cpu = b.cpu + r.cpu;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Wall: the whole sequence as Node saw it (files written, build, run,
  // clean-up), which is what Verify does inside its own process.
  return { wall: ms(t0, now()), cpu };
}

// ---- the measurements, in the order of one round ----
const checkJSON = (expectBinaries) => (out) => {
  const r = JSON.parse(out);
  if (expectBinaries !== undefined && r.binaries.length < expectBinaries) {
    throw new Error(`check reported ${r.binaries.length} binaries, want at least ${expectBinaries}`);
  }
};
const envScan = { ...cfg.env, GOBIN: cfg.toolsDir };
const envNoScan = { ...cfg.env, GOBIN: cfg.emptyDir };

const steps = [
  ['goEnv', () => run('go', ['env', '-json'], { cwd: cfg.ws, check: jsonOut })],
  ['check', () => run(GL, ['check', '--json', '.'], { cwd: cfg.ws, okCodes: [0, 1], check: checkJSON() })],
  ['version', () => spawnExit(GL, ['version'], { cwd: cfg.ws })],
  ['serve', () => lspRun({ cmd: GL, args: glServe, ws: cfg.ws, until: glFirst(cfg.ws) })],
];
if (cfg.gopls) {
  // gopls publishes nothing for a clean, unopened workspace. The workspace
  // holds main.go with one deliberate type error; like VS Code restoring an
  // open editor, the client opens main.go right after initialized, and the
  // figure is spawn → the first publishDiagnostics for main.go that carries
  // that error (gopls has loaded the module and type-checked the package).
  const mainGo = path.join(cfg.ws, 'main.go');
  const mainUri = pathToFileURL(mainGo).href;
  steps.push(['gopls', () => lspRun({
    cmd: cfg.gopls, args: ['serve'], ws: cfg.ws,
    after: (conn) => conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: mainUri, languageId: 'go', version: 1, text: readFileSync(mainGo, 'utf8') },
    }),
    until: (p) => p.uri === mainUri && p.diagnostics.length > 0,
  })]);
}
steps.push(
  ['trace', () => run(GL, ['trace', '--json', '.'], {
    cwd: cfg.ws, check: (out) => {
      const v = JSON.parse(out);
      if (v.verdict !== 'verified') throw new Error(`verdict ${v.verdict}: ${v.error ?? ''}`);
    },
  })],
  ['helloBuildRun', helloBuildRun],
  ['monoCheck', () => run(GL, ['check', '--json', '.'], { cwd: cfg.mono, okCodes: [0, 1], check: checkJSON() })],
  ['monoServe', monoServe],
  ['checkGOBIN50', () => run(GL, ['check', '--json', '.'], { cwd: cfg.ws, env: envScan, okCodes: [0, 1], check: checkJSON(50) })],
  // Cross-check of the scan: probes/buildinfo.Scan timed inside a fresh
  // process (scripts/bench/scan), cold in-process cache, same 50 files.
  ['scanInProcess', async () => JSON.parse((await run(cfg.scan, [cfg.toolsDir], { cwd: cfg.ws })).out).ms],
  ['checkGOBINEmpty', () => run(GL, ['check', '--json', '.'], { cwd: cfg.ws, env: envNoScan, okCodes: [0, 1], check: checkJSON() })],
);

// Variants (--variant NAME=BIN): other builds of goroot-lens, e.g. with a
// candidate fix, measured in the same rounds as the checkout's build so that
// their ratios are comparable (separate runs on a shared machine are not).
for (const v of cfg.variants ?? []) {
  const i = steps.findIndex(([n]) => n === 'serve') + 1;
  steps.splice(i, 0,
    [`check@${v.name}`, () => run(v.bin, ['check', '--json', '.'], { cwd: cfg.ws, okCodes: [0, 1], check: checkJSON() })],
    [`serve@${v.name}`, () => lspRun({ cmd: v.bin, args: glServe, ws: cfg.ws, until: glFirst(cfg.ws) })],
    [`monoServe@${v.name}`, async () => { const r = await monoServe(v.bin); return r; }],
  );
}

const samples = {};
const add = (k, v) => (samples[k] ??= []).push(v);

async function round(counted) {
  for (const [name, fn] of steps) {
    const r = await fn();
    if (!counted) continue;
    if (typeof r === 'number') {
      add(name, r);
    } else if (r.wall !== undefined) {
      add(name, r.wall);
      add(`${name}CpuMs`, r.cpu);
    } else {
      if (r.all !== undefined) add(`${name}AllDiagnostics`, r.all);
      add(`${name}CpuMs`, r.cpu);
      add(`${name}AnonKiB`, r.anonKiB);
      add(`${name}FileKiB`, r.fileKiB);
      add(`${name}Init`, r.init);
      add(`${name}Diag`, r.diag);
      add(`${name}HWMKiB`, r.hwmKiB);
    }
  }
}

const t0 = Date.now();
process.stderr.write(`warm-up round…\n`);
await round(false);
for (let i = 0; i < cfg.runs; i++) {
  process.stderr.write(`round ${i + 1}/${cfg.runs}\r`);
  await round(true);
}
process.stderr.write(`\n${cfg.runs} rounds in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

// ---- statistics ----
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs.map((x) => +x.toFixed(3)) });
const figures = {};
for (const [k, xs] of Object.entries(samples)) figures[k] = stat(xs);
// Per-round ratios (a figure and its baseline from the same round).
const paired = (a, b, f = (x, y) => x / y) => samples[a].map((x, i) => f(x, samples[b][i]));
const ratios = {};
const diffs = {};
const targets = [];
function target(id, what, kind, a, b, limit, unit, cpuA, cpuB) {
  let s;
  // The CPU-time companion of a time figure: load-robust, informational.
  let cpu = null;
  if (cpuA && samples[cpuA] && (!cpuB || samples[cpuB])) {
    cpu = kind === 'diff' ? median(paired(cpuA, cpuB, (x, y) => x - y)) : median(paired(cpuA, cpuB));
  }
  if (kind === 'ratio') { s = stat(paired(a, b)); ratios[id] = { of: a, to: b, ...s }; }
  else if (kind === 'diff') { s = stat(paired(a, b, (x, y) => x - y)); diffs[id] = { of: a, minus: b, ...s }; }
  else { s = figures[a]; }
  const value = kind === 'abs' && unit === 'MiB' ? s.median / 1024 : s.median;
  // Ratio (or difference) of the two fastest runs: contention on a shared
  // machine only ever adds time, so the minima estimate the quiet machine.
  let ofMinima = null;
  if (kind === 'ratio') ofMinima = figures[a].min / figures[b].min;
  if (kind === 'diff') ofMinima = figures[a].min - figures[b].min;
  targets.push({ id, what, kind, value, limit, unit, met: value <= limit, cpuMedian: cpu, ofMinima, min: kind === 'abs' && unit === 'MiB' ? s.min / 1024 : s.min, max: kind === 'abs' && unit === 'MiB' ? s.max / 1024 : s.max });
}
target('check/goEnv', '`check --json .` ÷ `go env -json`', 'ratio', 'check', 'goEnv', 1.3, '×', 'checkCpuMs', 'goEnvCpuMs');
target('firstDiagnostics/goEnv', 'sidecar spawn → first publishDiagnostics ÷ `go env -json`', 'ratio', 'serveDiag', 'goEnv', 1.2, '×', 'serveCpuMs', 'goEnvCpuMs');
target('initialize/version', 'sidecar spawn → initialize result ÷ spawn → exit of `goroot-lens version`', 'ratio', 'serveInit', 'version', 1.5, '×');
target('residentMemory', 'sidecar VmHWM after first diagnostics', 'abs', 'serveHWMKiB', null, 20, 'MiB');
if (cfg.gopls) {
  target('firstDiagnostics/gopls', 'sidecar first diagnostics (go.mod) ÷ gopls first diagnostics (main.go type error, after didOpen)', 'ratio', 'serveDiag', 'goplsDiag', 0.1, '×', 'serveCpuMs', 'goplsCpuMs');
  target('memory/gopls', 'sidecar VmHWM ÷ gopls VmHWM (each at its first diagnostics)', 'ratio', 'serveHWMKiB', 'goplsHWMKiB', 0.1, '×');
}
target('verify/buildRun', '`trace --json .` (Verify, warm cache) ÷ `go build -o <fresh>/hello` + run', 'ratio', 'trace', 'helloBuildRun', 1.2, '×', 'traceCpuMs', 'helloBuildRunCpuMs');
target('monorepo/check', `check in a ${cfg.monoModules}-module monorepo ÷ check in one module`, 'ratio', 'monoCheck', 'check', 3, '×', 'monoCheckCpuMs', 'checkCpuMs');
target('monorepo/firstDiagnostics', `sidecar first diagnostics, ${cfg.monoModules}-module monorepo ÷ one module`, 'ratio', 'monoServeDiag', 'serveDiag', 3, '×', 'monoServeCpuMs', 'serveCpuMs');
target('buildInfoScan50', 'build-info scan of 50 binaries: check with GOBIN=50 tools − check with GOBIN empty', 'diff', 'checkGOBIN50', 'checkGOBINEmpty', 50, 'ms', 'checkGOBIN50CpuMs', 'checkGOBINEmptyCpuMs');

const result = {
  schema: 'goroot-lens-bench/1',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memMiB: Math.round(totalmem() / 2 ** 20), node: process.version },
  goVersion: cfg.goVersion,
  goplsVersion: cfg.goplsVersion ?? null,
  binary: cfg.bin,
  runs: cfg.runs,
  warmupRounds: 1,
  order: steps.map(([n]) => n),
  workspaces: { single: cfg.ws, monorepo: cfg.mono, monorepoModules: cfg.monoModules, monorepoGoLines: cfg.monoGoLines, toolsDir: cfg.toolsDir, tools: cfg.tools },
  env: cfg.env,
  units: { ms: 'milliseconds, spawn → event', KiB: 'VmHWM from /proc/<pid>/status' },
  figures, ratios, diffs, targets,
};
writeFileSync(cfg.out, JSON.stringify(result, null, 2) + '\n');

// ---- Markdown ----
const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const row = (cells) => `| ${cells.join(' | ')} |`;
const lines = [];
lines.push(`### goroot-lens benchmark — ${cfg.runs} interleaved rounds (+1 warm-up), ${result.machine.cpus} CPUs, ${cfg.goVersion}${cfg.gopls ? `, gopls ${cfg.goplsVersion}` : ''}`);
lines.push('');
lines.push('Whole processes; ms = spawn → event (wall time). CPU = user+system time of the process and the children it waited for (rusage; for the servers /proc/<pid>/stat at the event, 10 ms ticks): on a busy machine wall time also measures the other processes, CPU time does not.');
lines.push('');
lines.push(row(['figure', 'what is measured', 'median', 'min', 'max', 'CPU ms (median)']));
lines.push(row(['---', '---', '---:', '---:', '---:', '---:']));
const desc = {
  goEnv: '`go env -json` in the workspace → exit',
  check: '`goroot-lens check --json .` → exit',
  version: '`goroot-lens version` → exit',
  serveInit: 'sidecar: spawn → initialize result',
  serveDiag: 'sidecar: spawn → first publishDiagnostics (go.mod)',
  serveHWMKiB: 'sidecar: VmHWM at first diagnostics (MiB)',
  goplsInit: 'gopls serve: spawn → initialize result',
  goplsDiag: 'gopls: spawn → first diagnostics of main.go (didOpen after initialized; 1 type error)',
  goplsHWMKiB: 'gopls: VmHWM at its first diagnostics (MiB)',
  trace: '`goroot-lens trace --json .` (Verify, warm cache) → exit',
  helloBuildRun: 'fresh temp module + `go build -o <fresh>/hello` + run (runtime/trace probe source)',
  monoCheck: `\`check --json .\` at the root of a ${cfg.monoModules}-module monorepo (${cfg.monoGoLines.length} go lines)`,
  monoServeInit: 'monorepo sidecar: spawn → initialize result',
  monoServeDiag: 'monorepo sidecar: spawn → first publishDiagnostics (root go.mod)',
  monoServeAllDiagnostics: `monorepo sidecar: spawn → all ${cfg.monoModules} go.mod published`,
  monoServeHWMKiB: 'monorepo sidecar: VmHWM after all diagnostics (MiB)',
  checkGOBIN50: '`check --json .` with GOBIN = 50 Go tools',
  checkGOBINEmpty: '`check --json .` with GOBIN = an empty folder',
  scanInProcess: 'buildinfo.Scan of the 50 tools timed inside a fresh process (scripts/bench/scan)',
};
for (const k of Object.keys(desc)) {
  const s = figures[k];
  if (!s) continue;
  const kib = k.endsWith('KiB');
  const v = (x) => (kib ? f1(x / 1024) : f1(x));
  const base = k.replace(/(Init|Diag|HWMKiB|AllDiagnostics)$/, '');
  const c = k === base || k.endsWith('Diag') ? figures[`${base}CpuMs`] : undefined;
  let note = '';
  if (k.endsWith('HWMKiB') && figures[`${base}AnonKiB`]) {
    note = ` (at that moment RSS anon ${f1(figures[`${base}AnonKiB`].median / 1024)} + file ${f1(figures[`${base}FileKiB`].median / 1024)})`;
  }
  lines.push(row([k, desc[k] + note, v(s.median), v(s.min), v(s.max), c ? f1(c.median) : '']));
}
lines.push('');
lines.push('Targets (ratios are per round, figure ÷ its baseline from the same round):');
lines.push('');
lines.push(row(['target', 'what', 'median', 'min', 'max', 'limit', 'met', 'of the minima', 'on CPU time (median)']));
lines.push(row(['---', '---', '---:', '---:', '---:', '---:', ':---:', '---:', '---:']));
for (const t of targets) {
  const fmt = t.unit === '×' ? (x) => f2(x) + '×' : (x) => f1(x) + ' ' + t.unit;
  lines.push(row([t.id, t.what, fmt(t.value), fmt(t.min), fmt(t.max), '≤ ' + (t.unit === '×' ? t.limit + '×' : t.limit + ' ' + t.unit), t.met ? 'yes' : '**no**', t.ofMinima == null ? '' : fmt(t.ofMinima), t.cpuMedian == null ? '' : fmt(t.cpuMedian)]));
}
if (cfg.variants?.length) {
  lines.push('');
  lines.push('Variants, measured in the same rounds (median of per-round ratios, wall / CPU; and the ratio of the minima):');
  lines.push('');
  lines.push(row(['build', 'check ÷ go env', 'first diagnostics ÷ go env', 'initialize ÷ version', 'monorepo ÷ one module (first diagnostics)', 'check ÷ go env, minima', 'first diagnostics ÷ go env, minima', 'monorepo ÷ one, minima']));
  lines.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  const rm = (a, b) => (figures[a] && figures[b] ? f2(figures[a].min / figures[b].min) + '×' : '–');
  const r2 = (a, b) => (samples[a] && samples[b] ? f2(median(paired(a, b))) + '×' : '–');
  const vs = [['checkout', 'check', 'serve', 'monoServe'], ...cfg.variants.map((v) => [v.name, `check@${v.name}`, `serve@${v.name}`, `monoServe@${v.name}`])];
  result.variants = {};
  for (const [name, c, sv, mono] of vs) {
    result.variants[name] = {
      checkToGoEnv: stat(paired(c, 'goEnv')), checkCpuToGoEnvCpu: stat(paired(`${c}CpuMs`, 'goEnvCpuMs')),
      diagToGoEnv: stat(paired(`${sv}Diag`, 'goEnv')), diagCpuToGoEnvCpu: stat(paired(`${sv}CpuMs`, 'goEnvCpuMs')),
      initToVersion: stat(paired(`${sv}Init`, 'version')), monoToOne: stat(paired(`${mono}Diag`, `${sv}Diag`)),
    };
    lines.push(row([name, `${r2(c, 'goEnv')} / ${r2(`${c}CpuMs`, 'goEnvCpuMs')}`, `${r2(`${sv}Diag`, 'goEnv')} / ${r2(`${sv}CpuMs`, 'goEnvCpuMs')}`,
      r2(`${sv}Init`, 'version'), `${r2(`${mono}Diag`, `${sv}Diag`)} / ${r2(`${mono}CpuMs`, `${sv}CpuMs`)}`,
      rm(c, 'goEnv'), rm(`${sv}Diag`, 'goEnv'), rm(`${mono}Diag`, `${sv}Diag`)]));
  }
  writeFileSync(cfg.out, JSON.stringify(result, null, 2) + '\n');
}
const perBin = diffs.buildInfoScan50.median / 50;
lines.push('');
lines.push(`Build-info scan: ${f1(diffs.buildInfoScan50.median)} ms for 50 binaries, ${f2(perBin)} ms per binary (whole-process difference, cold in-process cache); in-process buildinfo.Scan ${f1(figures.scanInProcess.median)} ms (min ${f1(figures.scanInProcess.min)}), ${f2(figures.scanInProcess.median / 50)} ms per binary.`);
lines.push(`Targets met: ${targets.filter((t) => t.met).length}/${targets.length}. JSON: ${cfg.out}`);
console.log(lines.join('\n'));
