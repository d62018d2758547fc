import type { StepContext } from '../../jobs/steps.js';
import { exec, execOrThrow } from '../../system/exec.js';

/**
 * Another apt or dpkg holding the lock (unattended-upgrades on a freshly booted VPS) is waited
 * for, up to two minutes, instead of failing the install at once.
 */
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=120'];
/**
 * dpkg's conffile question is not debconf, so DEBIAN_FRONTEND does not answer it: keep a config
 * file the user changed, take the package's where they did not. Never a prompt on a closed stdin.
 */
const NO_QUESTIONS = ['-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold'];

const UPDATE_TIMEOUT_MS = 7 * 60_000;
const INSTALL_TIMEOUT_MS = 20 * 60_000;
const QUERY_TIMEOUT_MS = 30_000;

/** Debian policy's package name rule; the names are ours, the check keeps a typo from becoming an option. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

function assertPackageNames(packages: string[]): void {
  if (packages.length === 0) throw new Error('apt-get install: no packages given');
  for (const name of packages) {
    if (!PACKAGE_NAME.test(name)) throw new Error(`apt-get install: "${name}" is not a package name`);
  }
}

export function aptUpdateArgs(): string[] {
  return [...LOCK_WAIT, '-q', 'update'];
}

export function aptInstallArgs(packages: string[]): string[] {
  assertPackageNames(packages);
  return [...LOCK_WAIT, ...NO_QUESTIONS, '-q', 'install', '-y', '--no-install-recommends', ...packages];
}

/** A span of the step's progress bar that one apt command fills. */
export interface ProgressSpan {
  from: number;
  to: number;
}

export async function aptUpdate(step: StepContext, span: ProgressSpan): Promise<void> {
  step.progress(span.from, 'apt-get update');
  await execOrThrow('apt-get', aptUpdateArgs(), {
    timeoutMs: UPDATE_TIMEOUT_MS,
    signal: step.signal,
    onLine: (line, stream) => step.log(line, stream),
  });
  step.progress(span.to, 'apt-get update done');
}

/**
 * apt-get install with its output in the step's log and the progress bar following dpkg: apt
 * announces "N newly installed", then each package is unpacked and set up once.
 */
export async function aptInstall(packages: string[], step: StepContext, span: ProgressSpan): Promise<void> {
  const args = aptInstallArgs(packages);
  const label = `apt-get install ${packages.join(' ')}`;
  step.progress(span.from, label);
  const tracker = new AptProgress();
  let lastPercent = span.from;
  await execOrThrow('apt-get', args, {
    timeoutMs: INSTALL_TIMEOUT_MS,
    signal: step.signal,
    onLine: (line, stream) => {
      step.log(line, stream);
      const fraction = tracker.see(line);
      const percent = Math.round(span.from + (span.to - span.from) * fraction);
      if (percent > lastPercent) {
        lastPercent = percent;
        step.progress(percent, label);
      }
    },
  });
  step.progress(span.to, `${label}: done`);
}

/** Counts apt's "Unpacking"/"Setting up" lines against its "N newly installed" announcement. */
export class AptProgress {
  private total = 0;
  private done = 0;

  /** Returns the fraction of the work seen so far, 0..1. */
  see(line: string): number {
    const announced = /(\d+) upgraded, (\d+) newly installed/.exec(line);
    if (announced) this.total = 2 * (Number(announced[1]) + Number(announced[2]));
    else if (/^(Unpacking|Setting up) /.test(line)) this.done++;
    return this.total === 0 ? 0 : Math.min(1, this.done / this.total);
  }
}

/** `dpkg-query -W -f '${Package}\t${Status}\n'` output to the names whose status ends in "installed". */
export function parseInstalledPackages(text: string): Set<string> {
  const installed = new Set<string>();
  for (const line of text.split('\n').slice(0, 10_000)) {
    const [name, status] = line.split('\t');
    // "install ok installed" and "hold ok installed" are installed; "deinstall ok config-files" is not.
    if (name && status?.trim().split(/\s+/)[2] === 'installed') installed.add(name.trim());
  }
  return installed;
}

/** Which of `packages` dpkg has installed. A missing dpkg-query (not Debian) means none. */
export async function installedPackages(packages: string[], signal: AbortSignal): Promise<Set<string>> {
  assertPackageNames(packages);
  // dpkg-query exits 1 when one of the names is unknown, and still prints the others.
  const result = await exec('dpkg-query', ['-W', '-f', '${Package}\t${Status}\n', ...packages], {
    timeoutMs: QUERY_TIMEOUT_MS,
    signal,
  });
  return parseInstalledPackages(result.stdout);
}

export async function missingPackages(packages: string[], signal: AbortSignal): Promise<string[]> {
  const installed = await installedPackages(packages, signal);
  return packages.filter((name) => !installed.has(name));
}

/** The "Candidate:" of `apt-cache policy <package>`: undefined when apt knows no installable version. */
export function parseAptCandidate(text: string): string | undefined {
  const candidate = /^\s*Candidate:\s*(\S+)/m.exec(text)?.[1];
  return candidate && candidate !== '(none)' ? candidate : undefined;
}

export async function aptCandidate(name: string, signal: AbortSignal): Promise<string | undefined> {
  assertPackageNames([name]);
  const result = await exec('apt-cache', ['policy', name], { timeoutMs: QUERY_TIMEOUT_MS, signal });
  return result.code === 0 ? parseAptCandidate(result.stdout) : undefined;
}
