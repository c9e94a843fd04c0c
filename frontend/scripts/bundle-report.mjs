// Prints every chunk's size (raw and gzip) and the JavaScript the first
// screen loads: the entry with its static imports plus the /accounts
// route's chunk with its static imports. Budget: 300 KB gzip (printed, not
// enforced). Run after `make app`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/app/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';

const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
const rows = assets.map((f) => ({ f: 'assets/' + f, raw: statSync(join(dist, 'assets', f)).size, gz: gz('assets/' + f) })).sort((a, b) => b.gz - a.gz);
console.log('chunk                                              raw        gzip');
for (const r of rows) console.log(r.f.padEnd(45), kb(r.raw), kb(r.gz));

function closure(key, seen = new Set()) {
  const m = manifest[key];
  if (!m || seen.has(m.file)) return seen;
  seen.add(m.file);
  for (const i of m.imports ?? []) closure(i, seen);
  return seen;
}
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const route = Object.keys(manifest).find((k) => k.endsWith('AccountsPage.tsx'));
const first = new Set([...closure(entry), ...closure(route)]);
const js = [...first].filter((f) => f.endsWith('.js'));
const total = js.reduce((s, f) => s + gz(f), 0);
console.log(`\nfirst screen (/accounts): ${js.length} JS files, ${kb(total).trim()} gzip (budget 300 KB: ${total <= 300 * 1024 ? 'within' : 'OVER'})`);
for (const f of js) console.log('  ', f.padEnd(45), kb(gz(f)));
