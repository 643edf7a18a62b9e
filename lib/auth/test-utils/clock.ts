import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Freezes `Date` at a fixed instant for every test of the file (timers keep running, so fetch
 * and promises behave) and restores it afterwards. Returns `advance(seconds)`.
 */
export function freezeClockPerTest(start = new Date('2026-11-22T10:00:00Z')): (seconds: number) => void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return (seconds) => vi.setSystemTime(Date.now() + seconds * 1000);
}
