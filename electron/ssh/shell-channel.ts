import { randomBytes } from 'node:crypto';
import type { ClientChannel, PseudoTtyOptions } from 'ssh2';
import { AppError } from '../../common/errors/app-error.js';
import type { SshSession } from './ssh-session.js';
import type { RootAccess } from './sudo.js';

export interface PtySize {
  cols: number;
  rows: number;
}

export interface RootShellChannel {
  /** Paused (no reader yet): whoever reads it resumes it once listening, so no output is lost. */
  channel: ClientChannel;
  /** Output that arrived while becoming root (e.g. sudo's lecture), without sudo's prompt. */
  initialOutput: Buffer;
}

const TERM = 'xterm-256color';
/** How long sudo may take to show its prompt, and to answer after the password. */
const PROMPT_TIMEOUT_MS = 20_000;
const ANSWER_TIMEOUT_MS = 30_000;
/** A wrong password makes sudo print its complaint and the prompt again within moments of each other. */
const ANSWER_SETTLE_MS = 300;
/** What is kept while waiting for the prompt; sudo's lecture is well under this. */
const MAX_PENDING_BYTES = 64 * 1024;

/**
 * Opens an interactive root shell on a PTY over the session's one connection. Root logs straight into
 * its shell; a sudo user gets `sudo -i` on the PTY. With a sudo password, sudo shows a prompt chosen
 * here (random, so no output can fake it); sudo turns echo off before it prints the prompt, so the
 * password is written only then and never comes back in the output.
 */
export async function openRootShell(session: SshSession, access: RootAccess, size: PtySize): Promise<RootShellChannel> {
  const pty: PseudoTtyOptions = { term: TERM, cols: size.cols, rows: size.rows, width: 0, height: 0 };
  switch (access.kind) {
    case 'root':
      return { channel: await openShell(session, pty), initialOutput: Buffer.alloc(0) };
    case 'sudo':
      // -n: if sudo starts wanting a password, say so and end instead of asking the keyboard for it.
      return { channel: await execOnPty(session, ['sudo', '-n', '-i'], pty), initialOutput: Buffer.alloc(0) };
    case 'sudoPassword': {
      if (/[\r\n]/.test(access.password)) throw new AppError('sudo.wrongPassword');
      const prompt = `[mailharbor-sudo-${randomBytes(8).toString('hex')}]`;
      // -k: always ask, so the password is always consumed by sudo and the flow is the same every time.
      const channel = await execOnPty(session, ['sudo', '-k', '-p', prompt, '-i'], pty);
      try {
        return { channel, initialOutput: await answerSudoPrompt(channel, prompt, access.password) };
      } catch (error) {
        channel.close();
        throw error;
      }
    }
  }
}

/**
 * Waits for sudo's prompt, writes the password, and checks that sudo did not ask again. Returns the
 * output seen so far with every copy of the prompt taken out.
 */
async function answerSudoPrompt(channel: ClientChannel, prompt: string, password: string): Promise<Buffer> {
  const watcher = new OutputWatcher(channel);
  try {
    const before = await watcher.until((text) => text.includes(prompt), PROMPT_TIMEOUT_MS);
    if (!before.includes(prompt)) {
      // sudo ended or refused before asking: what it said has no password in it.
      throw new AppError('sudo.notAllowed', { detail: cleanDetail(before) });
    }
    const consumed = before.length;
    channel.write(`${password}\n`);
    const after = await watcher.until(
      (text) => text.slice(consumed).includes(prompt) || /\S/.test(text.slice(consumed).split(prompt).join('')),
      ANSWER_TIMEOUT_MS,
    );
    const settled = after.slice(consumed).includes(prompt)
      ? after
      : await watcher.until((text) => text.slice(consumed).includes(prompt), ANSWER_SETTLE_MS);
    if (settled.slice(consumed).includes(prompt)) throw new AppError('sudo.wrongPassword', { retryable: true });
    return Buffer.from(settled.split(prompt).join(''), 'utf8');
  } finally {
    watcher.stop();
  }
}

/** Collects a channel's output (bounded) until a condition holds, the channel closes, or time runs out. */
class OutputWatcher {
  private text = '';
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly onData = (chunk: Buffer) => {
    if (this.text.length < MAX_PENDING_BYTES) this.text += chunk.toString('utf8');
    this.wake?.();
  };
  private readonly onClose = () => {
    this.closed = true;
    this.wake?.();
  };

  constructor(private readonly channel: ClientChannel) {
    channel.on('data', this.onData);
    channel.stderr.on('data', this.onData);
    channel.once('close', this.onClose);
  }

  /** Resolves with everything seen so far once `done` holds, or when no more can come in time. */
  async until(done: (text: string) => boolean, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.text) && !this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    return this.text;
  }

  /** Hands the channel's output over to its next reader, paused so nothing is lost until that one reads. */
  stop(): void {
    this.channel.pause();
    this.channel.off('data', this.onData);
    this.channel.stderr.off('data', this.onData);
    this.channel.off('close', this.onClose);
  }
}

function cleanDetail(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

function openShell(session: SshSession, pty: PseudoTtyOptions): Promise<ClientChannel> {
  return session.shell(pty);
}

function execOnPty(session: SshSession, argv: readonly string[], pty: PseudoTtyOptions): Promise<ClientChannel> {
  return session.execOnPty(argv, pty);
}
