import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AUTH_DIR, STATE_FILE, gql, publishReview, saveState, signIn, startServer, stopServer, token, type ServerState } from './server';

const KAM = 'kam01@summit.example';
// pm01 is the EAST partner manager, pm02 NORTH's (internal/seed/doc.go).
export const USERS = ['kam01', 'kam02', 'viewer', 'exec01', 'admin', 'pm01', 'pm02'] as const;

export default async function globalSetup() {
  mkdirSync(dirname(STATE_FILE), { recursive: true });
  mkdirSync(AUTH_DIR, { recursive: true });
  const state = await startServer(Number(process.env.SUMMIT_E2E_ACCOUNTS ?? 400));
  saveState(state);
  try {
    await prepare(state);
  } catch (e) {
    stopServer(state);
    throw e;
  }
}

async function prepare(state: ServerState) {
  const exec = token(state, 'EXECUTIVE', 'e2e-exec');

  // The journeys' accounts: a class-A account of kam01, and an open alert of
  // one of kam01's accounts. The first-start demo story publishes reviews;
  // a review is published here only when it left kam01 without a class-A
  // account.
  const classAOfKAM = async () => {
    const a = await gql(state, exec, `query($e: String!) { accounts(first: 1, orderBy: [{ field: CODE }], where: { currentClass: A, archived: false, hasOwnerWith: [{ email: $e }] }) { edges { node { id code name } } } }`, { e: KAM });
    return a.accounts.edges[0]?.node;
  };
  let classA = await classAOfKAM();
  if (!classA) {
    await publishReview(state, exec);
    classA = await classAOfKAM();
  }
  if (!classA) throw new Error('the demo data has no class-A account of kam01 after the review');
  // The churn scan that opens alerts runs in the background at start.
  let alert;
  for (let i = 0; i < 120 && !alert; i++) {
    const al = await gql(state, exec, `query($e: String!) { churnAlerts(first: 1, filter: { statuses: [OPEN] }, where: { hasAccountWith: [{ hasOwnerWith: [{ email: $e }] }] }) { edges { node { id account { id name code } } } } }`, { e: KAM });
    alert = al.churnAlerts.edges[0]?.node;
    if (!alert) await new Promise((r) => setTimeout(r, 1000));
  }
  if (!alert) throw new Error('the demo data has no open churn alert on an account of kam01');
  state.fixtures = { classA, alert };
  saveState(state);

  // Every role the journeys play signs in once here (through the dev IdP);
  // specs load the saved browser state with auth('<user>').
  for (const user of USERS) await signIn(state, `${user}@summit.example`);
}
