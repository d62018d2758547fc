// The Debian packages the Docker half of the world needs on the host, checked before `up` touches anything
// so a fresh machine gets one clear message instead of a failure halfway. test/world/install-host-packages
// installs the same list.
import fs from 'node:fs';
import path from 'node:path';

/** command -> Debian package that provides it */
export const HOST_COMMANDS: Readonly<Record<string, string>> = {
  docker: 'docker.io',
  dockerd: 'docker.io',
  debootstrap: 'debootstrap',
  'docker-registry': 'docker-registry',
  openssl: 'openssl',
  ssh: 'openssh-client',
  'ssh-keygen': 'openssh-client',
  'ssh-keyscan': 'openssh-client',
  ip: 'iproute2',
  tar: 'tar',
};

function onPath(cmd: string): boolean {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin']);
  return dirs.some((d) => {
    try {
      fs.accessSync(path.join(d, cmd), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function checkHostRequirements(): void {
  const missing = Object.keys(HOST_COMMANDS).filter((c) => !onPath(c));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((c) => HOST_COMMANDS[c]))].join(' ');
  throw new Error(
    `the test world needs ${missing.join(', ')}: run test/world/install-host-packages (apt-get install ${packages})`,
  );
}
