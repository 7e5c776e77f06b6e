/** Calls `tick` every `ms` while the page is open and visible (a phone in a pocket costs nothing). */
import { useEffect, useRef } from 'react';

export function usePolling(tick: () => void, ms: number, enabled = true): void {
  const fn = useRef(tick);
  fn.current = tick;
  useEffect(() => {
    if (!enabled) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') fn.current();
    }, ms);
    return () => clearInterval(id);
  }, [ms, enabled]);
}
