// Benchmark (issue #14): backups of about 1 GB of mailbox-like data (SQLite mailboxes of mixed sizes in
// WAL mode, written by the stand-in's own writer, and a Mongo database) on a world VPS with the real
// stack, to the world's S3 over HTTPS; against the baseline measured in the same run: `tar czf` of the
// same data on the VPS, uploaded to the same S3 (multipart, @aws-sdk/lib-storage). Reported:
// - first backup: time against tar czf + upload (target: at least 0.8 of its speed, i.e. ratio <= 1.25);
// - a second backup after 1% of the data changed: time and bytes uploaded against the first (target < 10%);
// - restore throughput (a restore test: unpack into staging and verify);
// - peak extra disk on the VPS during the first backup (target: under 10% of the data size);
// - the writers' pause (target: under 2 s per GB of mailboxes).
// Needs the world up (test/world/up). Writes bench/results/backups.json.
//
// Run: node_modules/.bin/tsx bench/backups.ts [--mb 1024] [--vps NAME] [--keep]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { followJobToEnd } from '../test/support/stack-install-calls.js';
import { worldBackupSettings } from '../test/support/world-backups.js';
import type { S3State } from '../test/world/pieces/s3.js';
import { pieceState } from '../test/world/pieces/shared/piece-state.js';
import { sshArgs } from '../test/world/vps-ssh.js';
import { writeResults } from './support/bench-results.js';
import { stackVps, stackVpsOptions } from './support/stack-vps.js';

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '1024' },
    vps: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const TOTAL_MB = Math.min(Math.max(Number(values.mb) || 1024, 16), 8192);
const STACK = '/root/forwardemail.net/self-hosting';
const stack = await stackVps(
  stackVpsOptions({ vps: values.vps ?? `bench-backups-${process.pid}`, keep: values.keep ?? false }),
);
const s3 = pieceState<S3State>(stack.world, 's3');
const prefix = `bench-${process.pid}`;
const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

try {
  // The stand-ins' own writers off, so both runs read the same data.
  await stack.sh(`echo STANDIN_MAILSTORE=0 >> ${STACK}/.env && docker restart sqlite imap >/dev/null`, 120_000);
  console.log(`generating ${TOTAL_MB} MB: mailboxes of mixed sizes (90%) and a Mongo database (10%)`);
  const mailboxMb = Math.round(TOTAL_MB * 0.9);
  // Mail-like content: words with some randomness, so it compresses roughly as mail does.
  const generator = `
import os, random, sqlite3, sys
target = int(sys.argv[1]) * 1024 * 1024
words = [''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(random.randint(2, 9))) for _ in range(5000)]
sizes = [0.25, 0.15, 0.1] + [0.5 / 40] * 40
made = 0
for index, share in enumerate(sizes):
    db = sqlite3.connect('/mnt/sqlite_storage/bench-%03d.sqlite' % index)
    db.execute('PRAGMA journal_mode=WAL')
    db.execute('CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY, body BLOB)')
    want = int(target * share)
    have = 0
    while have < want:
        body = (' '.join(random.choice(words) for _ in range(800)) + os.urandom(600).hex()).encode()
        db.execute('INSERT INTO messages (body) VALUES (?)', (body,))
        have += len(body)
        if have % (8 << 20) < len(body):
            db.commit()
    db.commit()
    db.close()
`;
  await stack.sh(`docker exec -i sqlite python3 - ${mailboxMb} >/dev/null`, 60 * 60_000, generator);
  await stack.sh(
    `docker exec mongodb sh -c 'mkdir -p /data/db/bench && for i in $(seq ${Math.round(TOTAL_MB * 0.1)}); do head -c 700000 /dev/urandom | base64 > /data/db/bench/c$i.bson; done'`,
    30 * 60_000,
  );
  const dataBytes =
    Number(await stack.sh(`du -sb ${STACK}/sqlite-data | cut -f1`)) +
    Number(await stack.sh(`docker exec mongodb du -sb /data/db | cut -f1`));
  const mailboxBytes = Number(await stack.sh(`du -sb ${STACK}/sqlite-data | cut -f1`));
  console.log(`data: ${(dataBytes / 1e6).toFixed(0)} MB (${(mailboxBytes / 1e6).toFixed(0)} MB in mailboxes)`);

  // Baseline: tar czf of the same data on the VPS, streamed out and uploaded to the same S3.
  const client = new S3Client({
    endpoint: s3.httpsEndpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: s3.credentials,
    requestHandler: new NodeHttpHandler({ httpsAgent: new https.Agent({ ca: readFileSync(s3.caPath) }) }),
  });
  const baselineStarted = performance.now();
  const tar = spawn('ssh', [
    ...sshArgs(stack.rootShell),
    `tar czf - -C ${STACK} sqlite-data -C /var/lib/docker/volumes/self-hosting_mongo-data/_data .`,
  ]);
  await new Upload({
    client,
    params: { Bucket: s3.bucket, Key: `${prefix}-baseline/data.tar.gz`, Body: tar.stdout },
  }).done();
  const baselineMs = performance.now() - baselineStarted;
  console.log(`baseline tar czf + upload: ${seconds(baselineMs)} s`);

  const { jobId: setup } = await stack.client.callOk('backups.save', {
    serverId: stack.serverId,
    // Only the two keys (worldBackupSettings copies them): the AWS SDK above marks the credentials object it was given ($source).
    ...worldBackupSettings(s3, prefix),
    repositoryPassword: `benchmark repository password ${process.pid}`,
  });
  if ((await followJobToEnd(stack.client, stack.serverId, setup, 'setup')) !== 'succeeded')
    throw new Error('setup failed');

  const backup = async (label: string) => {
    // du counts each file once per run: listed after the live mailboxes, the backups folder shows
    // only what it adds (its hard links to the mailboxes take no space and are not counted again).
    const backupsOwnBytes = async () =>
      Number(
        (await stack.sh(`du -sb ${STACK}/sqlite-data /var/lib/mailharbor/backups 2>/dev/null | sed -n 2p | cut -f1`)) ||
          0,
      );
    const before = await backupsOwnBytes();
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = await backupsOwnBytes();
        peak = Math.max(peak, now - before);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const started = performance.now();
    const { jobId } = await stack.client.callOk('backups.start', { serverId: stack.serverId, kind: 'backups.run' });
    const outcome = await followJobToEnd(stack.client, stack.serverId, jobId, `b-${label}`);
    const ms = performance.now() - started;
    sampling = false;
    await sampler;
    if (outcome !== 'succeeded') throw new Error(`${label} backup ${outcome}`);
    const status = await stack.client.callOk('backups.status', { serverId: stack.serverId });
    const run = status.lastGood!;
    console.log(
      `${label} backup: ${seconds(ms)} s, ${((run.addedBytes ?? 0) / 1e6).toFixed(1)} MB uploaded, writers paused ${run.pauseMs} ms, peak extra disk ${(peak / 1e6).toFixed(1)} MB`,
    );
    return { ms, addedBytes: run.addedBytes ?? 0, pauseMs: run.pauseMs ?? 0, peakExtraDisk: peak };
  };

  const first = await backup('first');
  // 1% of the data changes: new messages in a few mailboxes.
  const changeMb = Math.max(1, Math.round(TOTAL_MB * 0.01));
  await stack.sh(
    `docker exec -i sqlite python3 - >/dev/null`,
    10 * 60_000,
    `import os, sqlite3\nfor i in range(3, 8):\n    db = sqlite3.connect('/mnt/sqlite_storage/bench-%03d.sqlite' % i)\n    for _ in range(${changeMb * 1024} // 5 // 12):\n        db.execute('INSERT INTO messages (body) VALUES (?)', (os.urandom(6000).hex().encode(),))\n    db.commit()\n    db.close()\n`,
  );
  const second = await backup('second');

  const drillStarted = performance.now();
  const { jobId: drill } = await stack.client.callOk('backups.start', {
    serverId: stack.serverId,
    kind: 'backups.drill',
  });
  if ((await followJobToEnd(stack.client, stack.serverId, drill, 'drill')) !== 'succeeded')
    throw new Error('drill failed');
  const drillMs = performance.now() - drillStarted;
  const restoreMbPerS = dataBytes / 1e6 / (drillMs / 1000);

  const results = {
    dataMb: Number((dataBytes / 1e6).toFixed(0)),
    baselineSeconds: seconds(baselineMs),
    firstSeconds: seconds(first.ms),
    firstAgainstBaseline: Number((first.ms / baselineMs).toFixed(2)),
    secondSeconds: seconds(second.ms),
    secondTimeShare: Number((second.ms / first.ms).toFixed(3)),
    secondBytesShare: Number((second.addedBytes / Math.max(1, first.addedBytes)).toFixed(4)),
    restoreSeconds: seconds(drillMs),
    restoreMbPerSecond: Number(restoreMbPerS.toFixed(1)),
    peakExtraDiskShare: Number((first.peakExtraDisk / dataBytes).toFixed(3)),
    pauseMsPerGbOfMailboxes: Math.round(first.pauseMs / (mailboxBytes / 1e9)),
  };
  console.log(JSON.stringify(results, null, 2));
  console.log(
    `targets: first backup at least 0.8 of tar+upload speed (ratio <= 1.25): ${results.firstAgainstBaseline <= 1.25 ? 'met' : 'missed'}; ` +
      `second under 10% of the first in time (${results.secondTimeShare < 0.1 ? 'met' : 'missed'}) and bytes (${results.secondBytesShare < 0.1 ? 'met' : 'missed'}); ` +
      `peak extra disk under 10%: ${results.peakExtraDiskShare < 0.1 ? 'met' : 'missed'}; pause under 2 s per GB: ${results.pauseMsPerGbOfMailboxes < 2000 ? 'met' : 'missed'}`,
  );
  writeResults('backups', results);
  client.destroy();
} finally {
  await stack.close();
}
