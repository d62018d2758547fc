import { watch, type FSWatcher } from 'node:fs';

/**
 * Wakes a tailer when something in a directory changes: fs.watch (inotify) for promptness, and
 * a bounded poll as the fallback for file systems or limits where watching misses events or
 * fails. A change that arrives between two waits is remembered, so none is lost, and a wait
 * never spins: it returns on a change, at the poll interval, or on abort.
 */
export class ChangeWaker {
  private watcher: FSWatcher | undefined;
  private dirty = false;
  private wake: (() => void) | undefined;

  constructor(
    directory: string,
    private readonly pollMs = { watching: 1_000, polling: 200 },
  ) {
    try {
      this.watcher = watch(directory, { persistent: false }, () => this.signal());
      this.watcher.on('error', () => this.stopWatching());
    } catch {
      this.watcher = undefined;
    }
  }

  get isWatching(): boolean {
    return this.watcher !== undefined;
  }

  wait(signal: AbortSignal): Promise<void> {
    if (this.dirty || signal.aborted) {
      this.dirty = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        this.dirty = false;
        resolve();
      };
      const timer = setTimeout(done, this.watcher ? this.pollMs.watching : this.pollMs.polling);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  close(): void {
    this.stopWatching();
    this.wake?.();
  }

  private signal(): void {
    this.dirty = true;
    this.wake?.();
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
