import type { SearchAddon } from '@xterm/addon-search';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { openTerminalPane } from '../../components/terminal/terminal-pane';
import { TerminalSearch } from '../../components/terminal/TerminalSearch';

/** The contract takes at most this much input per call; a bigger paste goes in pieces, in order. */
const MAX_INPUT_CHARS = 65_536;
/** Output that arrives before shell.open has answered (the first prompt), kept until the id is known. */
const EARLY_OUTPUT_CHARS = 256 * 1024;
const SCROLLBACK_LINES = 5_000;

type ShellState =
  | { status: 'opening' }
  | { status: 'open' }
  | { status: 'ended'; code: number | undefined }
  | { status: 'failed'; error: unknown };

/**
 * An interactive root shell on the server in xterm: a PTY over the app's SSH connection to it, sized
 * to the pane and resized with it. Keystrokes go out in order, one call at a time.
 */
export function ShellPane({ serverId }: { serverId: string }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const search = useRef<SearchAddon>(null);
  const [state, setState] = useState<ShellState>({ status: 'opening' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (!host.current) return;
    const pane = openTerminalPane(host.current, { cursorBlink: true, scrollback: SCROLLBACK_LINES, fontSize: 13 });
    const { term, fit: fitNow } = pane;
    search.current = pane.search;

    let shellId: string | undefined;
    let disposed = false;
    let early: Array<{ shellId: string; data: string }> = [];
    let earlyChars = 0;
    let sending: Promise<unknown> = Promise.resolve();
    setState({ status: 'opening' });

    const stopOutput = api.on('shell.output', (event) => {
      if (shellId === undefined) {
        if (earlyChars + event.data.length <= EARLY_OUTPUT_CHARS) {
          early.push(event);
          earlyChars += event.data.length;
        }
      } else if (event.shellId === shellId) {
        term.write(event.data);
      }
    });
    const stopExit = api.on('shell.exit', (event) => {
      if (event.shellId !== shellId) return;
      shellId = undefined;
      setState({ status: 'ended', code: event.code });
    });
    const send = (data: string) => {
      const id = shellId;
      if (!id) return;
      for (let start = 0; start < data.length; start += MAX_INPUT_CHARS) {
        const piece = data.slice(start, start + MAX_INPUT_CHARS);
        sending = sending.then(() => api.call('shell.input', { shellId: id, data: piece })).catch(() => undefined);
      }
    };
    const input = term.onData(send);
    const resized = term.onResize(({ cols, rows }) => {
      if (shellId) void api.call('shell.resize', { shellId, cols, rows }).catch(() => undefined);
    });

    api.call('shell.open', { serverId, cols: Math.max(2, term.cols), rows: Math.max(1, term.rows) }).then(
      (opened) => {
        if (disposed) {
          void api.call('shell.close', { shellId: opened.shellId }).catch(() => undefined);
          return;
        }
        shellId = opened.shellId;
        for (const event of early) if (event.shellId === shellId) term.write(event.data);
        early = [];
        setState({ status: 'open' });
        // The pane may have changed size while the shell was opening.
        fitNow();
        if (term.cols !== 0) void api.call('shell.resize', { shellId, cols: term.cols, rows: term.rows });
        term.focus();
      },
      (error: unknown) => {
        if (!disposed) setState({ status: 'failed', error });
      },
    );

    return () => {
      disposed = true;
      if (shellId) void api.call('shell.close', { shellId }).catch(() => undefined);
      stopOutput();
      stopExit();
      input.dispose();
      resized.dispose();
      pane.dispose();
      search.current = null;
    };
  }, [serverId, round]);

  return (
    <div className="shell-pane" data-testid="shell-pane">
      <div className="shell-pane__toolbar" style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
        <span className="hint" role="status" data-testid="shell-state">
          {state.status === 'opening' && t('shell.opening')}
          {state.status === 'open' && t('shell.open')}
          {state.status === 'ended' &&
            (state.code === undefined ? t('shell.ended') : t('shell.endedWithCode', { code: state.code }))}
        </span>
        {(state.status === 'ended' || state.status === 'failed') && (
          <button type="button" className="button button--small" onClick={() => setRound((value) => value + 1)}>
            {t('shell.reopen')}
          </button>
        )}
        <TerminalSearch search={search} words={{ label: t('shell.search') }} />
      </div>
      {state.status === 'failed' && (
        <ErrorNotice
          error={state.error}
          heading={t('shell.openFailed')}
          onRetry={() => setRound((value) => value + 1)}
        />
      )}
      <div
        className="shell-pane__terminal"
        ref={host}
        role="application"
        aria-label={t('shell.terminalLabel')}
        style={{ height: '60vh', minHeight: '240px', marginTop: '0.5rem', padding: '4px', background: '#10151c' }}
      />
    </div>
  );
}
