import { CheckIcon } from '../icons';
import type { JobOutcome, LogLine, StepState } from './job-journal';

/** The job's overall progress, coloured by how it ended. */
export function JobBar({ labelledBy, percent, outcome }: { labelledBy: string; percent: number; outcome: JobOutcome }) {
  return (
    <div
      className="job__bar"
      role="progressbar"
      aria-labelledby={labelledBy}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-outcome={outcome}
    >
      <div className="job__bar-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

/** The mark in front of a step: done, failed or skipped. */
export function StepMarker({ state }: { state: StepState }) {
  return (
    <span className="job-step__marker" aria-hidden="true">
      {state === 'done' && <CheckIcon size={14} />}
      {state === 'failed' && '!'}
      {state === 'skipped' && '–'}
    </span>
  );
}

/** Log lines as the job wrote them, after a note for the ones dropped to keep the view bounded. */
export function LogLines({
  lines,
  droppedNote,
  label,
  preRef,
}: {
  lines: readonly LogLine[];
  droppedNote?: string | undefined;
  label?: string;
  preRef?: React.Ref<HTMLPreElement>;
}) {
  return (
    <pre ref={preRef} className="job__log-lines" tabIndex={0} aria-label={label}>
      {droppedNote && <span className="job__log-dropped">{droppedNote}</span>}
      {lines.map((line) => (
        <span key={line.offset} className="job__log-line" data-stream={line.stream}>
          {line.text.endsWith('\n') ? line.text : `${line.text}\n`}
        </span>
      ))}
    </pre>
  );
}
