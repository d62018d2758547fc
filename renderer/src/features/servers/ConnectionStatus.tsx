import { useTranslation } from 'react-i18next';
import type { ConnectionStatus as Status } from '../../../../electron/contract/server-schemas';

/**
 * A server's connection state as a coloured dot and a word; the word is what counts, the colour only
 * helps. `announce` makes screen readers say changes (once per server, on its card).
 */
export function ConnectionStatus({ status, announce = false }: { status: Status; announce?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="status-pill" data-status={status} aria-live={announce ? 'polite' : undefined}>
      <span className="status-pill__dot" aria-hidden="true" />
      {t(`servers.status.${status}`)}
    </span>
  );
}
