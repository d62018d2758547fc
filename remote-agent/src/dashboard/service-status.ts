import type { StackService } from '../../../common/stack/services.js';
import type {
  ContainerStateName,
  HealthName,
  ServicePort,
  ServiceStatus,
} from '../../../common/dashboard/dashboard-contract.js';
import { ContainerStateSchema, HealthSchema } from '../../../common/dashboard/dashboard-contract.js';
import type { ResourceUse } from './container-stats.js';
import type { ContainerInspect } from '../docker/docker-engine.js';
import { servicePorts } from './service-ports.js';

/** Repository and tag of an image reference; a digest (@sha256:...) is not a tag. */
export function splitImage(reference: string): { image: string; tag?: string } {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const colon = withoutDigest.lastIndexOf(':');
  // A colon before the last "/" belongs to a registry's port (172.29.53.1:5000/redis).
  if (colon < 0 || colon < withoutDigest.lastIndexOf('/')) return { image: withoutDigest };
  return { image: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
}

/** The engine writes 0001-01-01T00:00:00Z for "never"; undefined then. */
function engineTime(value: string | undefined): string | undefined {
  if (!value || value.startsWith('0001-')) return undefined;
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}

function stateOf(inspect: ContainerInspect | undefined): ContainerStateName {
  if (!inspect) return 'missing';
  const parsed = ContainerStateSchema.safeParse(inspect.State?.Status);
  return parsed.success ? parsed.data : 'dead';
}

/** Docker keeps the last probe's verdict on a stopped container; it only means something while it runs. */
function healthOf(inspect: ContainerInspect | undefined): HealthName {
  if (inspect?.State?.Status !== 'running') return 'none';
  const parsed = HealthSchema.safeParse(inspect?.State?.Health?.Status);
  return parsed.success ? parsed.data : 'none';
}

export interface StatusInputs {
  entry: StackService;
  inspect: ContainerInspect | undefined;
  expected: boolean;
  recentRestarts: number;
  /** Where it listens (from the install's .env); the defaults when not given. */
  ports?: ServicePort[];
  resources?: ResourceUse;
  lastLines?: string[];
  nowMs: number;
}

const DEFAULT_PORTS = servicePorts();

/** One service's row of the dashboard from what the engine said about its container. */
export function serviceStatus(inputs: StatusInputs): ServiceStatus {
  const { entry, inspect } = inputs;
  const state = stateOf(inspect);
  const status: ServiceStatus = {
    service: entry.service,
    container: entry.container,
    expected: inputs.expected,
    state,
    health: healthOf(inspect),
    restartCount: inspect?.RestartCount ?? 0,
    recentRestarts: inputs.recentRestarts,
    ports: inputs.ports ?? DEFAULT_PORTS[entry.service],
  };
  if (!inspect) return status;
  const startedAt = engineTime(inspect.State?.StartedAt);
  const finishedAt = engineTime(inspect.State?.FinishedAt);
  if (startedAt) status.startedAt = startedAt;
  if (finishedAt) status.finishedAt = finishedAt;
  if (startedAt && state === 'running') {
    status.uptimeSeconds = Math.max(0, Math.floor((inputs.nowMs - Date.parse(startedAt)) / 1000));
  }
  if (inspect.Config?.Image) {
    const { image, tag } = splitImage(inspect.Config.Image);
    status.image = image;
    if (tag) status.imageTag = tag;
  }
  if (state === 'running' && inputs.resources) {
    const { cpuPercent, memoryBytes, memoryLimitBytes } = inputs.resources;
    if (cpuPercent !== undefined) status.cpuPercent = cpuPercent;
    if (memoryBytes !== undefined) status.memoryBytes = memoryBytes;
    if (memoryLimitBytes !== undefined) status.memoryLimitBytes = memoryLimitBytes;
  }
  if (state !== 'running') {
    if (inspect.State?.ExitCode !== undefined) status.exitCode = inspect.State.ExitCode;
    if (inspect.State?.OOMKilled) status.oomKilled = true;
  }
  // Asked for by the caller when the service does not run, restarts or is unhealthy.
  if (inputs.lastLines) status.lastLines = inputs.lastLines;
  if (inspect.State?.Error) status.error = inspect.State.Error.slice(0, 4096);
  return status;
}
