import { createContext, useContext } from 'react';

// What /auth/me answers: who is signed in and with which roles. The browser
// holds no token; the session cookie is HttpOnly.
export type Role = 'ADMIN' | 'EXECUTIVE' | 'KEY_ACCOUNT_MANAGER' | 'PARTNER_MANAGER' | 'MEMBER' | 'VIEWER';

export interface Me {
  id: number;
  kind: string;
  email: string;
  name: string;
  locale?: string;
  roles: Role[];
  regions: string[];
}

export class SignedOut extends Error {}

export function loginURL(next: string = window.location.pathname + window.location.search): string {
  return '/auth/login?next=' + encodeURIComponent(next);
}

export function redirectToLogin(): void {
  window.location.assign(loginURL());
}

export async function fetchMe(): Promise<Me> {
  const res = await fetch('/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (res.status === 401) throw new SignedOut('signed out');
  if (!res.ok) throw new Error(`/auth/me answered ${res.status}`);
  return (await res.json()) as Me;
}

export async function signOut(): Promise<void> {
  const res = await fetch('/auth/logout', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-Summit-CSRF': '1', Accept: 'application/json' },
  });
  let target = '/';
  if (res.ok) {
    const body = (await res.json().catch(() => ({}))) as { redirectTo?: string };
    if (body.redirectTo) target = body.redirectTo;
  }
  window.location.assign(target);
}

export const SessionContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside a signed-in session');
  return me;
}

// The server decides every write (row rules in SQL); these only choose which
// controls to show. A viewer reads everything and changes nothing.
export function canEdit(me: Me): boolean {
  return me.roles.some((r) => r === 'ADMIN' || r === 'EXECUTIVE' || r === 'KEY_ACCOUNT_MANAGER' || r === 'MEMBER');
}

export function isExecutive(me: Me): boolean {
  return me.roles.some((r) => r === 'ADMIN' || r === 'EXECUTIVE');
}
