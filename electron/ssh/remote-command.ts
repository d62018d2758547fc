/**
 * SSH carries one command string to the server's shell; we never build it from user text.
 * Callers give an argument array and each argument is single-quoted, so the remote shell sees
 * exactly those arguments whatever characters they hold.
 */
export function quoteArgument(argument: string): string {
  if (argument.includes('\0')) throw new Error('an argument cannot contain a NUL byte');
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('empty command');
  return argv.map(quoteArgument).join(' ');
}
