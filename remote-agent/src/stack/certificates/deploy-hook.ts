import { exec } from '../../system/exec.js';
import { CERTIFICATE_USERS, STACK_SERVICES } from '../../../../common/stack/services.js';
import type { StackPaths } from '../stack-paths.js';
import { fileChange, writeOwnedFile, type FileChange } from './owned-files.js';
import { CERTIFICATE_FILES } from './ssl-copies.js';

/** The containers of the services that read the certificate at start (services.ts CERTIFICATE_USERS). */
export const CERTIFICATE_USER_CONTAINERS: readonly string[] = STACK_SERVICES.filter((entry) =>
  (CERTIFICATE_USERS as readonly string[]).includes(entry.service),
).map((entry) => entry.container);

/**
 * certbot's --deploy-hook, kept in the stack directory (paths.deployHook) and named in the renewal
 * config, so every renewal runs it. Fixed content: it finds ssl/ next to itself and the certificate in
 * RENEWED_LINEAGE, which certbot sets. Containers are restarted with `docker restart`, which works the
 * same under compose v1 and v2; nginx (sni-router) passes TLS through and is left alone.
 */
export const DEPLOY_HOOK_SCRIPT = `#!/bin/sh
# Mailharbor: certbot deploy hook, run after every issuance and renewal of the stack's certificate.
# Written by the Mailharbor agent; a re-run of the install puts this content back.
#  1. copies ${CERTIFICATE_FILES.join(', ')} from RENEWED_LINEAGE (/etc/letsencrypt/live/<domain>),
#     dereferenced like cp -L, into the ssl/ directory beside this script, which the containers mount;
#  2. restarts the running containers that read the certificate at start (not nginx: it passes TLS through).
set -eu
lineage="\${RENEWED_LINEAGE:?certbot sets RENEWED_LINEAGE for deploy hooks}"
ssl_dir="$(dirname "$0")/ssl"
# Files are created private; only the public parts are opened up afterwards.
umask 077
mkdir -p "$ssl_dir"
for name in ${CERTIFICATE_FILES.map((file) => file.replace(/\.pem$/, '')).join(' ')}; do
  cp -L "$lineage/$name.pem" "$ssl_dir/.$name.pem.new"
  if [ "$name" != privkey ]; then chmod 644 "$ssl_dir/.$name.pem.new"; fi
  # rename: a container starting meanwhile never reads half a file
  mv -f "$ssl_dir/.$name.pem.new" "$ssl_dir/$name.pem"
done
echo "mailharbor: certificate copied from $lineage into $ssl_dir"

command -v docker >/dev/null 2>&1 || exit 0
running="$(docker ps --format '{{.Names}}' 2>/dev/null)" || running=""
restart=""
for container in ${CERTIFICATE_USER_CONTAINERS.join(' ')}; do
  if printf '%s\\n' "$running" | grep -Fqx "$container"; then restart="$restart $container"; fi
done
if [ -n "$restart" ]; then
  echo "mailharbor: restarting$restart"
  # word splitting of $restart is intended: one argument per container name
  docker restart $restart >/dev/null
fi
`;

export const DEPLOY_HOOK_MODE = 0o700;

export function deployHookChange(paths: StackPaths): Promise<FileChange> {
  return fileChange(paths.deployHook, DEPLOY_HOOK_SCRIPT, DEPLOY_HOOK_MODE);
}

export function installDeployHook(paths: StackPaths): Promise<FileChange> {
  return writeOwnedFile(paths.deployHook, DEPLOY_HOOK_SCRIPT, DEPLOY_HOOK_MODE);
}

/**
 * What the deploy hook does after copying, for when the step itself replaced ssl/ files without a new
 * issuance (certbot runs the hook only when it issues): restarts the running certificate users.
 * Returns the containers restarted; none when Docker is not there or nothing runs yet (a fresh install).
 */
export async function restartCertificateUsers(signal: AbortSignal): Promise<string[]> {
  const listed = await exec('docker', ['ps', '--format', '{{.Names}}'], { timeoutMs: 30_000, signal });
  if (listed.code !== 0) return [];
  const running = new Set(listed.stdout.split('\n').map((line) => line.trim()));
  const restart = CERTIFICATE_USER_CONTAINERS.filter((name) => running.has(name));
  if (!restart.length) return [];
  const restarted = await exec('docker', ['restart', ...restart], { timeoutMs: 5 * 60_000, signal });
  if (restarted.code !== 0) {
    throw new Error(`docker restart ${restart.join(' ')}: ${restarted.stderr.trim() || `exit ${restarted.code}`}`);
  }
  return restart;
}
