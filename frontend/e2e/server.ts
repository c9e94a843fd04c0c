// Starts and stops `summit serve` for the browser tests and the benchmark.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

export const STATE_FILE = resolve(import.meta.dirname, '../test-results/e2e-server.json');
export const AUTH_DIR = resolve(import.meta.dirname, '../.auth');

export interface ServerState {
  baseURL: string;
  pid: number;
  dataDir: string;
  bin: string;
  fixtures: Record<string, unknown>;
}

export function readState(): ServerState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as ServerState;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

export async function startServer(accounts: number): Promise<ServerState> {
  const bin = resolve(process.env.SUMMIT_BIN ?? '../bin/summit');
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run make build (or set SUMMIT_BIN)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'summit-e2e-'));
  // The embedded PostgreSQL runs as the postgres user when we are root.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const log = openSync(join(dataDir, 'serve.log'), 'a');
  const child = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--demo-accounts', String(accounts)], {
    env: { ...process.env, SUMMIT_DATA_DIR: join(dataDir, 'data'), SUMMIT_ENV: 'development', SUMMIT_REVIEW_SCHEDULE: 'off', SUMMIT_PARTNER_REEVALUATION: 'off', SUMMIT_LOG_LEVEL: 'warn' },
    stdio: ['ignore', log, log],
    detached: true,
  });
  child.unref();
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`summit serve exited (${child.exitCode}); see ${join(dataDir, 'serve.log')}`);
    try {
      const r = await fetch(`${baseURL}/readyz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`summit serve not ready; see ${join(dataDir, 'serve.log')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseURL, pid: child.pid!, dataDir, bin, fixtures: {} };
}

export function stopServer(state: ServerState): void {
  try {
    process.kill(-state.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

export function removeData(state: ServerState): void {
  rmSync(state.dataDir, { recursive: true, force: true });
}

export function token(state: ServerState, role: string, name: string): string {
  return execFileSync(state.bin, ['token', 'create', '--role', role, '--name', name, '--expires', '1d'], {
    env: { ...process.env, SUMMIT_DATA_DIR: join(state.dataDir, 'data') },
    encoding: 'utf8',
  }).trim();
}

export async function gql<T = any>(state: ServerState, tok: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await fetch(`${state.baseURL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tok}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')} in ${query.slice(0, 80)}`);
  return body.data as T;
}

/** Runs a review cycle with the published ALL model, approves the S/A moves and publishes it. */
export async function publishReview(state: ServerState, tok: string): Promise<void> {
  const models = await gql(state, tok, `{ gradingModels(first: 50) { edges { node { scope versions { id status } } } } }`);
  const version = models.gradingModels.edges
    .map((e: any) => e.node)
    .filter((m: any) => m.scope === 'ALL')
    .flatMap((m: any) => m.versions)
    .find((v: any) => v.status === 'PUBLISHED');
  if (!version) throw new Error('no published grading model for scope ALL');
  const started = await gql(state, tok, `mutation($v: ID!) { startReviewCycle(scope: ALL, modelVersionID: $v, name: "e2e") { id } }`, { v: version.id });
  const id = started.startReviewCycle.id;
  const waitFor = async (status: string) => {
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const c = await gql(state, tok, `query($id: ID!) { node(id: $id) { ... on ReviewCycle { status } } }`, { id });
      if (c.node.status === status) return;
      if (['FAILED', 'CANCELLED'].includes(c.node.status)) throw new Error(`review cycle ${c.node.status}`);
      if (Date.now() > deadline) throw new Error(`review cycle stuck in ${c.node.status}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  await waitFor('IN_REVIEW');
  for (;;) {
    const r = await gql(state, tok, `query($id: ID!) { node(id: $id) { ... on ReviewCycle { results(first: 200, where: { statusIn: [PENDING_APPROVAL, CONTESTED] }) { edges { node { id } } } } } }`, { id });
    const ids = r.node.results.edges.map((e: any) => e.node.id);
    if (ids.length === 0) break;
    await gql(state, tok, `mutation($ids: [ID!]!) { approveReviewResults(ids: $ids, note: "e2e") { id } }`, { ids });
  }
  await gql(state, tok, `mutation($id: ID!) { publishReviewCycle(id: $id) { id } }`, { id });
  await waitFor('PUBLISHED');
}

/** Signs in through the development identity provider and saves the session. */
export async function signIn(state: ServerState, email: string): Promise<string> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${state.baseURL}/accounts`);
    await page.waitForURL(/\/auth\/login|\/authorize|login/);
    await page.locator(`button[value="${email}"]`).click();
    await page.waitForURL(`${state.baseURL}/accounts`);
    const file = join(AUTH_DIR, `${email.split('@')[0]}.json`);
    await page.context().storageState({ path: file });
    return file;
  } finally {
    await browser.close();
  }
}

export function saveState(state: ServerState): void {
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}
