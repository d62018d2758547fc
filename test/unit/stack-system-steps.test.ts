import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StepContext } from '../../remote-agent/src/jobs/steps.js';
import type { InstallContext } from '../../remote-agent/src/stack/install-step.js';
import { StackInstallParamsSchema, type StackOptionsInput } from '../../common/stack/stack-contract.js';
import { stackPaths } from '../../remote-agent/src/stack/stack-paths.js';
import { packagesFor } from '../../remote-agent/src/stack/steps/packages.js';
import { resolverFiles, resolverStep } from '../../remote-agent/src/stack/steps/resolver.js';
import {
  AptProgress,
  aptInstallArgs,
  aptUpdateArgs,
  parseAptCandidate,
  parseInstalledPackages,
} from '../../remote-agent/src/stack/system/apt.js';
import { distributionComposePackage } from '../../remote-agent/src/stack/system/docker-install.js';
import {
  dockerRepositoryUrl,
  dockerSourceFile,
  fetchDockerKey,
  isOurSourceFile,
  snapshot,
  undoDockerSource,
} from '../../remote-agent/src/stack/system/docker-repo.js';
import { dockerRepoTarget, parseOsInfo } from '../../remote-agent/src/stack/system/os-info.js';
import {
  parseNameservers,
  renderResolvConf,
  renderResolvedDropIn,
} from '../../remote-agent/src/stack/system/resolv-conf.js';
import { parseSshdConfigPorts, sshConnectionServerPort } from '../../remote-agent/src/stack/system/ssh-ports.js';
import {
  missingPorts,
  parseUfwAdded,
  parseUfwStatus,
  tcpPortsOfRule,
  ufwAllowArgs,
} from '../../remote-agent/src/stack/system/ufw.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mh-system-steps-'));
  dirs.push(dir);
  return dir;
}
const servers: Server[] = [];
afterAll(async () => {
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const ENVIRONMENT = {
  acme: { directoryUrl: 'https://acme.example.test/directory' },
  releaseFeedUrl: 'https://feed.example.test/latest',
  imageRegistry: 'ghcr.io',
  dockerHubMirror: 'docker.io/library',
  dockerAptRepository: 'https://download.docker.com/linux',
};

function installContext(options: Partial<StackOptionsInput>, root?: string): InstallContext {
  const params = StackInstallParamsSchema.parse({
    options: {
      domain: 'example.com',
      email: 'me@example.com',
      profile: 'full',
      certificates: { method: 'http' },
      ...options,
    },
    environment: ENVIRONMENT,
  });
  return { ...params, paths: stackPaths(root ? { MAILHARBOR_SYSTEM_ROOT: root } : {}) };
}

function fakeStep(): StepContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    jobId: 'unit',
    attempt: 1,
    workDir: tempDir(),
    signal: new AbortController().signal,
    progress: () => undefined,
    log: (text) => lines.push(text),
    waiting: () => undefined,
    lines,
  };
}

describe('apt', () => {
  it('waits for the dpkg lock, asks nothing and installs without recommends', () => {
    expect(aptUpdateArgs()).toEqual(['-o', 'DPkg::Lock::Timeout=120', '-q', 'update']);
    expect(aptInstallArgs(['docker.io', 'docker-compose'])).toEqual([
      '-o',
      'DPkg::Lock::Timeout=120',
      '-o',
      'Dpkg::Options::=--force-confdef',
      '-o',
      'Dpkg::Options::=--force-confold',
      '-q',
      'install',
      '-y',
      '--no-install-recommends',
      'docker.io',
      'docker-compose',
    ]);
  });

  it('refuses something that is not a package name, and an empty list', () => {
    expect(() => aptInstallArgs(['--allow-unauthenticated'])).toThrow(/not a package name/);
    expect(() => aptInstallArgs(['ok', 'two words'])).toThrow(/"two words"/);
    expect(() => aptInstallArgs([])).toThrow(/no packages/);
  });

  it('follows apt output to a fraction of the work', () => {
    const progress = new AptProgress();
    expect(progress.see('Reading package lists...')).toBe(0);
    expect(progress.see('0 upgraded, 2 newly installed, 0 to remove and 0 not upgraded.')).toBe(0);
    expect(progress.see('Unpacking certbot (2.1.0-4) ...')).toBe(0.25);
    progress.see('Unpacking ufw (0.36.2-1) ...');
    progress.see('Setting up certbot (2.1.0-4) ...');
    expect(progress.see('Setting up ufw (0.36.2-1) ...')).toBe(1);
    expect(progress.see('Setting up extra (1) ...')).toBe(1);
  });

  it('reads dpkg-query statuses: installed and held count, removed-with-config does not', () => {
    const text = 'certbot\tinstall ok installed\nufw\tdeinstall ok config-files\ndocker.io\thold ok installed\n\n';
    expect([...parseInstalledPackages(text)]).toEqual(['certbot', 'docker.io']);
    expect(parseInstalledPackages('').size).toBe(0);
  });

  it("reads apt-cache policy's candidate", () => {
    const some =
      'docker-compose-v2:\n  Installed: (none)\n  Candidate: 2.24.6+ds1-0ubuntu1~24.04.1\n  Version table:\n';
    expect(parseAptCandidate(some)).toBe('2.24.6+ds1-0ubuntu1~24.04.1');
    expect(parseAptCandidate('docker-compose-v2:\n  Installed: (none)\n  Candidate: (none)\n')).toBeUndefined();
    expect(parseAptCandidate('')).toBeUndefined();
  });
});

describe("os-release to Docker's repository", () => {
  it('finds the suite of Debian and Ubuntu', () => {
    const debian = parseOsInfo('ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n');
    expect(debian).toEqual({ id: 'debian', versionId: '12', codename: 'bookworm' });
    expect(dockerRepoTarget(debian)).toEqual({ os: 'debian', codename: 'bookworm' });
    const ubuntu = parseOsInfo('NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="24.04"\nUBUNTU_CODENAME=noble\n');
    expect(dockerRepoTarget(ubuntu)).toEqual({ os: 'ubuntu', codename: 'noble' });
  });

  it('falls back to the known code names, and has no target for other systems', () => {
    expect(parseOsInfo('ID=debian\nVERSION_ID="13"\n').codename).toBe('trixie');
    expect(parseOsInfo('ID="ubuntu"\nVERSION_ID="22.04"\n').codename).toBe('jammy');
    expect(dockerRepoTarget(parseOsInfo('ID=debian\n'))).toBeUndefined();
    expect(dockerRepoTarget(parseOsInfo('ID="centos"\nVERSION_ID="9"\n'))).toBeUndefined();
    expect(dockerRepoTarget(parseOsInfo(''))).toBeUndefined();
  });

  it("writes Docker's source line, marked as ours", () => {
    const url = dockerRepositoryUrl('https://download.docker.com/linux/', 'debian');
    expect(url).toBe('https://download.docker.com/linux/debian');
    const file = dockerSourceFile(url, 'arm64', 'bookworm');
    expect(file.split('\n')[1]).toBe(
      'deb [arch=arm64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian bookworm stable',
    );
    expect(isOurSourceFile(file)).toBe(true);
    expect(isOurSourceFile('deb https://download.docker.com/linux/debian bookworm stable\n')).toBe(false);
    expect(isOurSourceFile(undefined)).toBe(false);
  });

  it("prefers the distribution's Compose v2 package when apt has one", () => {
    expect(distributionComposePackage('2.24.6')).toBe('docker-compose-v2');
    expect(distributionComposePackage(undefined)).toBe('docker-compose');
  });
});

describe('undoing a failed Docker source', () => {
  it('removes files that were not there, and files an earlier run of ours wrote', async () => {
    const dir = tempDir();
    const list = path.join(dir, 'docker.list');
    const key = path.join(dir, 'docker.asc');
    const before = [await snapshot(list), await snapshot(key)] as const;
    writeFileSync(list, dockerSourceFile('http://127.0.0.1:9/linux/debian', 'amd64', 'bookworm'));
    writeFileSync(key, 'KEY');
    await undoDockerSource(...before);
    expect(existsSync(list) || existsSync(key)).toBe(false);

    writeFileSync(list, dockerSourceFile('http://old/linux/debian', 'amd64', 'bookworm'));
    writeFileSync(key, 'OLD KEY');
    const ours = [await snapshot(list), await snapshot(key)] as const;
    writeFileSync(list, 'new');
    await undoDockerSource(...ours);
    expect(existsSync(list) || existsSync(key)).toBe(false);
  });

  it("puts the user's own source and key back as they were", async () => {
    const dir = tempDir();
    const list = path.join(dir, 'docker.list');
    const key = path.join(dir, 'docker.asc');
    writeFileSync(list, 'deb https://mirror.example/docker bookworm stable\n');
    writeFileSync(key, 'USER KEY');
    const before = [await snapshot(list), await snapshot(key)] as const;
    writeFileSync(list, 'ours');
    writeFileSync(key, 'OUR KEY');
    await undoDockerSource(...before);
    expect(readFileSync(list, 'utf8')).toBe('deb https://mirror.example/docker bookworm stable\n');
    expect(readFileSync(key, 'utf8')).toBe('USER KEY');
  });
});

describe("fetching Docker's key", () => {
  async function serve(status: number, body: string): Promise<string> {
    const server = createServer((_request, response) => response.writeHead(status).end(body));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }
  const signal = new AbortController().signal;

  it('accepts an armoured public key', async () => {
    const key = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFit\n-----END PGP PUBLIC KEY BLOCK-----\n';
    expect(await fetchDockerKey(`${await serve(200, key)}/linux/debian/gpg`, signal)).toBe(key);
  });

  it('refuses an error status, something else than a key, and an unreachable address', async () => {
    await expect(fetchDockerKey(`${await serve(404, 'no')}/gpg`, signal)).rejects.toThrow(/HTTP 404/);
    await expect(fetchDockerKey(`${await serve(200, '<html>')}/gpg`, signal)).rejects.toThrow(/not an ASCII-armoured/);
    await expect(fetchDockerKey(`${await serve(200, 'x'.repeat(70_000))}/gpg`, signal)).rejects.toThrow(/large/);
    await expect(fetchDockerKey('http://127.0.0.1:9/linux/debian/gpg', signal)).rejects.toThrow();
  });
});

describe('certbot and ufw', () => {
  it('adds the DNS plugin of the chosen certificate method', () => {
    expect(packagesFor(installContext({}))).toEqual(['certbot', 'ufw']);
    expect(packagesFor(installContext({ certificates: { method: 'manual' } }))).toEqual(['certbot', 'ufw']);
    const token = 'a'.repeat(40);
    expect(packagesFor(installContext({ certificates: { method: 'cloudflare', apiToken: token } }))).toEqual([
      'certbot',
      'python3-certbot-dns-cloudflare',
      'ufw',
    ]);
    expect(packagesFor(installContext({ certificates: { method: 'digitalocean', apiToken: token } }))).toContain(
      'python3-certbot-dns-digitalocean',
    );
    const route53 = {
      method: 'route53',
      accessKeyId: 'AKIAABCDEFGHIJKLMNOP',
      secretAccessKey: 'b'.repeat(40),
    } as const;
    expect(packagesFor(installContext({ certificates: route53 }))).toContain('python3-certbot-dns-route53');
  });
});

describe('SSH ports', () => {
  it('reads Port and ListenAddress lines of sshd -T', () => {
    const text =
      'port 22\nport 2222\naddressfamily any\nlistenaddress [::]:22\nlistenaddress 0.0.0.0:2200\nx11forwarding no\n';
    expect(parseSshdConfigPorts(text).sort()).toEqual([22, 2200, 2222]);
    expect(parseSshdConfigPorts('port 0\nport 70000\nport abc\n')).toEqual([]);
    expect(parseSshdConfigPorts('')).toEqual([]);
  });

  it("takes the server port of this session's SSH_CONNECTION", () => {
    expect(sshConnectionServerPort('203.0.113.7 51234 198.51.100.2 2222')).toBe(2222);
    expect(sshConnectionServerPort(undefined)).toBeUndefined();
    expect(sshConnectionServerPort('203.0.113.7 51234')).toBeUndefined();
  });
});

describe('ufw status', () => {
  const ACTIVE = `Status: active

To                         Action      From
--                         ------      ----
22/tcp                     ALLOW       Anywhere
80,443/tcp                 ALLOW       Anywhere                   # web
25                         ALLOW       Anywhere
465/udp                    ALLOW       Anywhere
993/tcp                    DENY        Anywhere
995/tcp                    ALLOW       10.0.0.0/8
6000:6002/tcp              ALLOW       Anywhere
OpenSSH                    ALLOW       Anywhere
10.0.0.1 2222/tcp          ALLOW       Anywhere
2200/tcp on eth0           ALLOW       Anywhere
22/tcp (v6)                ALLOW       Anywhere (v6)
587/tcp (v6)               ALLOW       Anywhere (v6)
`;

  it('knows which TCP ports are open to everyone', () => {
    const status = parseUfwStatus(ACTIVE);
    expect(status.active).toBe(true);
    expect([...status.allowedTcpPorts].sort((a, b) => a - b)).toEqual([22, 25, 80, 443, 6000, 6001, 6002]);
    expect(missingPorts(status, [22, 25, 80, 443, 465, 993, 995])).toEqual([465, 993, 995]);
  });

  it('treats an inactive firewall, or none, as allowing nothing', () => {
    const inactive = parseUfwStatus('Status: inactive\n');
    expect(inactive).toEqual({ active: false, allowedTcpPorts: new Set() });
    expect(missingPorts(inactive, [22])).toEqual([22]);
    expect(missingPorts(undefined, [22, 25])).toEqual([22, 25]);
  });

  it('reads rule specs and the rules ufw holds while inactive', () => {
    expect(tcpPortsOfRule('22/tcp')).toEqual([22]);
    expect(tcpPortsOfRule('22')).toEqual([22]);
    expect(tcpPortsOfRule('53/udp')).toEqual([]);
    expect(tcpPortsOfRule('1:65535/tcp')).toEqual([]);
    expect(tcpPortsOfRule('Postfix')).toEqual([]);
    const added =
      "Added user rules (see 'ufw status' for running firewall):\nufw allow 22/tcp\nufw allow 25/tcp\nufw deny 23\n";
    expect([...parseUfwAdded(added)]).toEqual([22, 25]);
  });

  it('builds allow arguments for a port only', () => {
    expect(ufwAllowArgs(2222)).toEqual(['allow', '2222/tcp']);
    expect(() => ufwAllowArgs(0)).toThrow(/not a port/);
    expect(() => ufwAllowArgs(65_536)).toThrow(/not a port/);
  });
});

describe('resolver', () => {
  it('writes only nameserver lines of its own and keeps search and options', () => {
    const old = '# from DHCP\nnameserver 10.0.0.2\nsearch example.internal\noptions edns0 trust-ad\n';
    const next = renderResolvConf(old, ['1.1.1.1', '2606:4700:4700::1111']);
    expect(parseNameservers(next)).toEqual(['1.1.1.1', '2606:4700:4700::1111']);
    expect(next).toContain('search example.internal\noptions edns0 trust-ad\n');
    expect(next).not.toContain('10.0.0.2');
    expect(renderResolvedDropIn(['9.9.9.9', '1.1.1.1'])).toContain('[Resolve]\nDNS=9.9.9.9 1.1.1.1\nDomains=~.\n');
  });

  it('applies only when chosen', () => {
    expect(resolverStep.applies!(installContext({}))).toBe(false);
    expect(resolverStep.applies!(installContext({ resolver: { nameservers: ['1.1.1.1'] } }))).toBe(true);
  });

  it('keeps the old resolv.conf once and writes the chosen servers', async () => {
    const root = tempDir();
    mkdirSync(path.join(root, 'etc'));
    const install = installContext({ resolver: { nameservers: ['1.1.1.1', '8.8.8.8'] } }, root);
    const files = resolverFiles(install.paths);
    const original = 'nameserver 10.0.0.2\nsearch lan\n';
    writeFileSync(files.resolvConf, original);
    const step = fakeStep();

    expect(await resolverStep.check(install, step)).toBe(false);
    expect(await resolverStep.plan(install)).toEqual([
      expect.objectContaining({ kind: 'resolver', target: files.resolvConf, action: 'change' }),
      expect.objectContaining({ kind: 'file', target: files.backup, action: 'create' }),
    ]);
    await resolverStep.run(install, step);
    expect(readFileSync(files.backup, 'utf8')).toBe(original);
    expect(parseNameservers(readFileSync(files.resolvConf, 'utf8'))).toEqual(['1.1.1.1', '8.8.8.8']);
    expect(readFileSync(files.resolvConf, 'utf8')).toContain('search lan');
    expect(await resolverStep.check(install, step)).toBe(true);
    expect(await resolverStep.plan(install)).toEqual([expect.objectContaining({ action: 'keep' })]);

    // A later change of mind rewrites resolv.conf but never the kept original.
    const other = installContext({ resolver: { nameservers: ['9.9.9.9'] } }, root);
    expect(await resolverStep.check(other, step)).toBe(false);
    await resolverStep.run(other, step);
    expect(parseNameservers(readFileSync(files.resolvConf, 'utf8'))).toEqual(['9.9.9.9']);
    expect(readFileSync(files.backup, 'utf8')).toBe(original);
  });

  it("writes a resolved drop-in when resolv.conf is a daemon's symlink", async () => {
    const root = tempDir();
    mkdirSync(path.join(root, 'etc'));
    const managed = path.join(root, 'managed-resolv.conf');
    writeFileSync(managed, 'nameserver 127.0.0.53\n');
    const install = installContext({ resolver: { nameservers: ['1.1.1.1'] } }, root);
    const files = resolverFiles(install.paths);
    symlinkSync(managed, files.resolvConf);
    const step = fakeStep();

    expect(files.dropIn).toBe(path.join(root, 'etc', 'systemd', 'resolved.conf.d', 'mailharbor.conf'));
    expect(await resolverStep.check(install, step)).toBe(false);
    await resolverStep.run(install, step);
    expect(readFileSync(files.dropIn, 'utf8')).toBe(renderResolvedDropIn(['1.1.1.1']));
    expect(readFileSync(managed, 'utf8')).toBe('nameserver 127.0.0.53\n');
    expect(existsSync(files.backup)).toBe(false);
    expect(await resolverStep.check(install, step)).toBe(true);
    expect(step.lines.join('\n')).toContain('not systemd-resolved');
  });
});
