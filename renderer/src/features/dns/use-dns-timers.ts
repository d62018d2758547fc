import { useEffect, useState } from 'react';
import { AUTO_CHECK_INTERVAL_MS } from './dns-view';

/**
 * Runs `check` once, AUTO_CHECK_INTERVAL_MS after the latest round ended, while `due` stays true. Each
 * round that ends schedules the next (the caller bounds how many); leaving the page clears the timer,
 * so nothing is checked behind the user's back.
 */
export function useAutoRecheck(due: boolean, roundEnded: unknown, check: () => void): void {
  useEffect(() => {
    if (!due) return;
    const timer = setTimeout(check, AUTO_CHECK_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [due, roundEnded, check]);
}

/** The current time, once a second while `ticking` (for the TTL countdowns); otherwise it stands still. */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
