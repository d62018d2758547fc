import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal, type ITerminalOptions } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

export interface TerminalPane {
  term: Terminal;
  search: SearchAddon;
  /** Fits the terminal to its element now (it also follows the element's size by itself). */
  fit(): void;
  dispose(): void;
}

/**
 * An xterm terminal in `host` the way every pane of the app has one: the same font and colours,
 * fitted to its element and kept fitted as it resizes, searchable, and with links that open in
 * the browser (never in the app's window).
 */
export function openTerminalPane(host: HTMLElement, options: ITerminalOptions): TerminalPane {
  const term = new Terminal({
    fontSize: 12,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    theme: { background: '#10151c', foreground: '#d8dee9' },
    ...options,
  });
  const fitAddon = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fitAddon);
  term.loadAddon(search);
  term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
  term.open(host);
  const fit = () => {
    try {
      fitAddon.fit();
    } catch {
      // Not visible (another tab): fitted when it is shown again.
    }
  };
  fit();
  const observer = new ResizeObserver(fit);
  observer.observe(host);
  return {
    term,
    search,
    fit,
    dispose: () => {
      observer.disconnect();
      term.dispose();
    },
  };
}
