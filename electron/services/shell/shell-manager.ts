import { randomBytes } from 'node:crypto';
import { AppError } from '../../../common/errors/app-error.js';
import type { EventChannel } from '../../rpc/event-channel.js';
import { openRootShell, type PtySize } from '../../ssh/shell-channel.js';
import type { SessionStatus } from '../../ssh/ssh-session.js';
import { LiveShell } from './live-shell.js';
import type { RootShellTargetOf } from './root-shell-target.js';

export interface ShellLimits {
  perServer: number;
  total: number;
}

const DEFAULT_LIMITS: ShellLimits = { perServer: 8, total: 32 };
/** How often shells of windows that went away are looked for and closed. */
const SWEEP_INTERVAL_MS = 10_000;

/**
 * The open shells, by id, each tied to its server and to the window that opened it. A shell ends
 * with its channel, its server's connection (dropped or disconnected), or its window; the number open
 * is bounded per server and in total.
 */
export class ShellManager {
  private readonly shells = new Map<string, LiveShell>();
  /** Shells being opened, per server: they count against the limits before they exist. */
  private readonly opening = new Map<string, number>();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly targetOf: RootShellTargetOf,
    private readonly limits: ShellLimits = DEFAULT_LIMITS,
  ) {}

  async open(serverId: string, size: PtySize, owner: EventChannel): Promise<string> {
    this.sweep();
    const onServer = [...this.shells.values()].filter((shell) => shell.serverId === serverId).length;
    const openingHere = this.opening.get(serverId) ?? 0;
    const openingAll = [...this.opening.values()].reduce((sum, count) => sum + count, 0);
    if (onServer + openingHere >= this.limits.perServer || this.shells.size + openingAll >= this.limits.total) {
      throw new AppError('shell.tooMany', {
        params: { perServer: this.limits.perServer, total: this.limits.total },
        detail: `at most ${this.limits.perServer} shells per server and ${this.limits.total} in all can be open`,
        retryable: true,
      });
    }
    this.opening.set(serverId, openingHere + 1);
    try {
      const { session, access } = await this.targetOf(serverId);
      const { channel, initialOutput } = await openRootShell(session, access, size);
      const id = `sh-${randomBytes(10).toString('hex')}`;
      // A dropped connection ends its shells: a reconnect is a new connection, with no PTY of ours on it.
      const onStatus = (status: SessionStatus) => {
        if (status !== 'connected') shell.close();
      };
      const shell = new LiveShell(id, serverId, owner, channel, () => {
        this.shells.delete(id);
        session.off('status', onStatus);
        if (this.shells.size === 0) this.stopSweeping();
      });
      session.on('status', onStatus);
      this.shells.set(id, shell);
      this.startSweeping();
      shell.start(initialOutput);
      return id;
    } finally {
      const left = (this.opening.get(serverId) ?? 1) - 1;
      if (left > 0) this.opening.set(serverId, left);
      else this.opening.delete(serverId);
    }
  }

  /** The open shell with this id, if the asking window is the one that opened it. */
  find(shellId: string, asker: EventChannel): LiveShell | undefined {
    const shell = this.shells.get(shellId);
    return shell && shell.owner === asker && !shell.isEnded ? shell : undefined;
  }

  get openCount(): number {
    return this.shells.size;
  }

  closeAll(): void {
    for (const shell of this.shells.values()) shell.close();
  }

  /** Closes the shells whose window has gone (closed, reloaded): nobody can type into them any more. */
  private sweep(): void {
    for (const shell of this.shells.values()) if (shell.owner.isClosed) shell.close();
  }

  private startSweeping(): void {
    if (this.sweepTimer) return;
    this.sweepTimer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
  }

  private stopSweeping(): void {
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }
}
