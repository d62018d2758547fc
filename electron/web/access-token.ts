import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret for each run of `npm run web`; it never touches disk or logs except the printed URL. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensMatch(expected: string, candidate: string | undefined | null): boolean {
  if (!candidate) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(candidate);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Cookies are shared by every port of a host, so the cookie's name carries the port. */
export function sessionCookieName(port: number): string {
  return `mailharbor_session_${port}`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
