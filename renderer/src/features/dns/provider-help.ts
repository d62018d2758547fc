import type { Language } from '../../../../electron/contract/schemas';
import { fillTemplate, type ProviderId, type TicketValues } from '../../../../common/dns/vps-providers';
import { messages } from '../../i18n/resources';

export interface ProviderTexts {
  /** How to set the reverse DNS of the server's addresses to mx.{{domain}}. */
  ptrSteps: string[];
  /** Whether port 25 is usually blocked there, and how to ask for it to be opened. */
  port25Steps: string[];
  /** A support message asking to open port 25. */
  ticket: string;
}

/**
 * One provider's help (the general advice when it is not known) in one language, with the server's
 * values filled in: from the interface's own texts (provider-help.en.ts and .nl.ts), a step whose
 * value is missing left out (a server without IPv6 gets no IPv6 step).
 */
export function renderProviderHelp(
  provider: ProviderId | undefined,
  language: Language,
  values: TicketValues,
): ProviderTexts {
  const texts = messages[language].providerHelp[provider ?? 'general'];
  const fillSteps = (steps: readonly string[]) =>
    steps.map((step) => fillTemplate(step, values)).filter((step) => step.trim() !== '');
  return {
    ptrSteps: fillSteps(texts.ptrSteps),
    port25Steps: fillSteps(texts.port25Steps),
    ticket: fillTemplate(texts.ticket, values),
  };
}
