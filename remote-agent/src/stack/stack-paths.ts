import path from 'node:path';

/** Upstream's own install directory: its docs, scripts and existing installs all use it. */
export const DEFAULT_STACK_DIR = '/root/forwardemail.net/self-hosting';

/**
 * Every path an install touches. Tests of single steps point `MAILHARBOR_STACK_DIR` (and the
 * other roots) at a temporary directory; on a server they are the real locations.
 */
export interface StackPaths {
  dir: string;
  envFile: string;
  composeFile: string;
  /** Upstream setup.sh's compose file: its presence marks an install made by upstream. */
  upstreamComposeFile: string;
  nginxConf: string;
  sslDir: string;
  dkimKey: string;
  acmeWebroot: string;
  sqliteData: string;
  mongoBackups: string;
  redisData: string;
  /**
   * Left by the environment step when it changed an existing .env, removed by the containers step
   * once the services were restarted: a container bind-mounts the .env file it was created with.
   */
  envChangedMarker: string;
  /** Run by certbot after each issuance and renewal: copies the certificate into ssl/ and restarts. */
  deployHook: string;
  letsencryptDir: string;
  /** Credentials files of the DNS plugins (the seed names /root/.cloudflare.ini). */
  rootHome: string;
  /** Where the agent keeps what it installs outside the stack directory (CA bundles, hooks). */
  agentEtcDir: string;
  resolvConf: string;
  /** The host's /mnt: older upstream installs kept mailboxes in /mnt/<SQLITE_STORAGE_PATH> there. */
  mntDir: string;
}

export function stackPaths(env: NodeJS.ProcessEnv = process.env): StackPaths {
  const dir = path.resolve(env.MAILHARBOR_STACK_DIR || DEFAULT_STACK_DIR);
  const root = env.MAILHARBOR_SYSTEM_ROOT ? path.resolve(env.MAILHARBOR_SYSTEM_ROOT) : '/';
  return {
    dir,
    envFile: path.join(dir, '.env'),
    composeFile: path.join(dir, 'docker-compose.yml'),
    upstreamComposeFile: path.join(dir, 'docker-compose-self-hosted.yml'),
    nginxConf: path.join(dir, 'nginx.conf'),
    sslDir: path.join(dir, 'ssl'),
    dkimKey: path.join(dir, 'ssl', 'dkim.key'),
    acmeWebroot: path.join(dir, 'acme-webroot'),
    sqliteData: path.join(dir, 'sqlite-data'),
    mongoBackups: path.join(dir, 'mongo-backups'),
    redisData: path.join(dir, 'redis-data'),
    deployHook: path.join(dir, 'mailharbor-deploy-certs.sh'),
    envChangedMarker: path.join(dir, '.mailharbor-env-changed'),
    letsencryptDir: path.join(root, 'etc', 'letsencrypt'),
    rootHome: path.join(root, 'root'),
    agentEtcDir: path.join(root, 'etc', 'mailharbor'),
    resolvConf: path.join(root, 'etc', 'resolv.conf'),
    mntDir: path.join(root, 'mnt'),
  };
}
