/** English texts: the shell feature. The shape every other language must match. */
export const shellEn = {
  shell: {
    opening: 'Opening a root shell on the server…',
    open: 'Root shell on the server. Everything you type runs as root.',
    ended: 'The shell has ended.',
    endedWithCode: 'The shell has ended (exit code {{code}}).',
    reopen: 'Open a new shell',
    openFailed: 'The shell could not be opened',
    search: 'Search the shell output',
    terminalLabel: 'Root shell on the server',
  },
};
