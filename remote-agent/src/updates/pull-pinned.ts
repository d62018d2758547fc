import { AppError } from '../../../common/errors/app-error.js';
import { PINNED_IMAGES, type ReleasePins } from '../../../common/updates/release-feed.js';
import type { StepContext } from '../jobs/steps.js';
import { exec } from '../system/exec.js';

const PULL_TIMEOUT_MS = 30 * 60_000;
/** Pull progress redraws a line per layer many times a second: the journal keeps a few hundred. */
const MAX_LOGGED_LINES = 400;

/** `<repository>:<tag>@<digest>`: docker resolves the digest and verifies every byte against it. */
export function pinnedRef(base: string, pin: { tag: string; digest: string }): string {
  return `${base}:${pin.tag}@${pin.digest}`;
}

/**
 * Pulls every image of the release by digest, then checks that what the engine holds under the
 * repository carries exactly that digest. A registry that serves something else for the digest
 * cannot get it past docker's own verification; the check after the pull makes the refusal ours
 * and names the image, before anything runs it.
 */
export async function pullPinned(
  bases: Record<(typeof PINNED_IMAGES)[number], string>,
  pins: ReleasePins,
  context: StepContext,
): Promise<void> {
  let logged = 0;
  for (const [index, image] of PINNED_IMAGES.entries()) {
    const ref = pinnedRef(bases[image], pins[image]);
    context.progress(Math.round((index / PINNED_IMAGES.length) * 100), `downloading ${image} ${pins[image].tag}`);
    if (!(await holdsDigest(bases[image], pins[image].digest, context.signal))) {
      const pulled = await exec('docker', ['pull', ref], {
        timeoutMs: PULL_TIMEOUT_MS,
        signal: context.signal,
        onLine: (line) => {
          if (
            /(Pulling|Pull complete|Downloaded|Status|Digest|error|denied)/i.test(line) &&
            logged++ < MAX_LOGGED_LINES
          )
            context.log(line);
        },
      });
      if (pulled.code !== 0) {
        throw new AppError('updates.pullFailed', {
          params: { image },
          detail: `docker pull ${ref}: ${pulled.stderr.trim().slice(-2_000) || `exit ${pulled.code}`}`,
          retryable: true,
        });
      }
    }
    if (!(await holdsDigest(bases[image], pins[image].digest, context.signal))) {
      throw new AppError('updates.digestMismatch', {
        params: { image },
        detail: `after pulling ${ref} the engine has no image with digest ${pins[image].digest}`,
      });
    }
    context.log(`${image}: ${pins[image].tag} verified (${pins[image].digest})`);
  }
  context.progress(100, 'every image downloaded and verified');
}

/** Whether the engine has an image of this repository whose registry digest is this one. */
export async function holdsDigest(base: string, digest: string, signal: AbortSignal): Promise<boolean> {
  const inspected = await exec(
    'docker',
    ['image', 'inspect', '--format', '{{json .RepoDigests}}', `${base}@${digest}`],
    {
      timeoutMs: 15_000,
      signal,
    },
  );
  if (inspected.code !== 0) return false;
  let digests: unknown;
  try {
    digests = JSON.parse(inspected.stdout);
  } catch {
    return false;
  }
  return Array.isArray(digests) && digests.includes(`${base}@${digest}`);
}
