import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerSummary } from '../../../../electron/contract/server-schemas';
import { EmptyState } from '../../components/EmptyState';
import { InfoIcon } from '../../components/icons';
import { useNavigation } from '../../state/navigation';
import { useServers } from './servers-state';

/**
 * Which server a page works on: the first of `preferred` (the one the page was opened for, the one
 * the setup works on, ...) that is still listed, else the first connected one. With
 * `connectedOnly`, only connected servers count. The pages that act on one server all choose it
 * this way, so moving between them keeps the same server.
 */
export function useCurrentServer(
  preferred: readonly (string | undefined)[],
  options: { connectedOnly?: boolean } = {},
): {
  server: ServerSummary | undefined;
  servers: ServerSummary[];
  connected: ServerSummary[];
  ready: boolean;
} {
  const servers = useServers((state) => state.servers);
  const ready = useServers((state) => state.list.status) === 'ready';
  const connected = servers.filter((server) => server.status === 'connected');
  const candidates = options.connectedOnly ? connected : servers;
  const id = [...preferred, connected[0]?.id].find(
    (candidate) => candidate !== undefined && candidates.some((server) => server.id === candidate),
  );
  return { server: candidates.find((server) => server.id === id), servers, connected, ready };
}

/** A page that needs a server, shown without one: what it would show, and the way to the Servers page. */
export function NoServer({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const go = useNavigation((state) => state.go);
  return (
    <EmptyState icon={icon} title={title}>
      {children}
      <div className="empty-state__actions">
        <button type="button" className="button button--primary" onClick={() => go('servers')}>
          {t('serverGate.goToServers')}
        </button>
      </div>
    </EmptyState>
  );
}

/** The chosen server is not connected right now: say so, with the way to connect it. */
export function NotConnected({ text }: { text: string }) {
  const { t } = useTranslation();
  const go = useNavigation((state) => state.go);
  return (
    <p className="notice notice--boxed" role="status">
      <InfoIcon />
      <span>
        {text}{' '}
        <button type="button" className="link-button" onClick={() => go('servers')}>
          {t('serverGate.goToServers')}
        </button>
      </span>
    </p>
  );
}

/** The server a page works on, with a choice of the others when there are several. */
export function ServerPicker({
  server,
  choices,
  label,
  onPick,
  className,
  testId,
  detail,
}: {
  server: ServerSummary;
  choices: readonly ServerSummary[];
  label: string;
  onPick: (id: string) => void;
  className: string;
  /** Marks the server's name when there is nothing to choose. */
  testId?: string;
  /** Shown after the name when there is nothing to choose (the address, say). */
  detail?: ReactNode;
}) {
  const id = useId();
  const options = choices.some((candidate) => candidate.id === server.id) ? choices : [server, ...choices];
  if (options.length < 2) {
    return (
      <p className={className}>
        <span className="field__label">{label}: </span>
        <strong data-testid={testId}>{server.name}</strong>
        {detail && <> {detail}</>}
      </p>
    );
  }
  return (
    <div className={className}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>{' '}
      <select id={id} className="input" value={server.id} onChange={(event) => onPick(event.target.value)}>
        {options.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name}
          </option>
        ))}
      </select>
    </div>
  );
}
