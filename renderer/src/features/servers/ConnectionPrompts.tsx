import { useServers } from './servers-state';
import { AuthPromptDialog } from './AuthPromptDialog';
import { HostKeyDialog } from './HostKeyDialog';

/** Whatever main is asking while a server connects, one question at a time, on whichever page is open. */
export function ConnectionPrompts() {
  const hostKey = useServers((state) => state.hostKeyPrompts[0]);
  const auth = useServers((state) => state.authPrompts[0]);
  if (hostKey) return <HostKeyDialog key={hostKey.promptId} prompt={hostKey} />;
  if (auth) return <AuthPromptDialog key={auth.promptId} prompt={auth} />;
  return null;
}
