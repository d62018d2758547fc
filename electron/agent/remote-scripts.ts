/**
 * The only shell scripts the app sends, as fixed text: every variable part is a positional
 * argument ($1, $2, ...) quoted by the SSH layer, never pasted into the script.
 */

/** Marks the launcher's answer when the agent or its runtime is not (or not correctly) installed. */
export const DEPLOY_NEEDED_MARKER = 'MAILHARBOR-DEPLOY-NEEDED';
export const DEPLOY_NEEDED_EXIT_CODE = 3;

/**
 * The V8 flags the agent runs with, tuned for a small, steady footprint on a small VPS (the
 * dashboard's log follow is measured against 80 MB by bench/agent-follow-memory.ts): a young
 * generation of 2 MiB, V8's memory-saving mode, and a first full collection at 12 MiB of old
 * generation instead of V8's default (a quarter of the machine's memory): without it the heap
 * grows by tens of MB before anything is collected.
 */
export const AGENT_NODE_FLAGS = ['--max-semi-space-size=2', '--optimize-for-size', '--initial-old-space-size=12'];

/**
 * $1 node binary, $2 its sha256 on x86_64, $3 its sha256 on aarch64, $4 agent bundle, $5 its
 * sha256. Starts the agent when both are in place (their checksums were verified at install time
 * and recorded beside them); otherwise says in one line what this machine is and has, so the app
 * can deploy without another round trip to ask.
 */
export const LAUNCH_SCRIPT = `set -u
machine=$(uname -m)
case "$machine" in
  x86_64|amd64) want="$2" ;;
  aarch64|arm64) want="$3" ;;
  *) want=unsupported ;;
esac
node_ok=no
[ -x "$1" ] && [ "$(cat "$1.sha256" 2>/dev/null)" = "$want" ] && node_ok=yes
if [ "$node_ok" = yes ] && [ "$(cat "$4.sha256" 2>/dev/null)" = "$5" ]; then
  exec "$1" ${AGENT_NODE_FLAGS.join(' ')} "$4" serve
fi
if command -v xz >/dev/null 2>&1; then unpack=xz; else unpack=gz; fi
printf '${DEPLOY_NEEDED_MARKER} arch=%s unpack=%s runtime=%s\\n' "$machine" "$unpack" "$node_ok"
exit ${DEPLOY_NEEDED_EXIT_CODE}
`;

/**
 * $1 uploaded file, $2 how it is packed (xz, gz or none), $3 sha256 of the upload, $4 destination,
 * $5 sha256 of the unpacked file. Verifies before and after unpacking, moves into place atomically,
 * and only then records the checksum that the launcher trusts.
 */
export const INSTALL_FILE_SCRIPT = `set -eu
umask 022
[ "$(sha256sum "$1" | cut -d' ' -f1)" = "$3" ] || { echo "the upload of $4 arrived damaged" >&2; exit 10; }
mkdir -p "$(dirname "$4")"
partial="$4.partial.$$"
case "$2" in
  xz) xz -dc "$1" > "$partial" ;;
  gz) gzip -dc "$1" > "$partial" ;;
  none) cp "$1" "$partial" ;;
  *) echo "unknown packing $2" >&2; exit 12 ;;
esac
if [ "$(sha256sum "$partial" | cut -d' ' -f1)" != "$5" ]; then
  rm -f "$partial"
  echo "$4 did not unpack to the expected file" >&2
  exit 11
fi
chmod 0755 "$partial"
mv -f "$partial" "$4"
printf '%s\\n' "$5" > "$4.sha256.partial.$$"
mv -f "$4.sha256.partial.$$" "$4.sha256"
rm -f "$1"
`;
