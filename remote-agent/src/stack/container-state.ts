import { exec } from '../system/exec.js';

export interface ContainerState {
  container: string;
  /** created, running, restarting, exited, ... or 'missing'. */
  status: string;
  /** healthy, unhealthy, starting, or 'none' without a healthcheck. */
  health: string;
  /** Compose project directory, from the label compose puts on what it creates. */
  workingDir: string | undefined;
  restartCount: number;
}

interface InspectEntry {
  Name?: string;
  RestartCount?: number;
  State?: { Status?: string; Health?: { Status?: string } };
  Config?: { Labels?: Record<string, string> };
}

/** One `docker inspect` for every container at once; a missing one is reported as such. */
export async function containerStates(containers: string[], signal?: AbortSignal): Promise<ContainerState[]> {
  const result = await exec('docker', ['container', 'inspect', ...containers], { timeoutMs: 20_000, signal });
  let entries: InspectEntry[] = [];
  try {
    entries = JSON.parse(result.stdout || '[]') as InspectEntry[];
  } catch {
    entries = [];
  }
  const byName = new Map(entries.map((entry) => [(entry.Name ?? '').replace(/^\//, ''), entry]));
  return containers.map((container) => {
    const entry = byName.get(container);
    return {
      container,
      status: entry?.State?.Status ?? 'missing',
      health: entry?.State?.Health?.Status ?? (entry ? 'none' : 'missing'),
      workingDir: entry?.Config?.Labels?.['com.docker.compose.project.working_dir'],
      restartCount: entry?.RestartCount ?? 0,
    };
  });
}

/** The last lines a container wrote, for an error that names a failing service. */
export async function lastLogLines(container: string, lines: number): Promise<string> {
  const result = await exec('docker', ['logs', '--tail', String(lines), container], { timeoutMs: 15_000 });
  return `${result.stdout}${result.stderr}`.trim();
}
