// Checks the platform VSIXs that `npm run package` (scripts/package.sh)
// writes to dist/: exactly the allow-listed files, one binary built for the
// VSIX's own target, at most 5 MB, the manifest's version and engine.
// Run: node --test test/extension/   (needs unzip)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const maxBytes = 5 * 1024 * 1024;

// target → the binary's format and machine: ELF e_machine, Mach-O cputype, PE Machine.
const targets = {
  'linux-x64': { format: 'elf', machine: 62 }, // EM_X86_64
  'linux-arm64': { format: 'elf', machine: 183 }, // EM_AARCH64
  'darwin-x64': { format: 'macho', machine: 0x01000007 }, // CPU_TYPE_X86_64
  'darwin-arm64': { format: 'macho', machine: 0x0100000c }, // CPU_TYPE_ARM64
  'win32-x64': { format: 'pe', machine: 0x8664 }, // IMAGE_FILE_MACHINE_AMD64
  'win32-arm64': { format: 'pe', machine: 0xaa64 }, // IMAGE_FILE_MACHINE_ARM64
};

function expectedFiles(target) {
  const exe = target.startsWith('win32-') ? 'goroot-lens.exe' : 'goroot-lens';
  const files = [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/package.json',
    'extension/package.nls.json',
    'extension/package.nls.zh-cn.json',
    'extension/l10n/bundle.l10n.zh-cn.json',
    'extension/extension/dist/extension.js',
    ...['go-on-path', 'goroot', 'gopath-bin', 'verify'].map((f) => `extension/extension/media/walkthrough/${f}.md`),
    `extension/extension/bin/${exe}`,
    'extension/readme.md',
  ];
  if (existsSync(join(root, 'LICENSE'))) files.push('extension/LICENSE.txt');
  return files.sort();
}

const unzip = (...args) => execFileSync('unzip', args, { maxBuffer: 64 << 20 });

function binaryArch(buf) {
  if (buf.readUInt32BE(0) === 0x7f454c46) {
    assert.equal(buf[4], 2, 'ELF is 64-bit');
    assert.equal(buf[5], 1, 'ELF is little-endian');
    return { format: 'elf', machine: buf.readUInt16LE(18) };
  }
  if (buf.readUInt32LE(0) === 0xfeedfacf) {
    return { format: 'macho', machine: buf.readUInt32LE(4) };
  }
  if (buf.toString('latin1', 0, 2) === 'MZ') {
    const pe = buf.readUInt32LE(0x3c);
    assert.equal(buf.toString('latin1', pe, pe + 4), 'PE\0\0', 'PE signature');
    return { format: 'pe', machine: buf.readUInt16LE(pe + 4) };
  }
  return { format: 'unknown', machine: -1 };
}

for (const [target, want] of Object.entries(targets)) {
  const vsix = join(root, 'dist', `goroot-lens-${target}-${pkg.version}.vsix`);
  test(`VSIX ${target}`, async (t) => {
    assert.ok(existsSync(vsix), `${vsix} missing: run npm run package`);
    const exe = target.startsWith('win32-') ? 'goroot-lens.exe' : 'goroot-lens';
    const bin = `extension/extension/bin/${exe}`;

    await t.test('exactly the allow-listed files', () => {
      const names = unzip('-Z1', vsix).toString().split('\n').filter(Boolean).sort();
      assert.deepEqual(names, expectedFiles(target));
    });

    await t.test('at most 5 MB', () => {
      const size = statSync(vsix).size;
      t.diagnostic(`${target}: ${size} bytes`);
      assert.ok(size <= maxBytes, `${size} bytes > ${maxBytes}`);
    });

    await t.test(`binary built for ${target}`, () => {
      const got = binaryArch(unzip('-p', vsix, bin));
      assert.deepEqual(got, want);
      if (!target.startsWith('win32-')) {
        // VS Code keeps the zip entry's Unix mode when it installs a VSIX.
        const line = unzip('-Z', vsix, bin).toString();
        assert.match(line, /^-rwx/, `${bin} is not executable: ${line}`);
      }
    });

    await t.test('manifest version, engine and target', () => {
      const inner = JSON.parse(unzip('-p', vsix, 'extension/package.json').toString());
      assert.equal(inner.version, pkg.version);
      assert.equal(inner.engines.vscode, '^1.138.0');
      assert.equal(inner.main, './extension/dist/extension.js');
      const manifest = unzip('-p', vsix, 'extension.vsixmanifest').toString();
      assert.match(manifest, new RegExp(`TargetPlatform="${target}"`));
    });

    if (target === `${process.platform}-${process.arch}`) {
      await t.test('the bundled binary runs and names the version', () => {
        const dir = mkdtempSync(join(tmpdir(), 'goroot-lens-vsix-'));
        try {
          const file = join(dir, exe);
          writeFileSync(file, unzip('-p', vsix, bin), { mode: 0o755 });
          assert.equal(execFileSync(file, ['version']).toString().trim(), `goroot-lens ${pkg.version}`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}

test('the bundle needs nothing but vscode and Node built-ins', async () => {
  const { createRequire, builtinModules } = await import('node:module');
  const vsix = join(root, 'dist', `goroot-lens-linux-x64-${pkg.version}.vsix`);
  const dir = mkdtempSync(join(tmpdir(), 'goroot-lens-bundle-'));
  try {
    const file = join(dir, 'extension.js');
    writeFileSync(file, unzip('-p', vsix, 'extension/extension/dist/extension.js'));
    const required = new Set();
    const Module = createRequire(import.meta.url)('node:module');
    const load = Module._load;
    // A stand-in for the vscode module: any property is itself, a class to extend.
    const stub = new Proxy(function () {}, {
      get: (_t, key) => (key === 'prototype' ? {} : stub),
      construct: () => ({}),
      apply: () => stub,
    });
    Module._load = function (request, ...rest) {
      required.add(request);
      return request === 'vscode' ? stub : load.call(this, request, ...rest);
    };
    try {
      const ext = createRequire(file)(file);
      assert.equal(typeof ext.activate, 'function');
      assert.equal(typeof ext.deactivate, 'function');
    } finally {
      Module._load = load;
    }
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const other = [...required].filter((r) => r !== file && r !== 'vscode' && !builtins.has(r));
    assert.deepEqual(other, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
