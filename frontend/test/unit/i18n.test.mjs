// Every string the app shows exists in zh-CN and in English: a key missing
// from either file, or used in the code but defined in neither, fails here
// (the app has no fallback language, so it would show the bare key).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../src/', import.meta.url).pathname;
const load = (name) => JSON.parse(readFileSync(join(root, 'locales', name), 'utf8'));
// The shared files plus every area's src/locales/<area>/<lang>.json, merged
// by top-level key as src/app/i18n.ts does; a top-level key defined twice is
// refused (one area would silently hide the other's strings).
function loadLang(lang) {
  const out = { ...load(`${lang}.json`) };
  const owner = new Map(Object.keys(out).map((k) => [k, `${lang}.json`]));
  for (const area of readdirSync(join(root, 'locales')).sort()) {
    if (!statSync(join(root, 'locales', area)).isDirectory()) continue;
    const part = load(join(area, `${lang}.json`));
    for (const [k, v] of Object.entries(part)) {
      assert.ok(!owner.has(k), `top-level key ${k} of ${area}/${lang}.json is also in ${owner.get(k)}`);
      owner.set(k, `${area}/${lang}.json`);
      out[k] = v;
    }
  }
  return out;
}
const zh = loadLang('zh-CN');
const en = loadLang('en');

function flatten(obj, prefix = '', out = new Map()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}
const fzh = flatten(zh);
const fen = flatten(en);

function sources(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'gql' || name === 'locales') continue;
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

test('both languages have the same keys', () => {
  const onlyZh = [...fzh.keys()].filter((k) => !fen.has(k));
  const onlyEn = [...fen.keys()].filter((k) => !fzh.has(k));
  assert.deepEqual(onlyZh, [], 'keys missing in en.json');
  assert.deepEqual(onlyEn, [], 'keys missing in zh-CN.json');
});

test('no translation is empty', () => {
  for (const [k, v] of [...fzh, ...fen]) assert.ok(String(v).trim() !== '', `empty string for ${k}`);
});

test('every key the code uses exists in both languages', () => {
  const missing = [];
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8');
    // t('a.b'), t("a.b"), i18n.t('a.b')
    for (const m of text.matchAll(/\bt\(\s*['"]([a-zA-Z0-9_.]+)['"]/g)) {
      const key = m[1];
      if (!fzh.has(key) || !fen.has(key)) missing.push(`${key} (${file.slice(root.length)})`);
    }
    // t(`prefix.${x}`): the prefix must be a group in both files
    for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) {
      const prefix = m[1] + '.';
      const has = (f) => [...f.keys()].some((k) => k.startsWith(prefix));
      if (!has(fzh) || !has(fen)) missing.push(`${m[1]}.* (${file.slice(root.length)})`);
    }
  }
  assert.deepEqual(missing, []);
});

test('enum groups used with dynamic keys list the same values in both languages', () => {
  const groups = ['stage', 'kind', 'region', 'risk.level', 'plan.status', 'metric', 'actionStatus', 'objectiveStatus', 'buyingRole', 'attitude', 'teamRole', 'alert.status', 'alert.type', 'touchpoint.kind', 'class.name', 'class.sources', 'class.approval', 'roles', 'errors'];
  for (const g of groups) {
    const keys = (f) => [...f.keys()].filter((k) => k.startsWith(g + '.')).sort();
    assert.ok(keys(fzh).length > 0, `group ${g} is empty`);
    assert.deepEqual(keys(fzh), keys(fen), `group ${g}`);
  }
});

test('the schema enums shown to people all have a label', () => {
  const schema = readFileSync(new URL('../../../graph/schema/ent.graphqls', import.meta.url), 'utf8');
  const values = (name) => {
    const m = schema.match(new RegExp(`enum ${name} [^{]*\\{([^}]*)\\}`));
    assert.ok(m, `enum ${name} not in the schema`);
    return m[1].split('\n').map((s) => s.trim()).filter((s) => /^[A-Z_]+$/.test(s));
  };
  const pairs = {
    AccountLifecycleStage: 'stage', AccountKind: 'kind', AccountPlanStatus: 'plan.status', ObjectiveMetric: 'metric', ActionStatus: 'actionStatus',
    ObjectiveStatus: 'objectiveStatus', ContactBuyingRole: 'buyingRole', ContactAttitude: 'attitude', AccountTeamMemberRole: 'teamRole',
    ChurnAlertStatus: 'alert.status', ChurnAlertAlertType: 'alert.type', TouchpointKind: 'touchpoint.kind', ChurnAlertSeverity: 'risk.level',
    ClassAssignmentSource: 'class.sources', ClassAssignmentApprovalStatus: 'class.approval', ChurnAlertOutcome: 'alert.outcome',
  };
  for (const [en_, group] of Object.entries(pairs)) {
    for (const v of values(en_)) {
      assert.ok(fzh.has(`${group}.${v}`) && fen.has(`${group}.${v}`), `${en_}.${v} has no label under ${group}`);
    }
  }
});
