// The goroot-lens VS Code extension in a real VS Code: code-server driven by
// Debian's Chromium with playwright-core. run.sh sets the inputs:
//   CS_BIN            code-server's out/node/entry.js
//   VSCODE_E2E_NODE   the Node 24 that runs code-server
//   GOROOT_LENS_VSIX  the VSIX under test
//   GOROOT_LENS_OLD   a real go1.22.12 GOROOT
//   MACHINE_GO_BIN    the bin folder of the machine's go (first on PATH)
//   CHROMIUM          /usr/lib/chromium/chromium
//   GOCACHE           optional: a Go build cache shared between runs (Verify builds a probe)
// Each scenario: a fresh run folder (HOME, workspace, user data, extensions,
// XDG dirs, GOROOT_LENS_STATE_DIR), `--install-extension`, code-server on a free
// port with auth none, Chromium on it. Screenshots: test/vscode/artifacts/.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = path.join(here, 'artifacts');
const MISMATCH = 'goroot-env-mismatch';
const T = Number(process.env.VSCODE_E2E_TIMEOUT_MS || 60000); // any single UI wait
const VERIFY_T = Number(process.env.VSCODE_E2E_VERIFY_TIMEOUT_MS || 180000); // Verify builds a probe (cold cache: slow)

function need(name) {
  const v = process.env[name];
  if (!v || !fs.existsSync(v)) throw new Error(`${name} must name an existing file or folder (got ${JSON.stringify(v)}); run test/vscode/run.sh`);
  return v;
}
const CS_BIN = need('CS_BIN');
const NODE = process.env.VSCODE_E2E_NODE || process.execPath;
const VSIX = need('GOROOT_LENS_VSIX');
const OLD = need('GOROOT_LENS_OLD');
const GOBIN = need('MACHINE_GO_BIN');
const CHROMIUM = process.env.CHROMIUM || '/usr/lib/chromium/chromium';
// VSCODE_E2E_ONLY=mismatch|clean|zh runs one scenario.
const only = (name) => ({ skip: !!process.env.VSCODE_E2E_ONLY && process.env.VSCODE_E2E_ONLY !== name });

const ms = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const freePort = () => new Promise((res, rej) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  s.on('error', rej);
});
const healthy = (base) => new Promise((res) => {
  const r = http.get(base + '/healthz', (resp) => { resp.resume(); res(resp.statusCode === 200); });
  r.on('error', () => res(false));
  r.setTimeout(1000, () => { r.destroy(); res(false); });
});
/** Polls fn until it returns truthy (or stops throwing); fails with the last value/error. */
async function poll(what, fn, timeout = T, every = 100) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try { const v = await fn(); if (v) return v; last = v; } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/**
 * A code-server session. opts: name, profile (content of ~/.profile or null),
 * goroot (GOROOT in the process environment or null), locale.
 */
async function startSession(opts) {
  const t0 = Date.now();
  const run = fs.mkdtempSync(path.join(os.tmpdir(), `glv-${opts.name}-`)); // short: Unix sockets live here
  const d = (...p) => path.join(run, ...p);
  const home = d('home'), ws = d('ws'), ud = d('ud'), ext = d('ext');
  for (const dir of [home, ws, path.join(ud, 'User'), ext, d('state'), d('tmp'), d('xdg-config'), d('xdg-data'), d('xdg-cache')]) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(d('xdg-run'), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(ws, 'go.mod'), 'module example.com/ws\n\ngo 1.22\n');
  if (opts.profile != null) fs.writeFileSync(path.join(home, '.profile'), opts.profile);
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.tips.enabled': false, 'update.mode': 'none',
    'extensions.ignoreRecommendations': true, 'git.enabled': false, 'workbench.enableExperiments': false,
    'gorootLens.trace.server': 'verbose', 'gorootLens.logLevel': 'debug', // logs land in artifacts/*-exthost/
    // VS Code's Chinese language pack cannot be installed offline: the user setting picks the sidecar's language.
    ...(opts.language ? { 'gorootLens.language': opts.language } : {}),
  }, null, 2));
  if (opts.locale) fs.writeFileSync(path.join(ud, 'User', 'argv.json'), JSON.stringify({ locale: opts.locale }));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  fs.writeFileSync(d('config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = {
    HOME: home, USER: 'root', LANG: 'C.UTF-8',
    PATH: `${GOBIN}:${path.dirname(NODE)}:/usr/local/bin:/usr/bin:/bin`,
    SHELL: '/bin/sh', GOPROXY: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '',
    GOROOT_LENS_STATE_DIR: d('state'), TMPDIR: d('tmp'),
    // The extension host inherits this environment only with VSCODE_CLI=1: otherwise VS Code's server merges in a
    // login shell's (`$SHELL -ilc`, i.e. /etc/profile + ~/.profile), whose PATH lacks the machine's go
    // (/usr/local/go/bin) -> go-not-found. code-server rejects --force-disable-user-env; VSCODE_CLI=1 only skips that.
    VSCODE_CLI: process.env.VSCODE_E2E_SHELL_ENV === '1' ? undefined : '1',
    XDG_CONFIG_HOME: d('xdg-config'), XDG_DATA_HOME: d('xdg-data'), XDG_CACHE_HOME: d('xdg-cache'), XDG_RUNTIME_DIR: d('xdg-run'),
  };
  if (process.env.GOCACHE) env.GOCACHE = process.env.GOCACHE;
  if (env.VSCODE_CLI === undefined) delete env.VSCODE_CLI;
  if (opts.goroot) env.GOROOT = opts.goroot;
  const common = ['--config', d('config.yaml'), '--user-data-dir', ud, '--extensions-dir', ext];

  let t = Date.now();
  const installLog = fs.openSync(d('install.log'), 'w');
  await new Promise((res, rej) => spawn(NODE, [CS_BIN, ...common, '--install-extension', VSIX], { env, stdio: ['ignore', installLog, installLog] })
    .on('error', rej)
    .on('exit', (c) => (c === 0 ? res() : rej(new Error(`--install-extension exited ${c}: ${fs.readFileSync(d('install.log'), 'utf8')}`)))));
  const timings = { install: ms(t) };

  t = Date.now();
  const csLog = fs.openSync(d('code-server.log'), 'w');
  const args = [CS_BIN, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'];
  if (opts.locale) args.push('--locale', opts.locale);
  const cs = spawn(NODE, args, { env, detached: true, stdio: ['ignore', csLog, csLog] });
  const s = {
    run, home, ws, env, cs, base, timings, shots: 0, name: opts.name, browser: null, page: null,
    async shot(label) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `${opts.name}-${String(++s.shots).padStart(2, '0')}-${label}.png`);
      await s.page.screenshot({ path: file });
      return file;
    },
    async close() {
      if (s.browser) await s.browser.close().catch(() => {});
      try { process.kill(-cs.pid, 'SIGTERM'); } catch {}
      await poll('code-server to exit', () => cs.exitCode !== null || cs.signalCode !== null, 10000).catch(() => {
        try { process.kill(-cs.pid, 'SIGKILL'); } catch {}
      });
      // Keep the logs next to the screenshots, then drop the run folder.
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      for (const f of ['code-server.log', 'install.log']) {
        try { fs.copyFileSync(d(f), path.join(ARTIFACTS, `${opts.name}-${f}`)); } catch {}
      }
      copyExtHostLogs(ud, path.join(ARTIFACTS, `${opts.name}-exthost`));
      if (!process.env.VSCODE_E2E_KEEP) fs.rmSync(run, { recursive: true, force: true, maxRetries: 3 });
      else console.log(`# kept ${run}`);
    },
  };
  try {
    await startBrowser(s, opts, d, env, ud, ws, t, t0);
  } catch (e) {
    await s.close();
    throw e;
  }
  return s;
}

async function startBrowser(s, opts, d, env, ud, ws, t, t0) {
  const { base, timings, cs } = s;
  await poll('code-server /healthz', () => {
    if (cs.exitCode !== null) throw new Error(`code-server exited ${cs.exitCode}: ${fs.readFileSync(d('code-server.log'), 'utf8').slice(-2000)}`);
    return healthy(base);
  }, T, 200);
  s.browser = await chromium.launchPersistentContext(d('chrome'), {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 }, env,
    locale: opts.locale || 'en-US',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  s.page = s.browser.pages()[0] || (await s.browser.newPage());
  await s.page.goto(`${base}/?folder=${encodeURIComponent(ws)}`);
  await s.page.locator('.monaco-workbench').waitFor({ timeout: T });
  timings.workbench = ms(t);
  console.log(`# ${opts.name}: install-extension ${timings.install}, launch -> workbench ${timings.workbench} (${ms(t0)} in all)`);
}

function copyExtHostLogs(ud, dest) {
  const logs = path.join(ud, 'logs');
  if (!fs.existsSync(logs)) return;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost|goroot|remoteexthost/i.test(p)) {
        fs.mkdirSync(dest, { recursive: true });
        fs.copyFileSync(p, path.join(dest, path.relative(logs, p).replace(/[\\/]/g, '__')));
      }
    }
  };
  try { walk(logs); } catch {}
}

// ---- UI helpers (selectors of VS Code 1.139) ----
async function openGoMod(s) {
  const row = s.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'go.mod' }).first();
  await row.waitFor({ timeout: T });
  await row.click();
  await s.page.locator('.tabs-container .tab.active', { hasText: 'go.mod' }).waitFor({ timeout: T });
}
const lens = (s, text) => s.page.locator('.monaco-editor .codelens-decoration a', { hasText: text }).first();
const toast = (s, re) => s.page.locator('.notifications-toasts .notification-list-item', { hasText: re }).first();
const problemRow = (s, re) => s.page.locator('.markers-panel .monaco-list-row', { hasText: re }).first();
async function showProblems(s) {
  if (!(await s.page.locator('.markers-panel').isVisible())) await s.page.keyboard.press('Control+Shift+M');
  await s.page.locator('.markers-panel').waitFor({ timeout: T });
}
async function focusEditor(s) {
  await s.page.locator('.monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
}
async function runCommand(s, title) {
  await focusEditor(s);
  const input = s.page.locator('.quick-input-widget input:visible').first();
  await poll('the command palette (F1)', async () => {
    if (await input.isVisible()) return true;
    await s.page.keyboard.press('F1');
    return input.waitFor({ timeout: 3000 }).then(() => true, () => false);
  }, T, 0);
  await input.fill('>' + title);
  const item = s.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await item.waitFor({ timeout: T });
  return item;
}
async function clearNotifications(s) {
  await runCommand(s, 'Notifications: Clear All Notifications');
  await s.page.keyboard.press('Enter');
  await s.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: T });
  await s.page.locator('.notifications-toasts .notification-list-item').first().waitFor({ state: 'detached', timeout: T });
}

// ---- Scenario 1: GOROOT=<go1.22.12> in ~/.profile and in the editor's environment ----
describe('mismatch: ~/.profile exports an old GOROOT; lens, Problems, quick fix with Apply, undo', only('mismatch'), () => {
  const profileBefore = `# mine\nexport GOROOT=${OLD}\nexport EDITOR=vi\n`;
  const profileAfter = '# mine\nexport EDITOR=vi\n';
  let s, t0;
  const profile = () => fs.readFileSync(path.join(s.home, '.profile'), 'utf8');
  before(async () => {
    t0 = Date.now();
    s = await startSession({ name: 'mismatch', profile: profileBefore, goroot: OLD });
  });
  after(async () => { if (s) await s.close(); console.log(`# mismatch scenario: ${ms(t0)}`); });

  it('the Problems panel lists goroot-env-mismatch for go.mod', async () => {
    await openGoMod(s);
    await s.shot('go-mod-open');
    await showProblems(s);
    await problemRow(s, MISMATCH).waitFor({ timeout: T });
    console.log(`# problem row: ${(await problemRow(s, MISMATCH).innerText()).replace(/\s+/g, ' ')}`);
    await s.shot('problems-mismatch');
  });

  it('the go.mod editor shows a "Verify GOROOT" code lens; clicking it says mismatch', async () => {
    const t = Date.now();
    await lens(s, 'Verify GOROOT').waitFor({ timeout: T });
    console.log(`# lenses: ${await s.page.locator('.monaco-editor .codelens-decoration').allInnerTexts()}`);
    await s.shot('lens');
    await lens(s, 'Verify GOROOT').click();
    const n = toast(s, /mismatch/i);
    await n.waitFor({ timeout: VERIFY_T });
    const text = await n.innerText();
    console.log(`# verify (${ms(t)}): ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    await s.shot('verify-notification');
    assert.match(text, /mismatch/i);
  });

  it('the quick fix "Delete the assignment…" asks with Apply; Apply deletes exactly the GOROOT line and the problem goes', async () => {
    console.log(`# squiggle elements: ${JSON.stringify(await s.page.evaluate(() => [...document.querySelectorAll('[class*=squiggly]')]
      .map((e) => `${e.className} ${Math.round(e.getBoundingClientRect().width)}x${Math.round(e.getBoundingClientRect().height)}`)))}`);
    // Select the problem in the Problems panel, Enter: the editor gets focus with the cursor on it; then Ctrl+.
    await showProblems(s);
    await problemRow(s, MISMATCH).click();
    await s.page.keyboard.press('Enter');
    await s.page.locator('.monaco-editor.focused').first().waitFor({ timeout: T });
    const widget = s.page.locator('.action-widget').first();
    try {
      // Ctrl+. right after the editor takes focus is sometimes swallowed (the lightbulb shows, no menu): press again.
      await poll('the quick fix menu (Ctrl+.)', async () => {
        if (await widget.isVisible()) return true;
        await s.page.keyboard.press('Control+Period');
        return widget.waitFor({ timeout: 3000 }).then(() => true, () => false);
      }, T, 0);
    } catch (e) {
      await s.shot('no-quick-fix-widget');
      throw e;
    }
    const fixRow = s.page.locator('.action-widget .monaco-list-row', { hasText: /^\s*Delete the assignment/ }).first();
    try {
      await fixRow.waitFor({ timeout: T });
    } finally {
      console.log(`# quick fixes offered: ${JSON.stringify(await s.page.locator('.action-widget .monaco-list-row').allInnerTexts())}`);
      await s.shot('quick-fix-menu');
    }
    await fixRow.click();
    // window/showMessageRequest with Apply/Cancel: a toast with buttons (or a modal dialog).
    const apply = s.page.locator('.notifications-toasts .monaco-button, .monaco-dialog-box .monaco-button')
      .filter({ hasText: /^Apply$/ }).first();
    try {
      // A long message makes a collapsed toast whose buttons show only when expanded: expand it (a user's click).
      await poll('an Apply button', async () => {
        if (await apply.isVisible()) return true;
        const expand = s.page.locator('.notifications-toasts .notification-list-item .codicon-notifications-expand:visible').first();
        if (await expand.isVisible()) { await expand.click(); console.log('# expanded the plan toast to reach its buttons'); }
        return false;
      }, T, 250);
    } catch (e) {
      console.log(`# toasts: ${JSON.stringify(await s.page.locator('.notifications-toasts .notification-list-item').allInnerTexts())}`);
      console.log(`# toast buttons: ${JSON.stringify(await s.page.locator('.notifications-toasts .monaco-button').allInnerTexts())}`);
      throw e;
    } finally {
      await s.shot('apply-asked');
    }
    const asked = (await s.page.locator('.notifications-toasts .notification-list-item, .monaco-dialog-box').allInnerTexts()).join(' | ');
    console.log(`# plan shown: ${asked.replace(/\s+/g, ' ').slice(0, 400)}`);
    assert.equal(profile(), profileBefore, 'nothing may be written before Apply');
    await apply.click();
    await poll('~/.profile without the GOROOT line', () => profile() === profileAfter, T);
    assert.equal(profile(), profileAfter);
    await showProblems(s);
    await problemRow(s, MISMATCH).waitFor({ state: 'detached', timeout: T });
    await toast(s, /Applied/).waitFor({ timeout: T }).catch(() => console.log('# (no "Applied" toast seen)'));
    await s.shot('after-apply');
  });

  it('"Undo Last Environment Change" from the command palette restores ~/.profile byte for byte', async () => {
    assert.equal(profile(), profileAfter, 'precondition: the quick fix was applied');
    const title = 'Undo Last Environment Change';
    let item;
    try {
      item = await runCommand(s, title);
    } finally {
      console.log(`# palette rows for "${title}": ${JSON.stringify(await s.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts())}`);
      await s.shot('undo-palette');
    }
    await item.click();
    // The extension (0.1.0) confirms first with a modal dialog: "Undo the last environment change goroot-lens made
    // (from its journal)?" [Cancel] [Undo]. Nothing may change before that click.
    const confirm = s.page.locator('.monaco-dialog-box .monaco-button').filter({ hasText: /^Undo$/ }).first();
    await confirm.waitFor({ timeout: T });
    await s.shot('undo-confirm');
    assert.equal(profile(), profileAfter, 'nothing may be written before the Undo confirmation');
    await confirm.click();
    try {
      await poll('~/.profile restored', () => profile() === profileBefore, T);
    } catch (e) {
      console.log(`# toasts after undo: ${JSON.stringify(await s.page.locator('.notifications-toasts .notification-list-item, .monaco-dialog-box').allInnerTexts())}`);
      await s.shot('undo-not-restored');
      throw e;
    }
    assert.equal(Buffer.compare(fs.readFileSync(path.join(s.home, '.profile')), Buffer.from(profileBefore)), 0);
    await showProblems(s);
    await problemRow(s, MISMATCH).waitFor({ timeout: T }).catch(() => console.log('# (goroot-env-mismatch not back in Problems after undo)'));
    await s.shot('after-undo');
  });
});

// ---- Scenario 2: no GOROOT anywhere ----
describe('clean: no GOROOT anywhere', only('clean'), () => {
  let s, t0;
  before(async () => { t0 = Date.now(); s = await startSession({ name: 'clean', profile: null, goroot: null }); });
  after(async () => { if (s) await s.close(); console.log(`# clean scenario: ${ms(t0)}`); });

  it('no goroot-lens problems, and Verify says verified', async () => {
    await openGoMod(s);
    await lens(s, 'Verify GOROOT').waitFor({ timeout: T });
    // The status lens counts the folder's findings ("… · 0 problems"): the server has judged it.
    const lenses = await poll('the status lens', async () => {
      const all = await s.page.locator('.monaco-editor .codelens-decoration').allInnerTexts();
      return all.some((x) => /GOROOT/.test(x) && /\d/.test(x) && !/^\s*Verify GOROOT\s*$/.test(x)) && all;
    }, T).catch(async () => s.page.locator('.monaco-editor .codelens-decoration').allInnerTexts());
    console.log(`# lenses: ${JSON.stringify(lenses)}`);
    await showProblems(s);
    await s.shot('clean-problems');
    const rows = await s.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    const ours = rows.filter((r) => /goroot-lens|goroot-|gopath-|toolchain-|tool-|go-not-found|go-shadowed|profile-/.test(r));
    assert.deepEqual(ours, [], `goroot-lens problems in a clean workspace: ${JSON.stringify(rows)}`);
    await lens(s, 'Verify GOROOT').click();
    const n = toast(s, /verified/i);
    await n.waitFor({ timeout: VERIFY_T });
    console.log(`# verify: ${(await n.innerText()).replace(/\s+/g, ' ').slice(0, 300)}`);
    await s.shot('clean-verified');
  });
});

// ---- Scenario 3: zh-CN ----
describe('zh-CN (gorootLens.language)', only('zh'), () => {
  let s, t0;
  before(async () => { t0 = Date.now(); s = await startSession({ name: 'zh', profile: null, goroot: OLD, language: 'zh-cn' }); });
  after(async () => { if (s) await s.close(); console.log(`# zh scenario: ${ms(t0)}`); });

  it('the lens reads 验证 GOROOT and the problem text is Chinese', async () => {
    const language = await s.page.evaluate(() => document.documentElement.lang || navigator.language);
    console.log(`# workbench <html lang>: ${language}`);
    await openGoMod(s);
    try {
      await lens(s, '验证 GOROOT').waitFor({ timeout: T });
    } finally {
      console.log(`# lenses: ${JSON.stringify(await s.page.locator('.monaco-editor .codelens-decoration').allInnerTexts())}`);
      await s.shot('zh-lens');
    }
    await showProblems(s);
    const row = problemRow(s, MISMATCH);
    await row.waitFor({ timeout: T });
    const text = await row.innerText();
    console.log(`# problem row: ${text.replace(/\s+/g, ' ')}`);
    await s.shot('zh-problems');
    assert.match(text, /[\u4e00-\u9fff]/, `problem text is not Chinese: ${text}`);
  });

  it('clicking 验证 GOROOT says 不一致 (mismatch)', async () => {
    await lens(s, '验证 GOROOT').click();
    const n = toast(s, /验证 GOROOT：不一致/);
    await n.waitFor({ timeout: VERIFY_T });
    await s.shot('zh-verify');
    assert.match(await n.innerText(), /不一致/);
  });
});
