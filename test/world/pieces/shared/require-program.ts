// A piece's programs come from Debian packages that test/world/install-host-packages installs; on a machine
// without them, say which package is missing instead of a bare spawn ENOENT halfway through `up`.
import fs from 'node:fs';

export function requireProgram(file: string, debianPackage: string): string {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return file;
  } catch {
    throw new Error(`${file} is missing: install Debian's ${debianPackage} (test/world/install-host-packages)`);
  }
}
