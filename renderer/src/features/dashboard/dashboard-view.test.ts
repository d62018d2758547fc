import { describe, expect, it } from 'vitest';
import type { ServiceStatus, StackStatus, StackSummary } from '../../../../common/dashboard/dashboard-contract';
import {
  applyWatchEvent,
  formatBytes,
  formatDuration,
  HeldText,
  interruptionOf,
  LogTranscript,
  renderEntries,
  stripAnsi,
  uptimeNow,
} from './dashboard-view';

function service(name: ServiceStatus['service'], overrides: Partial<ServiceStatus> = {}): ServiceStatus {
  return {
    service: name,
    container: name,
    expected: true,
    state: 'running',
    health: 'healthy',
    restartCount: 0,
    recentRestarts: 0,
    ports: [],
    ...overrides,
  };
}

const healthy: StackSummary = { id: 'allHealthy', params: { count: 2 }, issues: [] };
const status: StackStatus = {
  at: '2025-01-01T00:00:00.000Z',
  installed: true,
  engine: { version: '26', apiVersion: '1.45' },
  windowMinutes: 5,
  services: [service('imap', { uptimeSeconds: 60 }), service('smtp')],
  summary: healthy,
};
const words = {
  skipped: (count: number) => `${count} lines skipped`,
  attached: (name: string) => `${name} attached`,
  detached: (name: string, reason: string) => `${name} ${reason}`,
};

describe('folding stack.watch events', () => {
  it('starts from a snapshot, replaces changed services in place and takes the new summary', () => {
    const first = applyWatchEvent(undefined, { type: 'snapshot', status }, 1000)!;
    const problems: StackSummary = {
      id: 'problems',
      params: { count: 1, service: 'imap', issue: 'exited', exitCode: 0 },
      issues: [{ service: 'imap', issue: 'exited', params: { exitCode: 0 } }],
    };
    const next = applyWatchEvent(
      first,
      {
        type: 'services',
        at: '2025-01-01T00:00:05.000Z',
        services: [service('imap', { state: 'exited', exitCode: 0 })],
        summary: problems,
      },
      2000,
    )!;
    expect(next.status.services.map((entry) => [entry.service, entry.state])).toEqual([
      ['imap', 'exited'],
      ['smtp', 'running'],
    ]);
    expect(next.status.summary).toBe(problems);
    expect(next.receivedAt).toBe(2000);
  });

  it('ignores changes before the first snapshot and marks the engine lost and back', () => {
    expect(applyWatchEvent(undefined, { type: 'engine', state: 'lost', attempt: 1 }, 0)).toBeUndefined();
    const first = applyWatchEvent(undefined, { type: 'snapshot', status }, 0)!;
    expect(applyWatchEvent(first, { type: 'engine', state: 'lost', attempt: 1 }, 0)?.engineLost).toBe(true);
  });
});

describe('figures', () => {
  it('counts uptime on from when the status arrived, only while running', () => {
    expect(uptimeNow(service('imap', { uptimeSeconds: 60 }), 1000, 6500)).toBe(65);
    expect(uptimeNow(service('imap', { uptimeSeconds: 60, state: 'exited' }), 0, 0)).toBeUndefined();
  });
  it('words durations and sizes briefly', () => {
    expect(formatDuration(12)).toBe('12 s');
    expect(formatDuration(250)).toBe('4 min 10 s');
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 5)).toBe('3 d 4 h');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
  });
});

describe('what an action interrupts', () => {
  it('asks before stopping or restarting mail, never before a start', () => {
    expect(interruptionOf('start', 'smtp')).toBeUndefined();
    expect(interruptionOf('stop', 'smtp')).toBe('outgoing');
    expect(interruptionOf('stop', 'mx')).toBe('incoming');
    expect(interruptionOf('restart')).toBe('everything');
    expect(interruptionOf('stop', 'bree')).toBe('other');
  });
});

describe('log entries as terminal text', () => {
  it('keeps colours, ends lines with CRLF and a reset, prefixes services and timestamps when asked', () => {
    const { text, lines, skipped } = renderEntries(
      [
        { type: 'attached', service: 'imap' },
        {
          type: 'lines',
          service: 'imap',
          stream: 'stdout',
          lines: ['\x1b[31mred\x1b[0m', 'plain'],
          timestamps: ['2025-01-01T00:00:00.1Z', '2025-01-01T00:00:00.2Z'],
        },
        { type: 'skipped', count: 7 },
        { type: 'detached', service: 'imap', reason: 'stopped' },
      ],
      3,
      { prefix: true, timestamps: true, words },
    );
    expect(lines).toBe(2);
    expect(skipped).toBe(10);
    const plain = stripAnsi(text).split('\r\n');
    expect(plain).toEqual([
      ' 3 lines skipped ',
      '── imap attached ──',
      'imap     2025-01-01T00:00:00.1Z red',
      'imap     2025-01-01T00:00:00.2Z plain',
      ' 7 lines skipped ',
      '── imap stopped ──',
      '',
    ]);
    expect(text).toContain('\x1b[31mred');
  });

  it('leaves prefixes and timestamps out when not asked', () => {
    const { text } = renderEntries(
      [{ type: 'lines', service: 'mx', stream: 'stderr', lines: ['x'], timestamps: ['t'] }],
      0,
      { prefix: false, timestamps: false, words },
    );
    expect(stripAnsi(text)).toBe('x\r\n');
  });
});

describe('bounded holds', () => {
  it('drops the oldest held text past its limit and counts the lines', () => {
    const held = new HeldText(10);
    held.push('aaaa', 1);
    held.push('bbbb', 2);
    held.push('cccc', 3);
    expect(held.size).toBe(8);
    expect(held.take()).toEqual({ text: 'bbbbcccc', dropped: 1 });
    expect(held.size).toBe(0);
  });

  it('keeps the last lines of the transcript as plain text', () => {
    const transcript = new LogTranscript(2);
    transcript.add('\x1b[32mone\x1b[0m\r\ntwo\r\n');
    transcript.add('three\r\n');
    expect(transcript.text).toBe('two\nthree\n');
    transcript.clear();
    expect(transcript.text).toBe('');
  });
});
