import { execFileSync } from 'node:child_process';

/**
 * Decrypts an age file with the real `age` tool (Debian's package), typing the passphrase at the
 * prompt it reads from a terminal (age never takes it on the command line): a pseudo-terminal by
 * Python's pty module answers it.
 */
export function ageDecrypt(file: string, output: string, passphrase: string): void {
  const script = `
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp('age', ['age', '-d', '-o', sys.argv[1], sys.argv[2]])
seen = b''
while True:
    try:
        data = os.read(fd, 1024)
    except OSError:
        break
    if not data:
        break
    seen += data
    if b'passphrase' in seen.lower():
        os.write(fd, sys.stdin.buffer.read() + b'\\n')
        seen = b''
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`;
  execFileSync('python3', ['-c', script, output, file], { input: passphrase, timeout: 60_000 });
}
