'use client';

import { useEffect, useState } from 'react';

function describe(seconds: number): string {
  if (seconds <= 0) return 'expired';
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes > 0 ? `${minutes} min ${rest.toString().padStart(2, '0')} s` : `${rest} s`;
}

/** Time left until `expiresAt` (epoch seconds), ticking every second. */
export function Countdown({ expiresAt }: { expiresAt: number }) {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={new Date(expiresAt * 1000).toISOString()} suppressHydrationWarning>
      {describe(expiresAt - now)}
    </time>
  );
}
