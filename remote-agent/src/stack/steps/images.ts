import { exec } from '../../system/exec.js';
import { compose, requireCompose } from '../compose.js';
import { imageRefs, profileOf, readEnvValues } from '../image-refs.js';
import type { InstallStep } from '../install-step.js';

async function missingImages(envFile: string, signal?: AbortSignal): Promise<string[]> {
  const values = readEnvValues(envFile);
  const missing: string[] = [];
  for (const ref of imageRefs(values, profileOf(values))) {
    const inspected = await exec('docker', ['image', 'inspect', '--format', '{{.Id}}', ref], {
      timeoutMs: 15_000,
      signal,
    });
    if (inspected.code !== 0) missing.push(ref);
  }
  return missing;
}

/** Pulls the pinned images before anything starts, so a registry problem shows up on its own. */
export const imagesStep: InstallStep = {
  id: 'images',
  title: 'Download the mail server images',
  async plan(install) {
    const values = readEnvValues(install.paths.envFile);
    const refs = values.size ? await missingImages(install.paths.envFile) : [];
    return refs.length || !values.size
      ? [{ kind: 'container', target: 'images of the mail stack', action: 'install', note: refs.join(', ') }]
      : [{ kind: 'container', target: 'images of the mail stack', action: 'keep' }];
  },
  async check(install, step) {
    return (await missingImages(install.paths.envFile, step.signal)).length === 0;
  },
  async run(install, step) {
    const command = await requireCompose(step.signal);
    const missing = await missingImages(install.paths.envFile, step.signal);
    step.progress(0, `downloading ${missing.length} image(s)`);
    let lines = 0;
    await compose(command, install.paths.dir, ['pull'], {
      timeoutMs: 30 * 60_000,
      signal: step.signal,
      // Pull progress redraws one line per layer many times a second: keep the first of each kind.
      onLine: (line) => {
        if (/(Pulling|Pulled|Downloaded newer|Status|Digest|error|denied)/i.test(line) && lines++ < 500) step.log(line);
      },
    });
    const still = await missingImages(install.paths.envFile, step.signal);
    if (still.length) throw new Error(`images still missing after pull: ${still.join(', ')}`);
    step.progress(100, 'images downloaded');
  },
};
