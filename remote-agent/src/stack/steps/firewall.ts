import { AppError } from '../../../../common/errors/app-error.js';
import type { StepContext } from '../../jobs/steps.js';
import { REQUIRED_PORTS } from '../../preflight/ports.js';
import { exec, execOrThrow, tail } from '../../system/exec.js';
import type { InstallStep } from '../install-step.js';
import type { PlannedChange } from '../../../../common/stack/stack-contract.js';
import { findSshPorts } from '../system/ssh-ports.js';
import { missingPorts, parseUfwAdded, readUfwStatus, ufwAllowArgs } from '../system/ufw.js';

/**
 * ufw with the SSH port(s) and the mail stack's public ports open, everything else closed.
 *
 * Upstream's setup.sh also allows 27017 (MongoDB) and 6379 (Redis) from 127.0.0.1 only. No rule
 * is needed here: our compose file binds both to loopback, and ufw never filters loopback traffic.
 * Rules the user already has are left alone (upstream deletes a few dev ports; they are not ours).
 */
const MAIL_PORTS = REQUIRED_PORTS; // 25, 80, 443, 465, 993, 995

const UFW_TIMEOUT_MS = 60_000;

function firewallFailed(reason: string, detail: string): AppError {
  return new AppError('stack.firewallFailed', { params: { reason }, detail, retryable: true });
}

async function sshPortsOrFail(step: StepContext): Promise<number[]> {
  const found = await findSshPorts(step.signal);
  if (found.ports.length === 0) {
    throw firewallFailed(
      'sshPortUnknown',
      'the SSH port could not be found (sshd -T, the sockets sshd listens on, SSH_CONNECTION): ' +
        'enabling the firewall could lock you out, so it was left off',
    );
  }
  step.log(`SSH ports: ${found.ports.join(', ')} (${found.sources.join('; ')})`);
  return found.ports;
}

/**
 * ufw is iptables underneath. Where iptables is missing or not permitted (a container without
 * NET_ADMIN), `ufw enable` would fail half-way: find out before touching anything.
 */
async function requireWorkingIptables(step: StepContext): Promise<void> {
  const result = await exec('iptables', ['-S', 'INPUT'], { timeoutMs: 30_000, signal: step.signal });
  if (result.code === 0) return;
  if (result.code === 127) throw firewallFailed('iptablesMissing', 'iptables is not installed, so ufw cannot work');
  throw firewallFailed(
    'iptablesUnusable',
    `iptables does not work here (a container without the network admin capability?): ${tail(result.stderr.trim(), 2000)}`,
  );
}

export const firewallStep: InstallStep = {
  id: 'firewall',
  title: 'Firewall',

  async plan() {
    const signal = AbortSignal.timeout(60_000);
    const [status, ssh] = await Promise.all([readUfwStatus(signal), findSshPorts(signal)]);
    const missing = new Set(missingPorts(status, [...ssh.ports, ...MAIL_PORTS]));
    const rule = (port: number, note: string): PlannedChange => ({
      kind: 'firewall',
      target: `${port}/tcp`,
      action: missing.has(port) ? 'create' : 'keep',
      note,
    });
    const changes = [
      ...ssh.ports.map((port) => rule(port, 'SSH: opened first, so you are never locked out')),
      ...MAIL_PORTS.filter((port) => !ssh.ports.includes(port)).map((port) => rule(port, 'mail stack')),
    ];
    if (ssh.ports.length === 0) {
      changes.unshift({ kind: 'firewall', target: 'ssh', action: 'skip', note: 'SSH port not found: ufw stays off' });
    }
    changes.push({
      kind: 'firewall',
      target: 'ufw',
      action: status?.active ? 'keep' : 'start',
      note: 'incoming connections to other ports are refused',
    });
    return changes;
  },

  async check(_install, step) {
    const status = await readUfwStatus(step.signal);
    if (!status?.active) return false;
    const ssh = await findSshPorts(step.signal);
    return ssh.ports.length > 0 && missingPorts(status, [...ssh.ports, ...MAIL_PORTS]).length === 0;
  },

  async run(_install, step) {
    const version = await exec('ufw', ['version'], { timeoutMs: UFW_TIMEOUT_MS, signal: step.signal });
    if (version.code !== 0) throw firewallFailed('ufwMissing', 'ufw is not installed (the packages step installs it)');
    const sshPorts = await sshPortsOrFail(step);
    await requireWorkingIptables(step);
    const ufw = (args: string[]) => execOrThrow('ufw', args, { timeoutMs: UFW_TIMEOUT_MS, signal: step.signal });

    // SSH first, then the mail ports. While ufw is inactive `allow` only records the rule; when it
    // is already active the rule applies at once. Either way the SSH rule is in before anything
    // else changes, and `allow` of an existing rule is a no-op ("Skipping adding existing rule").
    const ports = [...new Set([...sshPorts, ...MAIL_PORTS])];
    for (const [index, port] of ports.entries()) {
      step.progress(Math.round((index / ports.length) * 70), `ufw allow ${port}/tcp`);
      const result = await ufw(ufwAllowArgs(port));
      step.log(`ufw allow ${port}/tcp: ${result.stdout.trim()}`);
    }

    const added = parseUfwAdded((await ufw(['show', 'added'])).stdout);
    const absent = sshPorts.filter((port) => !added.has(port));
    if (absent.length > 0) {
      throw firewallFailed('sshRuleMissing', `ufw does not list the SSH rule for ${absent.join(', ')}: not enabling`);
    }

    const before = await readUfwStatus(step.signal);
    if (!before?.active) {
      step.progress(80, 'ufw --force enable');
      const enabled = await exec('ufw', ['--force', 'enable'], { timeoutMs: UFW_TIMEOUT_MS, signal: step.signal });
      if (enabled.code !== 0) {
        // Never half-enabled: whatever ufw managed to load is unloaded again.
        await exec('ufw', ['disable'], { timeoutMs: UFW_TIMEOUT_MS, signal: step.signal });
        throw firewallFailed(
          'enableFailed',
          `ufw --force enable failed, the firewall was switched off again: ${tail((enabled.stderr || enabled.stdout).trim(), 2000)}`,
        );
      }
      step.log(enabled.stdout.trim());
    }

    const after = await readUfwStatus(step.signal);
    const notOpen = missingPorts(after, ports);
    if (!after?.active || notOpen.length > 0) {
      throw firewallFailed(
        'verifyFailed',
        after?.active ? `ufw is active but does not allow ${notOpen.join(', ')}` : 'ufw is not active after enable',
      );
    }
    step.progress(100, `ufw active: ${ports.map((port) => `${port}/tcp`).join(', ')} allowed`);
  },
};
