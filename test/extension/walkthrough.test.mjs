// Checks the manifest's walkthrough and its localisation without VS Code:
// four steps ticked by onContext:gorootLens.walkthrough.<step> (set by
// extension/src/walkthrough.ts from codes the server really has), every
// %key% of package.json in both package.nls files, every command link a
// contributed command, every media file present.
// Run: node --test test/extension/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (f) => readFileSync(join(root, f), 'utf8');
const pkg = JSON.parse(read('package.json'));
const nls = { en: JSON.parse(read('package.nls.json')), 'zh-cn': JSON.parse(read('package.nls.zh-cn.json')) };
const walkthrough = pkg.contributes.walkthroughs?.find((w) => w.id === 'goroot-lens.setup');
const stepSource = read('extension/src/walkthrough.ts');

/** Every string in the manifest that is a whole %key%. */
function nlsKeys(v, out = new Set()) {
  if (typeof v === 'string') {
    const m = /^%(.+)%$/.exec(v);
    if (m) out.add(m[1]);
  } else if (v && typeof v === 'object') {
    for (const x of Object.values(v)) nlsKeys(x, out);
  }
  return out;
}

test('every %key% of package.json is in both package.nls files, and they hold the same keys', () => {
  const used = [...nlsKeys(pkg)];
  assert.ok(used.length > 0);
  for (const [lang, table] of Object.entries(nls)) {
    const missing = used.filter((k) => typeof table[k] !== 'string' || table[k] === '');
    assert.deepEqual(missing, [], `missing in ${lang}`);
  }
  assert.deepEqual(Object.keys(nls['zh-cn']).sort(), Object.keys(nls.en).sort());
});

test('the walkthrough has four steps, each ticked by its own context key', () => {
  assert.ok(walkthrough, 'contributes.walkthroughs has goroot-lens.setup');
  assert.equal(walkthrough.steps.length, 4);
  for (const s of [walkthrough, ...walkthrough.steps]) {
    assert.match(s.title, /^%.+%$/, `${s.id}: title localised`);
    assert.match(s.description, /^%.+%$/, `${s.id}: description localised`);
  }
  const ids = walkthrough.steps.map((s) => s.id);
  assert.equal(new Set(ids).size, 4, 'step ids are unique');
  for (const s of walkthrough.steps) {
    assert.deepEqual(s.completionEvents, [`onContext:gorootLens.walkthrough.${s.id}`]);
    // walkthrough.ts sets the key: a step of findingSteps or the verify step.
    assert.match(stepSource, new RegExp(`(^\\s+${s.id}: \\[|verifyStep = '${s.id}')`, 'm'), `walkthrough.ts sets ${s.id}`);
  }
});

test('the codes walkthrough.ts watches are codes the server has', () => {
  const codes = new Set([...read('probes/findings/codes.go').matchAll(/Code = "([a-z-]+)"/g)].map((m) => m[1]));
  const table = /findingSteps[^=]*= \{([\s\S]*?)\n\};/.exec(stepSource)?.[1] ?? '';
  const watched = [...table.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
  assert.equal(watched.length, 11);
  assert.deepEqual(watched.filter((c) => !codes.has(c)), []);
});

test('every command link of a step names a contributed command, in both languages', () => {
  const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
  for (const s of walkthrough.steps) {
    const key = s.description.slice(1, -1);
    const links = {};
    for (const [lang, table] of Object.entries(nls)) {
      links[lang] = [...table[key].matchAll(/\]\(command:([^)?\s]+)/g)].map((m) => m[1]);
      assert.deepEqual(links[lang], [
        'goroot-lens.client.applyFix', 'goroot-lens.client.verify', 'goroot-lens.client.report',
      ], `${s.id} (${lang}): fix, Verify and report buttons`);
      for (const id of links[lang]) assert.ok(contributed.has(id), `${s.id} (${lang}): ${id} is not contributed`);
      // A button is a line holding only the link (VS Code splits the description at \n).
      for (const line of table[key].split('\n').filter((l) => l.includes('(command:'))) {
        assert.match(line, /^\[[^\]]+\]\(command:[^)]+\)$/, `${s.id} (${lang}): ${line}`);
      }
    }
  }
});

test('every step media file exists and is allow-listed for the VSIX', () => {
  const allow = read('.vscodeignore').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
  const glob = (p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  for (const s of walkthrough.steps) {
    const file = s.media?.markdown;
    assert.ok(file, `${s.id}: markdown media`);
    assert.ok(existsSync(join(root, file)), `${file} missing`);
    assert.ok(allow.some((p) => glob(p).test(file)), `${file} not in the .vscodeignore allow-list`);
  }
});
