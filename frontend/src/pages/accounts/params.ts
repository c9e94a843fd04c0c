// A comma-separated list in the URL (?class=A,S).
export function list(p: URLSearchParams, k: string): string[] {
  return (p.get(k) ?? '').split(',').filter(Boolean);
}
