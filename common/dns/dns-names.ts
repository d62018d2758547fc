/**
 * Domain name helpers for comparing what nameservers say with what the plan expects: DNS names are
 * case-insensitive and a trailing dot only marks them absolute, so both are normalised away.
 */

/** Lower case, no trailing dot: the form every comparison uses. */
export function normalizeName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/** Whether `ancestor` is `name` itself or one of its parents ('example.com' of 'mx.example.com'). */
export function isSameOrParent(ancestor: string, name: string): boolean {
  const parent = normalizeName(ancestor);
  const child = normalizeName(name);
  return parent === '' || child === parent || child.endsWith(`.${parent}`);
}

/** The parents of a name, nearest first, down to (not including) the root: a.b.c -> [b.c, c]. */
export function parentNames(name: string): string[] {
  const labels = normalizeName(name).split('.');
  return labels.slice(1).map((_, index) => labels.slice(index + 1).join('.'));
}

/** A name relative to `origin` as registrars ask for it: '@' for the origin itself, else the labels in front. */
export function relativeName(name: string, origin: string): string {
  const full = normalizeName(name);
  const base = normalizeName(origin);
  if (full === base) return '@';
  return full.endsWith(`.${base}`) ? full.slice(0, -(base.length + 1)) : `${full}.`;
}

/** Host name syntax (letters, digits, hyphens; underscores for service labels like _dmarc), at most 253 characters. */
export function isValidDomainName(name: string): boolean {
  const normalized = normalizeName(name);
  if (normalized.length === 0 || normalized.length > 253) return false;
  return normalized.split('.').every((label) => /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/.test(label));
}
