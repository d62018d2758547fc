import { describe, expect, it } from 'vitest';
import { applyJobEvent, EMPTY_JOB_VIEW, LOG_LINE_LIMIT, overallPercent, type JobView } from './job-journal';

const ts = '2026-11-25T03:00:00.000Z';

function replay(events: Record<string, unknown>[], from: JobView = EMPTY_JOB_VIEW): JobView {
  return events.reduce<JobView>(
    (view, event) => applyJobEvent(view, { ts, ...event } as unknown as { offset: number; type: string }),
    from,
  );
}

const started = {
  offset: 0,
  type: 'job.started',
  jobId: 'j-abcdefgh-1234',
  kind: 'diagnostics.steps',
  pid: 42,
  attempt: 1,
  steps: [
    { step: 'step-1', title: 'One' },
    { step: 'step-2', title: 'Two' },
  ],
};

describe('job journal view', () => {
  it('follows the steps from plan to finish', () => {
    const running = replay([
      started,
      { offset: 1, type: 'step.started', step: 'step-1', index: 0, title: 'One' },
      { offset: 2, type: 'progress', step: 'step-1', index: 0, percent: 50, message: 'halfway' },
    ]);
    expect(running.steps.map((step) => step.state)).toEqual(['running', 'pending']);
    expect(running.steps[0]!.message).toBe('halfway');
    expect(overallPercent(running)).toBe(25);

    const done = replay(
      [
        { offset: 3, type: 'step.done', step: 'step-1', index: 0 },
        { offset: 4, type: 'step.skipped', step: 'step-2', index: 1, reason: 'already done' },
        { offset: 5, type: 'finished', status: 'succeeded' },
      ],
      running,
    );
    expect(done.steps.map((step) => step.state)).toEqual(['done', 'skipped']);
    expect(done.final).toEqual({ status: 'succeeded', error: undefined });
    expect(overallPercent(done)).toBe(100);
    expect(done.lastOffset).toBe(5);
  });

  it('ignores lines it already has, so following again after a drop shows nothing twice', () => {
    const first = replay([started, { offset: 1, type: 'log', stream: 'stdout', text: 'hello' }]);
    const again = replay([{ offset: 1, type: 'log', stream: 'stdout', text: 'hello' }], first);
    expect(again).toBe(first);
    expect(again.log).toHaveLength(1);
  });

  it('keeps a failed step’s error and the final error', () => {
    const error = { code: 'diagnostics.failedOnPurpose', params: { step: 1 }, retryable: true };
    const view = replay([
      started,
      { offset: 1, type: 'step.started', step: 'step-1', index: 0, title: 'One' },
      { offset: 2, type: 'step.failed', step: 'step-1', index: 0, reason: error },
      { offset: 3, type: 'finished', status: 'failed', error },
    ]);
    expect(view.steps[0]).toMatchObject({ state: 'failed', error });
    expect(view.final?.error).toEqual(error);
  });

  it('bounds the live log to the newest lines and counts what it dropped', () => {
    const lines = Array.from({ length: LOG_LINE_LIMIT + 25 }, (_, index) => ({
      offset: index,
      type: 'log',
      stream: 'stdout',
      text: `line ${index}`,
    }));
    const view = replay(lines);
    expect(view.log).toHaveLength(LOG_LINE_LIMIT);
    expect(view.droppedLines).toBe(25);
    expect(view.log[0]!.text).toBe('line 25');
  });

  it('moves past lines of a type it does not know', () => {
    const view = replay([{ offset: 0, type: 'something.new' }]);
    expect(view.lastOffset).toBe(0);
    expect(view.steps).toEqual([]);
  });

  it('shows what a step waits for until that step moves on', () => {
    const records = [
      { name: '_acme-challenge.example.com', value: 'one' },
      { name: '_acme-challenge.example.com', value: 'two' },
    ];
    const waiting = replay([
      started,
      { offset: 1, type: 'step.started', step: 'step-1', index: 0, title: 'One' },
      { offset: 2, type: 'step.waiting', step: 'step-1', index: 0, waitingFor: { kind: 'dnsChallenge', records } },
      { offset: 3, type: 'progress', step: 'step-1', index: 0, percent: 60, message: 'checking the records' },
    ]);
    expect(waiting.waiting).toEqual({ offset: 2, step: 'step-1', records });
    expect(waiting.steps[0]!.state).toBe('running');

    const moved = replay([{ offset: 4, type: 'step.done', step: 'step-1', index: 0 }], waiting);
    expect(moved.waiting).toBeUndefined();
    const failed = replay(
      [{ offset: 4, type: 'finished', status: 'failed', error: { code: 'x', params: {}, retryable: true } }],
      waiting,
    );
    expect(failed.waiting).toBeUndefined();
  });

  it('keeps which step logged each line, bounds each step on its own and counts what it dropped', () => {
    const lines = Array.from({ length: LOG_LINE_LIMIT + 3 }, (_, index) => ({
      offset: index,
      type: 'log',
      step: index < 2 ? 'step-1' : 'step-2',
      stream: 'stdout',
      text: `line ${index}`,
    }));
    const view = replay(lines);
    // The chatty second step drops its own oldest line; the first step's lines stay.
    expect(view.log.slice(0, 3).map((line) => [line.step, line.text])).toEqual([
      ['step-1', 'line 0'],
      ['step-1', 'line 1'],
      ['step-2', 'line 3'],
    ]);
    expect(view.log).toHaveLength(LOG_LINE_LIMIT + 2);
    expect(view.droppedByStep).toEqual({ 'step-2': 1 });
    expect(view.droppedLines).toBe(1);
  });
});
