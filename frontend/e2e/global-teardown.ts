import { existsSync } from 'node:fs';
import { STATE_FILE, readState, removeData, stopServer } from './server';

export default async function globalTeardown() {
  if (!existsSync(STATE_FILE)) return;
  const state = readState();
  stopServer(state);
  // Give the server a moment to stop its embedded PostgreSQL before the folder goes.
  await new Promise((r) => setTimeout(r, 3000));
  if (!process.env.SUMMIT_E2E_KEEP) removeData(state);
}
