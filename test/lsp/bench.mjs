#!/usr/bin/env node
// Benchmark of `goroot-lens serve` seen from a real Node LSP client, as ratios
// against a baseline measured in the same run, in the same folder, with the
// same environment: a bare `go env -json`.
//   (a) spawn → initialize result
//   (b) spawn → first textDocument/publishDiagnostics for go.mod
//   (c) spawn `go env -json` → its exit with all output read (the baseline)
// and the server's resident memory (VmRSS) right after the first diagnostics.
// (a) and (b) come from the same spawn; every run is a new process, the HOME
// and workspace stay the same (as for a user reopening the editor).
//
//   node test/lsp/bench.mjs [-n 20] [--mismatch] [--json]
// Uses GOROOT_LENS_BIN when set, else builds the binary into a temp folder;
// --mismatch needs GOROOT_LENS_OLD (a go1.22 tree; test/lsp/run.sh prepares it).
// Run `npm ci` in test/lsp first. Not a test: it prints numbers.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InitializeRequest, InitializedNotification, ShutdownRequest, ExitNotification } from 'vscode-languageserver-protocol/node';
import { makeScenario, startServer, vscodeInitializeParams, vmRSS, repoRoot, withTimeout } from './lib/harness.mjs';

const { values: opts } = parseArgs({
  options: {
    n: { type: 'string', short: 'n', default: '20' },
    mismatch: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const N = Number(opts.n);
if (!(N >= 1)) throw new Error(`-n must be a positive number, got ${opts.n}`);

let builtDir;
if (!process.env.GOROOT_LENS_BIN) {
  builtDir = mkdtempSync(path.join(tmpdir(), 'goroot-lens-bench-'));
  process.env.GOROOT_LENS_BIN = path.join(builtDir, 'goroot-lens');
  execFileSync('go', ['build', '-o', process.env.GOROOT_LENS_BIN, './cmd/goroot-lens'], { cwd: repoRoot, stdio: 'inherit' });
}

const ms = (from, to) => Number(to - from) / 1e6;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function serverRun(sc) {
  const s = startServer(sc, { logLevel: 'warn' });
  try {
    await s.request(InitializeRequest.type, vscodeInitializeParams(sc));
    const tInit = process.hrtime.bigint();
    await s.conn.sendNotification(InitializedNotification.type, {});
    const n = await s.waitDiagnostics(sc.goModUri);
    const rss = vmRSS(s.proc.pid);
    await s.request(ShutdownRequest.type, undefined);
    await s.conn.sendNotification(ExitNotification.type);
    const { code } = await withTimeout(s.exited, 30000, 'server exit');
    if (code !== 0) throw new Error(`server exited with ${code}${s.context()}`);
    return { init: ms(s.t0, tInit), diag: ms(s.t0, n.at), rss, diagnostics: n.params.diagnostics.length };
  } finally {
    await s.kill();
  }
}

function goEnvRun(sc) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = spawn('go', ['env', '-json'], { cwd: sc.ws, env: sc.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
    p.on('error', reject);
    p.on('close', (code) => {
      const t = ms(t0, process.hrtime.bigint());
      if (code !== 0) return reject(new Error(`go env -json exited with ${code}`));
      try {
        JSON.parse(out);
      } catch (e) {
        return reject(new Error(`go env -json printed no JSON: ${e.message}`));
      }
      resolve(t);
    });
  });
}

const sc = makeScenario('bench', { mismatch: opts.mismatch });
try {
  // Warm-up (not counted): page cache, the go command's own first run in HOME.
  await serverRun(sc);
  await goEnvRun(sc);
  const a = [], b = [], c = [], rss = [];
  let ndiag;
  for (let i = 0; i < N; i++) {
    // Interleaved, so drift on a shared machine hits all three alike.
    const r = await serverRun(sc);
    a.push(r.init); b.push(r.diag); rss.push(r.rss); ndiag = r.diagnostics;
    c.push(await goEnvRun(sc));
  }
  const res = {
    runs: N,
    scenario: opts.mismatch ? 'mismatch (GOROOT=go1.22.12 tree)' : 'clean',
    diagnosticsInFirstPublish: ndiag,
    cpus: cpus().length,
    initializeMs: { median: median(a), p90: quantile(a, 0.9) },
    firstDiagnosticsMs: { median: median(b), p90: quantile(b, 0.9) },
    goEnvJsonMs: { median: median(c), p90: quantile(c, 0.9) },
    ratioInitializeToGoEnv: median(a) / median(c),
    ratioDiagnosticsToGoEnv: median(b) / median(c),
    vmRSSKiBAfterFirstDiagnostics: { median: median(rss), max: Math.max(...rss) },
  };
  if (opts.json) {
    console.log(JSON.stringify(res, null, 2));
  } else {
    const f = (x) => x.toFixed(1).padStart(7);
    console.log(`goroot-lens serve, Node LSP client, ${res.scenario} workspace, median of ${N} (p90), ${res.cpus} CPUs`);
    console.log(`(a) spawn → initialize result      ${f(res.initializeMs.median)} ms  (${res.initializeMs.p90.toFixed(1)})`);
    console.log(`(b) spawn → first publishDiagnostics${f(res.firstDiagnosticsMs.median)} ms  (${res.firstDiagnosticsMs.p90.toFixed(1)})  [${ndiag} diagnostics]`);
    console.log(`(c) go env -json (baseline)        ${f(res.goEnvJsonMs.median)} ms  (${res.goEnvJsonMs.p90.toFixed(1)})`);
    console.log(`ratios: (a)/(c) ${res.ratioInitializeToGoEnv.toFixed(2)}x   (b)/(c) ${res.ratioDiagnosticsToGoEnv.toFixed(2)}x`);
    console.log(`VmRSS after first diagnostics: median ${(res.vmRSSKiBAfterFirstDiagnostics.median / 1024).toFixed(1)} MiB, max ${(res.vmRSSKiBAfterFirstDiagnostics.max / 1024).toFixed(1)} MiB`);
  }
} finally {
  sc.cleanup();
  if (builtDir) rmSync(builtDir, { recursive: true, force: true });
}
