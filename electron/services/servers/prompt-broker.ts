import { randomUUID } from 'node:crypto';

const PROMPT_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Questions main must ask the person (trust this host key? what is the one-time code?) while a
 * connection waits. The question goes out as an event; any window may answer; an unanswered
 * question counts as "no" after ten minutes so nothing waits forever.
 */
export class PromptBroker {
  private readonly pending = new Map<string, { resolve: (answer: unknown) => void; timer: NodeJS.Timeout }>();

  ask<T>(send: (promptId: string) => void, fallback: T): Promise<T> {
    const promptId = randomUUID();
    return new Promise<T>((resolve) => {
      const timer = setTimeout(() => this.answer(promptId, fallback), PROMPT_TIMEOUT_MS);
      this.pending.set(promptId, { resolve: resolve as (answer: unknown) => void, timer });
      send(promptId);
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
}
