// A server as an older version of upstream's setup.sh leaves it, for adoption tests: upstream's compose
// file name, floating mongo:latest and redis:latest (newer than Mailharbor's pins, as on Docker Hub), no
// SNI router and web on WEB_PORT=443, mx and sqlite_bree writing mailboxes into the host's bare
// /mnt/sqlite_storage, and upstream's entries in root's crontab. Built from our compose file so the
// services stay the ones the stand-ins run; only what differs in those versions is changed. Docker Hub is
// the world's registry here, since nothing outside the world can be reached.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const OUR_COMPOSE = path.resolve(import.meta.dirname, '../../mail-stack/docker-compose.yml');
const SQLITE_MOUNT = "'./sqlite-data:/mnt/${SQLITE_STORAGE_PATH:-sqlite_storage}'";
const HOST_SQLITE_MOUNT = "'/mnt/${SQLITE_STORAGE_PATH:-sqlite_storage}:/mnt/${SQLITE_STORAGE_PATH:-sqlite_storage}'";

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  if (next === text)
    throw new Error(`older upstream compose: ${String(from)} not found in mail-stack/docker-compose.yml`);
  return next;
}

/** The span of one service's block in the compose text. */
function serviceBlock(text: string, service: string): { start: number; end: number } {
  const start = text.indexOf(`\n  ${service}:\n`);
  if (start < 0) throw new Error(`older upstream compose: no service ${service}`);
  const next = /\n {2}[a-z_]+:\n|\nvolumes:\n/g;
  next.lastIndex = start + 1;
  const match = next.exec(text);
  return { start, end: match ? match.index : text.length };
}

function inService(text: string, service: string, from: string, to: string): string {
  const { start, end } = serviceBlock(text, service);
  return text.slice(0, start) + replaceOnce(text.slice(start, end), from, to) + text.slice(end);
}

export function olderUpstreamCompose(registry: string): string {
  let text = readFileSync(OUR_COMPOSE, 'utf8');
  text = replaceOnce(
    text,
    /^(#.*\n)+/,
    '# docker-compose-self-hosted.yml of an older upstream setup.sh (test world)\n',
  );
  text = replaceOnce(text, '${MAILHARBOR_REGISTRY:-ghcr.io}', registry);
  text = text.replaceAll('${MAILHARBOR_DOCKERHUB_MIRROR:-docker.io/library}', registry);
  text = replaceOnce(text, /mongo:\$\{MONGO_VERSION:-[^}]*\}\$\{MONGO_DIGEST:-\}/, 'mongo:latest');
  text = replaceOnce(text, /redis:\$\{REDIS_VERSION:-[^}]*\}\$\{REDIS_DIGEST:-\}/, 'redis:latest');
  const router = serviceBlock(text, 'nginx');
  text = text.slice(0, router.start) + text.slice(router.end);
  for (const service of ['mx', 'sqlite_bree']) text = inService(text, service, SQLITE_MOUNT, HOST_SQLITE_MOUNT);
  return text;
}

/** The entries setup.sh's menu puts into root's crontab (backups, auto upgrades, manual-certificate check). */
export function upstreamCrontabLines(stackDir: string): string[] {
  return [
    `0 0 * * * ${stackDir}/scripts/backup-mongo.sh >> /var/log/mongo-backup.log 2>&1`,
    `0 0 * * * ${stackDir}/scripts/backup-redis.sh >> /var/log/redis-backup.log 2>&1`,
    `0 0 * * * ${stackDir}/scripts/backup-sqlite.sh >> /var/log/sqlite-backup.log 2>&1`,
    `0 1 * * * ${stackDir}/scripts/update.sh >> /var/log/autoupdate.log 2>&1`,
  ];
}
