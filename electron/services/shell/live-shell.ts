import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import type { EventChannel } from '../../rpc/event-channel.js';

/** How long one input write may wait for the SSH channel to take more. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * One open shell: its PTY channel's output goes to the window that opened it as shell.output events.
 * The channel is paused while an event waits for the window's acknowledgements, so a flood of output
 * (`cat` of a big file) is held back on the server by SSH's flow control instead of piling up here.
 */
export class LiveShell {
  private readonly decoder = new StringDecoder('utf8');
  private queue: Promise<void> = Promise.resolve();
  private waitingEvents = 0;
  private exitCode: number | undefined;
  private ended = false;

  constructor(
    readonly id: string,
    readonly serverId: string,
    readonly owner: EventChannel,
    private readonly channel: ClientChannel,
    private readonly onEnd: (shell: LiveShell) => void,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  /** Sends the output seen while becoming root, then follows the channel. */
  start(initialOutput: Buffer): void {
    if (initialOutput.length > 0) this.receive(initialOutput);
    const receive = (chunk: Buffer) => this.receive(chunk);
    this.channel.on('data', receive);
    this.channel.stderr.on('data', receive);
    this.channel.on('exit', (code: unknown) => {
      if (typeof code === 'number') this.exitCode = code;
    });
    this.channel.once('close', () => this.finish());
    this.channel.resume();
    this.channel.stderr.resume();
  }

  /** Writes keystrokes; waits (bounded) while the channel's send buffer is full, which paces big pastes. */
  async write(data: string): Promise<void> {
    if (this.ended || this.channel.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.channel.off('drain', done);
        this.channel.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, DRAIN_TIMEOUT_MS);
      this.channel.once('drain', done);
      this.channel.once('close', done);
    });
  }

  resize(cols: number, rows: number): void {
    if (!this.ended) this.channel.setWindow(rows, cols, 0, 0);
  }

  close(): void {
    if (!this.ended) this.channel.close();
  }

  private receive(chunk: Buffer): void {
    // Decoded across chunks, so a character split between two packets arrives whole.
    const text = this.decoder.write(chunk);
    if (text) this.send(text);
  }

  private send(data: string): void {
    this.channel.pause();
    this.waitingEvents++;
    this.queue = this.queue
      .then(() => this.owner.emit('shell.output', { shellId: this.id, data }))
      .then(
        () => {
          if (--this.waitingEvents === 0 && !this.ended) this.channel.resume();
        },
        () => {
          // The window is gone: nobody reads this shell any more.
          this.waitingEvents--;
          this.close();
        },
      );
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    const rest = this.decoder.end();
    if (rest) this.send(rest);
    const code = this.exitCode;
    this.onEnd(this);
    // After the last output, so the window sees everything the shell printed before it ended.
    this.queue = this.queue
      .then(() =>
        this.owner.isClosed
          ? undefined
          : this.owner.emit('shell.exit', { shellId: this.id, ...(code === undefined ? {} : { code }) }),
      )
      .catch(() => undefined);
  }
}
