import type {
  LogEntry,
  ServiceName,
  ServiceStatus,
  StackStatus,
  StackWatchEvent,
} from '../../../../common/dashboard/dashboard-contract';

/** The status as the page holds it: the last snapshot with every later change folded in. */
export interface LiveStatus {
  status: StackStatus;
  /** When the status arrived here: uptimes grow from it. */
  receivedAt: number;
  /** The agent lost the Docker engine and has not got it back yet. */
  engineLost: boolean;
}

/** Folds one stack.watch event into what the page shows; the order of services stays the snapshot's. */
export function applyWatchEvent(
  current: LiveStatus | undefined,
  event: StackWatchEvent['event'],
  now: number,
): LiveStatus | undefined {
  if (event.type === 'snapshot') return { status: event.status, receivedAt: now, engineLost: false };
  if (!current) return current;
  if (event.type === 'engine') return { ...current, engineLost: event.state === 'lost' };
  const changed = new Map(event.services.map((service) => [service.service, service]));
  const services = current.status.services.map((service) => changed.get(service.service) ?? service);
  for (const service of event.services) {
    if (!services.some((known) => known.service === service.service)) services.push(service);
  }
  return {
    status: { ...current.status, at: event.at, services, summary: event.summary },
    receivedAt: now,
    engineLost: current.engineLost,
  };
}

/** Seconds since the service started, counting on from when the status arrived. */
export function uptimeNow(service: ServiceStatus, receivedAt: number, now: number): number | undefined {
  if (service.uptimeSeconds === undefined || service.state !== 'running') return undefined;
  return service.uptimeSeconds + Math.max(0, Math.floor((now - receivedAt) / 1000));
}

/** 3 d 4 h, 2 h 5 min, 4 min 10 s, 12 s: the two largest units. */
export function formatDuration(seconds: number): string {
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(seconds));
  for (const [unit, size] of units) {
    const value = Math.floor(rest / size);
    rest -= value * size;
    if (value > 0 || (parts.length === 0 && unit === 's')) parts.push(`${value} ${unit}`);
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function formatImage(service: ServiceStatus): string | undefined {
  if (!service.image) return undefined;
  return service.imageTag ? `${service.image}:${service.imageTag}` : service.image;
}

/** What stopping or restarting interrupts, for the confirmation; undefined when nothing mail-related stops. */
export type Interruption =
  'outgoing' | 'incoming' | 'mailboxes' | 'webmail' | 'pop3' | 'everything' | 'database' | 'other';

const INTERRUPTS: Partial<Record<ServiceName, Interruption>> = {
  smtp: 'outgoing',
  mx: 'incoming',
  imap: 'mailboxes',
  pop3: 'pop3',
  web: 'webmail',
  nginx: 'everything',
  mongodb: 'database',
  redis: 'database',
  sqlite: 'mailboxes',
};

/** Whether an action needs the person to confirm it first, and what words explain why. */
export function interruptionOf(action: 'start' | 'stop' | 'restart', service?: ServiceName): Interruption | undefined {
  if (action === 'start') return undefined;
  if (!service) return 'everything';
  return INTERRUPTS[service] ?? 'other';
}

// ---- Logs --------------------------------------------------------------------------------------

const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const YELLOW_ON_DARK = '\x1b[30;43m';
/** A fixed colour per service so interleaved lines can be told apart. */
const SERVICE_COLOURS = [36, 32, 35, 34, 33, 96, 92, 95, 94, 93, 91, 37];

export function serviceColour(service: string): number {
  let hash = 0;
  for (const char of service) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return SERVICE_COLOURS[hash % SERVICE_COLOURS.length]!;
}

export interface LogWords {
  skipped: (count: number) => string;
  attached: (service: string) => string;
  detached: (service: string, reason: string) => string;
}

export interface LogRenderOptions {
  /** Prefix each line with its service (when several are followed). */
  prefix: boolean;
  timestamps: boolean;
  words: LogWords;
}

/**
 * The text xterm gets for a batch of entries: each line with CRLF (xterm needs the CR), the
 * service's own colours kept (a reset after each line so one line's colour cannot leak into the
 * next), and a highlighted marker wherever lines were skipped. Returns the lines it counted.
 */
export function renderEntries(
  entries: readonly LogEntry[],
  skippedBefore: number,
  options: LogRenderOptions,
): { text: string; lines: number; skipped: number } {
  let text = '';
  let lines = 0;
  let skipped = 0;
  const marker = (count: number) => {
    skipped += count;
    text += `${YELLOW_ON_DARK} ${options.words.skipped(count)} ${RESET}\r\n`;
  };
  if (skippedBefore > 0) marker(skippedBefore);
  for (const entry of entries) {
    if (entry.type === 'skipped') marker(entry.count);
    else if (entry.type === 'attached') text += `${DIM}── ${options.words.attached(entry.service)} ──${RESET}\r\n`;
    else if (entry.type === 'detached') {
      text += `${DIM}── ${options.words.detached(entry.service, entry.reason)} ──${RESET}\r\n`;
    } else {
      const prefix = options.prefix ? `\x1b[${serviceColour(entry.service)}m${entry.service.padEnd(8)}${RESET} ` : '';
      entry.lines.forEach((line, index) => {
        const stamp =
          options.timestamps && entry.timestamps?.[index] ? `${DIM}${entry.timestamps[index]}${RESET} ` : '';
        text += `${prefix}${stamp}${line}${RESET}\r\n`;
      });
      lines += entry.lines.length;
    }
  }
  return { text, lines, skipped };
}

/** Colour codes and other escape sequences taken out, for copying and downloading as plain text. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*(\x07|\x1b\\)/g, '');
}

/**
 * Lines kept while the view is paused (or xterm is still busy with earlier ones), bounded: past
 * `maxChars` the oldest are dropped and counted, so a long pause costs no more than that.
 */
export class HeldText {
  private chunks: Array<{ text: string; lines: number }> = [];
  private chars = 0;
  dropped = 0;

  constructor(private readonly maxChars: number) {}

  push(text: string, lines: number): void {
    this.chunks.push({ text, lines });
    this.chars += text.length;
    while (this.chars > this.maxChars && this.chunks.length > 1) {
      const oldest = this.chunks.shift()!;
      this.chars -= oldest.text.length;
      this.dropped += oldest.lines;
    }
  }

  get size(): number {
    return this.chars;
  }

  /** Everything held, and the lines dropped meanwhile; empties it. */
  take(): { text: string; dropped: number } {
    const text = this.chunks.map((chunk) => chunk.text).join('');
    const dropped = this.dropped;
    this.chunks = [];
    this.chars = 0;
    this.dropped = 0;
    return { text, dropped };
  }
}

/**
 * The plain-text record of what the pane showed, for copy and download: bounded to the last
 * `maxLines` lines like xterm's own scrollback.
 */
export class LogTranscript {
  private lines: string[] = [];

  constructor(private readonly maxLines: number) {}

  add(text: string): void {
    for (const line of stripAnsi(text).split('\r\n')) if (line !== '') this.lines.push(line);
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  clear(): void {
    this.lines = [];
  }

  get text(): string {
    return this.lines.length > 0 ? `${this.lines.join('\n')}\n` : '';
  }
}
