import { useCallback, useEffect, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../../electron/contract/contract';
import { api } from './index';

export interface ReadState<T> {
  value: T | undefined;
  error: unknown;
  /** True while a read runs (the first one, or one asked for with `again`). */
  reading: boolean;
  again: () => void;
}

/**
 * One read-only call, made when the component opens (or the input changes) and again when asked,
 * not polled: for what the server measures at some cost, or what changes rarely. The last value
 * stays shown while a new read runs or after one failed.
 */
export function useRead<K extends CallName>(name: K, input: CallInput<K>): ReadState<CallOutput<K>> {
  const [value, setValue] = useState<CallOutput<K>>();
  const [error, setError] = useState<unknown>();
  const [reading, setReading] = useState(true);
  const [round, setRound] = useState(0);
  // By value: a caller's `{ serverId }` is a new object on every render, the same read all the same.
  const key = JSON.stringify(input);
  useEffect(() => {
    let active = true;
    api
      .call(name, JSON.parse(key) as CallInput<K>)
      .then(
        (next) => {
          if (!active) return;
          setValue(next);
          setError(undefined);
        },
        (failure: unknown) => active && setError(failure),
      )
      .finally(() => active && setReading(false));
    return () => {
      active = false;
    };
  }, [name, key, round]);
  const again = useCallback(() => {
    setReading(true);
    setRound((current) => current + 1);
  }, []);
  return { value, error, reading, again };
}
