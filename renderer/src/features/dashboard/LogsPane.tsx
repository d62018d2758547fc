import type { SearchAddon } from '@xterm/addon-search';
import type { Terminal } from '@xterm/xterm';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STACK_SERVICES } from '../../../../common/stack/services';
import type { ServiceName } from '../../../../common/dashboard/dashboard-contract';
import { api } from '../../api';
import { useStream } from '../../api/use-stream';
import { ErrorNotice } from '../../components/ErrorNotice';
import { openTerminalPane } from '../../components/terminal/terminal-pane';
import { TerminalSearch } from '../../components/terminal/TerminalSearch';
import { HeldText, LogTranscript, renderEntries, type LogWords } from './dashboard-view';

const SERVICE_NAMES = STACK_SERVICES.map((entry) => entry.service);
const TAIL_CHOICES = [50, 100, 500, 1000, 5000];
/** Characters handed to xterm and not yet parsed: past this, new text waits in `held` (bounded too). */
const XTERM_BACKLOG_CHARS = 2 * 1024 * 1024;
/** What waits while paused or while xterm is behind; beyond it the oldest lines are dropped and marked. */
const HELD_CHARS = 4 * 1024 * 1024;
const SCROLLBACK_LINES = 10_000;

/**
 * Live logs of one, several or all services in xterm: the last N lines, then following; colours
 * kept; timestamps optional; pause, copy, download, clear, search. Bounded at this end as well:
 * when xterm cannot parse as fast as lines come, they wait in a bounded hold and past that are
 * dropped with a visible "N lines skipped" marker, as main and the agent do before it.
 */
export function LogsPane({ serverId }: { serverId: string }) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const terminal = useRef<Terminal>(null);
  const search = useRef<SearchAddon>(null);
  const transcript = useRef(new LogTranscript(SCROLLBACK_LINES));
  const held = useRef(new HeldText(HELD_CHARS));
  const backlog = useRef(0);
  const pausedRef = useRef(false);
  const [services, setServices] = useState<ServiceName[]>([]);
  const [tail, setTail] = useState(100);
  const [timestamps, setTimestamps] = useState(false);
  const [paused, setPaused] = useState(false);
  const [skipped, setSkipped] = useState(0);
  const [copied, setCopied] = useState(false);

  const words: LogWords = {
    skipped: (count) => t('dashboard.logs.skipped', { count }),
    attached: (service) => t('dashboard.logs.attached', { service }),
    detached: (service, reason) =>
      t('dashboard.logs.detached', {
        service,
        reason: t(`dashboard.logs.reason.${reason as 'stopped' | 'missing' | 'unreadable'}`),
      }),
  };
  const wordsRef = useRef(words);
  useEffect(() => {
    wordsRef.current = words;
  });

  // The terminal itself, once.
  useEffect(() => {
    if (!host.current) return;
    const pane = openTerminalPane(host.current, {
      convertEol: false,
      disableStdin: true,
      scrollback: SCROLLBACK_LINES,
    });
    terminal.current = pane.term;
    search.current = pane.search;
    return () => {
      pane.dispose();
      terminal.current = null;
      search.current = null;
    };
  }, []);

  /** Hands text to xterm, counting what it has not parsed yet; held text follows once it has. */
  const sink = useRef({
    write(text: string) {
      const term = terminal.current;
      if (!term || text === '') return;
      backlog.current += text.length;
      transcript.current.add(text);
      term.write(text, () => {
        backlog.current -= text.length;
        if (!pausedRef.current && backlog.current < XTERM_BACKLOG_CHARS / 2 && held.current.size > 0) {
          sink.current.drain();
        }
      });
    },
    /** Writes what was held, after a marker for what the hold had to drop. */
    drain() {
      const { text, dropped } = held.current.take();
      if (dropped > 0) {
        onDropped.current(dropped);
        sink.current.write(
          renderEntries([], dropped, { prefix: false, timestamps: false, words: wordsRef.current }).text,
        );
      }
      sink.current.write(text);
    },
  });
  const onDropped = useRef((count: number) => setSkipped((value) => value + count));

  // One follow per choice of services, tail and timestamps.
  const prefix = services.length !== 1;
  const { state: follow, restart } = useStream(`${serverId}|${services.join(',')}|${tail}|${timestamps}`, {
    event: 'logs.lines',
    start: (streamId) => api.call('logs.follow', { serverId, streamId, services, tail, timestamps }),
    onEvent: (payload) => {
      const rendered = renderEntries(payload.lines, payload.skipped, { prefix, timestamps, words: wordsRef.current });
      if (rendered.skipped > 0) setSkipped((value) => value + rendered.skipped);
      if (pausedRef.current || backlog.current > XTERM_BACKLOG_CHARS || held.current.size > 0) {
        held.current.push(rendered.text, rendered.lines);
      } else {
        sink.current.write(rendered.text);
      }
    },
  });

  const togglePause = () => {
    const next = !paused;
    pausedRef.current = next;
    setPaused(next);
    if (!next) sink.current.drain();
  };
  const clear = () => {
    terminal.current?.clear();
    terminal.current?.reset();
    transcript.current.clear();
    held.current.take();
    setSkipped(0);
  };
  const copy = async () => {
    const selection = terminal.current?.getSelection();
    await navigator.clipboard.writeText(selection || transcript.current.text);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  const download = () => {
    const blob = new Blob([transcript.current.text], { type: 'text/plain' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `mailharbor-logs-${services.length === 0 ? 'all' : services.join('-')}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const toggleService = (service: ServiceName) => {
    setServices((current) =>
      current.includes(service) ? current.filter((name) => name !== service) : [...current, service],
    );
  };

  return (
    <div className="dashboard-logs" data-testid="dashboard-logs">
      <fieldset className="dashboard-logs__services">
        <legend>{t('dashboard.logs.services')}</legend>
        <label>
          <input type="checkbox" checked={services.length === 0} onChange={() => setServices([])} />{' '}
          {t('dashboard.logs.all')}
        </label>
        {SERVICE_NAMES.map((service) => (
          <label key={service}>
            <input
              type="checkbox"
              checked={services.includes(service)}
              onChange={() => toggleService(service)}
              data-service={service}
            />{' '}
            {service}
          </label>
        ))}
      </fieldset>
      <div className="dashboard-logs__toolbar">
        <label>
          {t('dashboard.logs.tail')}{' '}
          <select className="input input--small" value={tail} onChange={(event) => setTail(Number(event.target.value))}>
            {TAIL_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={timestamps} onChange={(event) => setTimestamps(event.target.checked)} />{' '}
          {t('dashboard.logs.timestamps')}
        </label>
        <button type="button" className="button button--small" onClick={togglePause} aria-pressed={paused}>
          {paused ? t('dashboard.logs.resume') : t('dashboard.logs.pause')}
        </button>
        <button type="button" className="button button--small" onClick={() => void copy()}>
          {copied ? t('dashboard.logs.copied') : t('dashboard.logs.copy')}
        </button>
        <button type="button" className="button button--small" onClick={download}>
          {t('dashboard.logs.download')}
        </button>
        <button type="button" className="button button--small" onClick={clear}>
          {t('dashboard.logs.clear')}
        </button>
        <TerminalSearch
          search={search}
          words={{
            label: t('dashboard.logs.search'),
            previous: t('dashboard.logs.searchPrevious'),
            next: t('dashboard.logs.searchNext'),
          }}
        />
      </div>
      <p
        className="dashboard-logs__state hint"
        role="status"
        data-testid="dashboard-logs-state"
        data-follow={
          follow.status === 'running' || follow.status === 'retrying'
            ? 'following'
            : follow.status === 'ended'
              ? 'stopped'
              : 'failed'
        }
      >
        {paused
          ? t('dashboard.logs.paused')
          : follow.status === 'running' || follow.status === 'retrying'
            ? t('dashboard.logs.following')
            : t('dashboard.logs.stopped')}
        {skipped > 0 && (
          <strong className="dashboard-logs__skipped" data-testid="dashboard-logs-skipped">
            {' · '}
            {t('dashboard.logs.skippedTotal', { count: skipped })}
          </strong>
        )}
      </p>
      {follow.status === 'failed' && (
        <ErrorNotice error={follow.error} heading={t('dashboard.logs.failed')} onRetry={restart} />
      )}
      <div className="dashboard-logs__terminal" ref={host} role="log" aria-label={t('dashboard.logs.terminalLabel')} />
    </div>
  );
}
