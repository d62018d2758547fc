import { randomUUID } from 'node:crypto';

const PROMPT_TIMEOUT_MS = 10 * 60 * 1000;

interface Pending<Q> {
  question: Q;
  resolve: (answer: unknown) => void;
  timer: NodeJS.Timeout;
}

/**
 * Questions main must ask the person (trust this host key? what is the one-time code?) while a
 * connection waits. The question goes out as an event and stays listed until it is answered, so a
 * window that opens or reconnects meanwhile can still show it; any window may answer; an
 * unanswered question counts as "no" after ten minutes so nothing waits forever.
 */
export class PromptBroker<Q extends { promptId: string }> {
  private readonly pending = new Map<string, Pending<Q>>();

  ask<T>(build: (promptId: string) => Q, send: (question: Q) => void, fallback: T): Promise<T> {
    const question = build(randomUUID());
    return new Promise<T>((resolve) => {
      const timer = setTimeout(() => this.answer(question.promptId, fallback), PROMPT_TIMEOUT_MS);
      this.pending.set(question.promptId, { question, resolve: resolve as (answer: unknown) => void, timer });
      send(question);
    });
  }

  /** False when the prompt is unknown or already answered. */
  answer(promptId: string, value: unknown): boolean {
    const waiting = this.pending.get(promptId);
    if (!waiting) return false;
    this.pending.delete(promptId);
    clearTimeout(waiting.timer);
    waiting.resolve(value);
    return true;
  }

  /** The questions still waiting for an answer, oldest first. */
  open(): Q[] {
    return [...this.pending.values()].map((waiting) => waiting.question);
  }
}
