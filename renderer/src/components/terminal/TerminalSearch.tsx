import type { SearchAddon } from '@xterm/addon-search';
import { useId, useState, type RefObject } from 'react';

export interface TerminalSearchWords {
  label: string;
  previous?: string;
  next?: string;
}

/**
 * Search in a terminal pane: finds as you type, Enter for the next match and Shift+Enter for the
 * previous one; with `previous`/`next` words, buttons for both as well.
 */
export function TerminalSearch({
  search,
  words,
}: {
  search: RefObject<SearchAddon | null>;
  words: TerminalSearchWords;
}) {
  const [query, setQuery] = useState('');
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {words.label}
      </label>
      <input
        id={id}
        className="input input--small"
        type="search"
        placeholder={words.label}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          search.current?.findNext(event.target.value, { incremental: true });
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          if (event.shiftKey) search.current?.findPrevious(query);
          else search.current?.findNext(query);
        }}
      />
      {words.previous && (
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => search.current?.findPrevious(query)}
        >
          {words.previous}
        </button>
      )}
      {words.next && (
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => search.current?.findNext(query)}
        >
          {words.next}
        </button>
      )}
    </>
  );
}
