import { finding, type PreflightCheck } from './check.js';
import { runCommand } from './run-command.js';

/** "Docker version 27.3.1, build ..." -> "27.3.1"; also "Docker Compose version v2.29.7". */
function versionIn(text: string): string | null {
  return /version\s+v?(\d+\.\d+(?:\.\d+)?[^\s,]*)/i.exec(text)?.[1] ?? null;
}

export const dockerCheck: PreflightCheck = {
  id: 'docker',
  async run({ signal }) {
    const options = { timeoutMs: 10_000, signal };
    const [engine, composeV2, composeV1] = await Promise.all([
      runCommand('docker', ['--version'], options),
      runCommand('docker', ['compose', 'version'], options),
      runCommand('docker-compose', ['--version'], options),
    ]);
    const dockerVersion = engine.ok ? (versionIn(engine.stdout) ?? 'unknown') : 'none';
    const composeVersion = composeV2.ok
      ? (versionIn(composeV2.stdout) ?? 'unknown')
      : composeV1.ok
        ? `${versionIn(composeV1.stdout) ?? 'unknown'} (docker-compose v1)`
        : 'none';
    const detail = [engine, composeV2, composeV1]
      .map((outcome) => (outcome.ok ? outcome.stdout.trim() : outcome.message))
      .join('; ');
    // Information only: the installer puts Docker on when it is missing.
    return finding('docker', 'ok', { dockerVersion, composeVersion }, detail);
  },
};
