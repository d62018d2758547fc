// The install steps that write the stack's own files (stackFiles, environment, dkim), run against a temporary
// stack directory; then what the agent reads back from it: the detection of an install and the first-login
// details. The release feed is a local HTTP server that counts its requests.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors/app-error.js';
import type { StepContext } from '../../remote-agent/src/jobs/steps.js';
import { readStackAccess } from '../../remote-agent/src/stack/access.js';
import { detectStack } from '../../remote-agent/src/stack/detect.js';
import { EnvFile } from '../../remote-agent/src/stack/env/env-file.js';
import type { InstallContext, InstallStep } from '../../remote-agent/src/stack/install-step.js';
import type { StackProfile } from '../../common/stack/stack-contract.js';
import { stackPaths, type StackPaths } from '../../remote-agent/src/stack/stack-paths.js';
import { stackSources } from '../../remote-agent/src/stack/stack-sources.js';
import { dkimPublicKeyRecord, dkimStep } from '../../remote-agent/src/stack/steps/dkim.js';
import { environmentStep } from '../../remote-agent/src/stack/steps/environment.js';
import { stackFilesStep } from '../../remote-agent/src/stack/steps/stack-files.js';

const STEPS: InstallStep[] = [stackFilesStep, environmentStep, dkimStep];

// The install steps read which mongo and redis run (environment): never the test host's own engine.
process.env.MAILHARBOR_DOCKER_SOCKET = path.join(tmpdir(), `mh-no-engine-${process.pid}.sock`);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let feed: Server;
let feedUrl = '';
let feedRequests = 0;
beforeAll(async () => {
  feed = createServer((_req, res) => {
    feedRequests++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ tag_name: 'v1.1.0' }));
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/repos/forwardemail/forwardemail.net/releases/latest`;
});
afterAll(() => {
  feed.closeAllConnections();
  feed.close();
});

/** A stack directory that does not exist yet, inside a temporary directory, as MAILHARBOR_STACK_DIR names it. */
function freshPaths(): StackPaths {
  const root = mkdtempSync(path.join(tmpdir(), 'mh-stack-files-'));
  dirs.push(root);
  return stackPaths({ MAILHARBOR_STACK_DIR: path.join(root, 'forwardemail.net', 'self-hosting') });
}

function installContext(paths: StackPaths, profile: StackProfile = 'full', domain = 'example.com'): InstallContext {
  return {
    options: { domain, email: 'admin@example.com', profile, certificates: { method: 'http' } },
    environment: {
      acme: { directoryUrl: 'https://acme.invalid/dir' },
      releaseFeedUrl: feedUrl,
      imageRegistry: 'ghcr.io',
      dockerHubMirror: 'docker.io/library',
      dockerAptRepository: 'https://download.docker.com/linux',
    },
    paths,
  };
}

function stepContext(logs: string[] = []): StepContext {
  return {
    jobId: 'j-test',
    attempt: 1,
    workDir: tmpdir(),
    signal: new AbortController().signal,
    progress: () => {},
    log: (text) => logs.push(text),
    waiting: () => {},
  };
}

/** Runs each step the way the job runner does: skipped when check() says it is done. */
async function install(context: InstallContext, logs: string[] = []): Promise<string[]> {
  const ran: string[] = [];
  for (const step of STEPS) {
    if (await step.check(context, stepContext(logs))) continue;
    await step.run(context, stepContext(logs));
    ran.push(step.id);
  }
  return ran;
}

function identity(file: string) {
  const info = statSync(file);
  return { ino: info.ino, mtimeMs: info.mtimeMs, mode: info.mode & 0o777, content: readFileSync(file, 'utf8') };
}

const modeOf = (file: string) => statSync(file).mode & 0o777;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('a first install, then a re-run', () => {
  it('writes the stack files, .env and the DKIM key once, and a re-run touches nothing', async () => {
    const paths = freshPaths();
    const context = installContext(paths);
    expect(await detectStack(paths)).toEqual({ installedBy: 'none', directory: paths.dir });
    expect((await rejection(readStackAccess(paths))).code).toBe('stack.notInstalled');

    const plans = await Promise.all(STEPS.map((step) => step.plan(context)));
    expect(plans[0]).toContainEqual({ kind: 'directory', target: paths.dir, action: 'create' });
    expect(plans[0]).toContainEqual({ kind: 'file', target: paths.composeFile, action: 'create' });
    expect(plans[1]).toContainEqual(expect.objectContaining({ kind: 'secret', action: 'create' }));
    expect(plans[1]).toContainEqual(expect.objectContaining({ kind: 'file', target: paths.envFile, action: 'create' }));
    expect(plans[2]).toEqual([expect.objectContaining({ kind: 'secret', target: paths.dkimKey, action: 'create' })]);
    for (const change of plans.flat()) expect(change.target.length).toBeLessThanOrEqual(512);
    expect(feedRequests).toBe(0);

    const logs: string[] = [];
    expect(await install(context, logs)).toEqual(['stackFiles', 'environment', 'dkim']);
    expect(feedRequests).toBe(1);

    expect(modeOf(paths.dir)).toBe(0o700);
    expect(modeOf(paths.sslDir)).toBe(0o700);
    for (const dir of [paths.sqliteData, paths.mongoBackups, paths.redisData, paths.acmeWebroot]) {
      expect(statSync(dir).isDirectory(), dir).toBe(true);
    }
    expect(readFileSync(paths.composeFile, 'utf8')).toBe(stackSources.composeFile);
    expect(readFileSync(paths.nginxConf, 'utf8')).toBe(stackSources.nginxConf);
    expect(modeOf(paths.composeFile)).toBe(0o644);
    expect(modeOf(paths.envFile)).toBe(0o600);
    expect(modeOf(paths.dkimKey)).toBe(0o600);

    const env = EnvFile.parse(readFileSync(paths.envFile, 'utf8'));
    expect(env.get('DOMAIN')).toBe('example.com');
    expect(env.get('IMAGE_TAG')).toBe('v1.1.0');
    expect(env.get('COMPOSE_PROFILES')).toBe('storage');
    const password = env.get('AUTH_BASIC_PASSWORD')!;
    expect(password).toMatch(/^[A-Za-z0-9]{24}$/);
    // The log names keys, never their values.
    const logText = logs.join('\n');
    expect(logText).toContain('AUTH_BASIC_PASSWORD');
    for (const key of ['AUTH_BASIC_PASSWORD', 'API_SECRETS', 'SRS_SECRET', 'HELPER_ENCRYPTION_KEY']) {
      expect(logText).not.toContain(env.get(key)!);
    }

    const key = createPrivateKey(readFileSync(paths.dkimKey, 'utf8'));
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    const record = await dkimPublicKeyRecord(paths);
    expect(record).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/]+=*$/);
    const published = createPublicKey({
      key: Buffer.from(record.split('p=')[1]!, 'base64'),
      format: 'der',
      type: 'spki',
    });
    expect(published.export({ type: 'spki', format: 'pem' })).toBe(
      createPublicKey(key).export({ type: 'spki', format: 'pem' }),
    );

    const files = [paths.composeFile, paths.nginxConf, paths.envFile, paths.dkimKey];
    const before = files.map(identity);
    for (const step of STEPS) expect(await step.check(context, stepContext()), step.id).toBe(true);
    expect(await install(context)).toEqual([]);
    // run() on a done step is harmless too (a job killed between run and its journal line).
    for (const step of STEPS) await step.run(context, stepContext());
    expect(files.map(identity)).toEqual(before);
    expect(feedRequests).toBe(1);
    expect((await stackFilesStep.plan(context)).length).toBe(0);
    expect(await environmentStep.plan(context)).toEqual([]);
    expect(await dkimStep.plan(context)).toEqual([{ kind: 'secret', target: paths.dkimKey, action: 'keep' }]);

    expect(await detectStack(paths)).toEqual({
      installedBy: 'mailharbor',
      directory: paths.dir,
      domain: 'example.com',
      profile: 'full',
      imageTag: 'v1.1.0',
    });
    expect(await readStackAccess(paths)).toEqual({
      domain: 'example.com',
      webUrl: 'https://example.com',
      username: 'admin',
      password,
      profile: 'full',
      imageTag: 'v1.1.0',
      mailClient: {
        imap: { host: 'imap.example.com', port: 993 },
        pop3: { host: 'pop3.example.com', port: 995 },
        smtp: { host: 'smtp.example.com', port: 465 },
      },
    });
  });

  it('gives a forwarding-only install no IMAP or POP3 settings, and switches profile when asked', async () => {
    const paths = freshPaths();
    await install(installContext(paths, 'forwarding'));
    expect(EnvFile.parse(readFileSync(paths.envFile, 'utf8')).get('COMPOSE_PROFILES')).toBe('');
    const access = await readStackAccess(paths);
    expect(access.profile).toBe('forwarding');
    expect(access.mailClient).toEqual({ smtp: { host: 'smtp.example.com', port: 465 } });

    const full = installContext(paths, 'full');
    expect(await environmentStep.check(full, stepContext())).toBe(false);
    expect(await install(full)).toEqual(['environment']);
    expect((await detectStack(paths)).profile).toBe('full');
  });
});

describe('an existing install', () => {
  it("adopts upstream's install: its compose file and unknown keys untouched, .env narrowed to 0600", async () => {
    const paths = freshPaths();
    mkdirSync(paths.sslDir, { recursive: true });
    const upstreamCompose = 'services:\n  web:\n    image: ghcr.io/forwardemail/forwardemail.net-selfhosted:latest\n';
    writeFileSync(paths.upstreamComposeFile, upstreamCompose);
    const upstreamEnv = [
      'NODE_ENV=production',
      'DOMAIN=example.com',
      'AUTH_BASIC_USERNAME=admin',
      'AUTH_BASIC_PASSWORD=q+3/xY9aB0cD1eF2gH3iJ4==',
      'HELPER_ENCRYPTION_KEY=abcdefghijklmnopqrstuvwxyzABCDEF',
      'APPLE_TEAM_ID=',
      'IMAGE_TAG=v1.0.0',
      '',
    ].join('\n');
    writeFileSync(paths.envFile, upstreamEnv, { mode: 0o644 });
    chmodSync(paths.envFile, 0o644);
    const upstreamKey = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    writeFileSync(paths.dkimKey, upstreamKey, { mode: 0o600 });

    // No COMPOSE_PROFILES and a compose file without profiles: everything runs.
    expect(await detectStack(paths)).toEqual({
      installedBy: 'upstream',
      directory: paths.dir,
      domain: 'example.com',
      profile: 'full',
      imageTag: 'v1.0.0',
    });
    const context = installContext(paths);
    expect(await stackFilesStep.plan(context)).toContainEqual(
      expect.objectContaining({ target: paths.upstreamComposeFile, action: 'keep' }),
    );
    const upstreamComposeBefore = identity(paths.upstreamComposeFile);
    const requestsBefore = feedRequests;
    expect(await install(context)).toEqual(['stackFiles', 'environment']);
    // Its IMAGE_TAG is kept, so the release feed is not asked.
    expect(feedRequests).toBe(requestsBefore);

    expect(identity(paths.upstreamComposeFile)).toEqual(upstreamComposeBefore);
    expect(readFileSync(paths.dkimKey, 'utf8')).toBe(upstreamKey);
    const text = readFileSync(paths.envFile, 'utf8');
    expect(text.startsWith(upstreamEnv)).toBe(true);
    expect(modeOf(paths.envFile)).toBe(0o600);
    const env = EnvFile.parse(text);
    expect(env.get('IMAGE_TAG')).toBe('v1.0.0');
    expect(env.get('APPLE_TEAM_ID')).toBe('');
    expect(env.get('SRS_SECRET')).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await readStackAccess(paths)).password).toBe('q+3/xY9aB0cD1eF2gH3iJ4==');
    // Our compose file is there now, with its header: the install is ours from here on.
    expect((await detectStack(paths)).installedBy).toBe('mailharbor');
  });

  it('only narrows the mode of a complete .env, keeping the file itself', async () => {
    const paths = freshPaths();
    const context = installContext(paths);
    await install(context);
    chmodSync(paths.envFile, 0o644);
    const before = identity(paths.envFile);
    expect(await environmentStep.check(context, stepContext())).toBe(false);
    expect(await environmentStep.plan(context)).toEqual([
      { kind: 'file', target: paths.envFile, action: 'change', note: 'readable by root only (0600)' },
    ]);
    await environmentStep.run(context, stepContext());
    const after = identity(paths.envFile);
    expect(after).toMatchObject({ ino: before.ino, content: before.content, mode: 0o600 });
    expect(await environmentStep.check(context, stepContext())).toBe(true);
  });

  it('refuses another domain without writing anything', async () => {
    const paths = freshPaths();
    await install(installContext(paths));
    const before = identity(paths.envFile);
    const other = installContext(paths, 'full', 'other.example');
    const error = await rejection(environmentStep.run(other, stepContext()));
    expect(error.code).toBe('stack.domainMismatch');
    expect(error.params).toMatchObject({ field: 'domain', existing: 'example.com', requested: 'other.example' });
    expect((await rejection(environmentStep.plan(other))).code).toBe('stack.domainMismatch');
    expect(identity(paths.envFile)).toEqual(before);
  });

  it('stops on a DKIM key file it cannot use instead of replacing it', async () => {
    const paths = freshPaths();
    const context = installContext(paths);
    await stackFilesStep.run(context, stepContext());
    writeFileSync(paths.dkimKey, 'not a key\n', { mode: 0o600 });
    // One at a time: promises made together and awaited in turn would leave the later rejections unhandled.
    for (const attempt of [
      () => dkimStep.check(context, stepContext()),
      () => dkimStep.run(context, stepContext()),
      () => dkimStep.plan(context),
    ]) {
      const error = await rejection(attempt());
      expect(error.params).toEqual({ file: 'ssl/dkim.key' });
      expect(error.detail).toMatch(/left untouched/);
    }
    expect(readFileSync(paths.dkimKey, 'utf8')).toBe('not a key\n');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(paths.dkimKey, ec);
    expect((await rejection(dkimStep.check(context, stepContext()))).detail).toMatch(/ec key, not RSA/);
  });

  it('never overwrites a file changed by hand since Mailharbor wrote it, and says what to do', async () => {
    const paths = freshPaths();
    const context = installContext(paths);
    await stackFilesStep.run(context, stepContext());
    const record = JSON.parse(readFileSync(path.join(paths.dir, '.mailharbor-files.json'), 'utf8'));
    expect(record['docker-compose.yml']).toBe(sha256(stackSources.composeFile));
    expect(modeOf(path.join(paths.dir, '.mailharbor-files.json'))).toBe(0o600);
    writeFileSync(paths.composeFile, `${stackSources.composeFile}# my edits\n`);
    expect(await stackFilesStep.check(context, stepContext())).toBe(false);
    const plan = await stackFilesStep.plan(context);
    expect(plan).toEqual([expect.objectContaining({ kind: 'file', target: paths.composeFile, action: 'keep' })]);
    expect(plan[0]!.note).toMatch(/changed by hand/);
    const error = await rejection(stackFilesStep.run(context, stepContext()));
    expect(error.code).toBe('stack.fileEditedByHand');
    expect(error.params.file).toBe(paths.composeFile);
    expect(readFileSync(paths.composeFile, 'utf8')).toBe(`${stackSources.composeFile}# my edits\n`);
  });

  it("replaces an older Mailharbor's file with the plan's line count, and one from before the record too", async () => {
    const paths = freshPaths();
    const context = installContext(paths);
    await stackFilesStep.run(context, stepContext());
    // What an older version wrote, and recorded as written.
    const older = stackSources.composeFile.replace('restart: unless-stopped', 'restart: always') + 'x-old: 1\n';
    writeFileSync(paths.composeFile, older);
    const recordFile = path.join(paths.dir, '.mailharbor-files.json');
    const record = JSON.parse(readFileSync(recordFile, 'utf8'));
    writeFileSync(recordFile, JSON.stringify({ ...record, 'docker-compose.yml': sha256(older) }));
    const [change] = await stackFilesStep.plan(context);
    expect(change).toMatchObject({ target: paths.composeFile, action: 'change' });
    expect(change!.note).toMatch(/^Mailharbor's new version of this file \(\+1 −2 lines\)/);
    await stackFilesStep.run(context, stepContext());
    expect(readFileSync(paths.composeFile, 'utf8')).toBe(stackSources.composeFile);
    expect(readFileSync(`${paths.composeFile}.previous`, 'utf8')).toBe(older);
    expect(await stackFilesStep.check(context, stepContext())).toBe(true);

    // No record (an install from before it): the file is replaced and kept beside, and the record made.
    rmSync(recordFile);
    writeFileSync(paths.nginxConf, '# upstream nginx.conf\n');
    expect(await stackFilesStep.check(context, stepContext())).toBe(false);
    await stackFilesStep.run(context, stepContext());
    expect(readFileSync(`${paths.nginxConf}.previous`, 'utf8')).toBe('# upstream nginx.conf\n');
    expect(JSON.parse(readFileSync(recordFile, 'utf8'))['nginx.conf']).toBe(sha256(stackSources.nginxConf));
    expect(await stackFilesStep.check(context, stepContext())).toBe(true);
  });

  it('reports a .env it cannot read as such, and an unfinished one as not installed', async () => {
    const paths = freshPaths();
    mkdirSync(paths.envFile, { recursive: true });
    const unreadable = await rejection(detectStack(paths));
    expect(unreadable.code).toBe('stack.envUnreadable');
    expect(unreadable.params).toEqual({ file: '.env' });
    rmSync(paths.envFile, { recursive: true });
    writeFileSync(paths.envFile, 'DOMAIN=\n');
    expect((await rejection(readStackAccess(paths))).code).toBe('stack.notInstalled');
  });
});
