import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AUTH_DIR, STATE_FILE, saveState, signIn, startServer, stopServer } from './server';

export default async function benchSetup() {
  mkdirSync(dirname(STATE_FILE), { recursive: true });
  mkdirSync(AUTH_DIR, { recursive: true });
  const t0 = Date.now();
  const state = await startServer(Number(process.env.SUMMIT_BENCH_ACCOUNTS ?? 100_000));
  console.log(`server with ${process.env.SUMMIT_BENCH_ACCOUNTS ?? 100_000} demo accounts ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  saveState(state);
  try {
    await signIn(state, 'exec01@summit.example');
  } catch (e) {
    stopServer(state);
    throw e;
  }
}
