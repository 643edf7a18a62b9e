'use client';

import { useEffect, useState } from 'react';
import { useClientI18n } from '../_i18n/client';
import type { ClientText } from '../_i18n/en';
import { fill } from '../_i18n/template';

function describe(seconds: number, text: ClientText['countdown']): string {
  if (seconds <= 0) return text.expired;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes > 0
    ? fill(text.minutesAndSeconds, { minutes, seconds: rest.toString().padStart(2, '0') })
    : fill(text.seconds, { seconds: rest });
}

/** Time left until `expiresAt` (epoch seconds), ticking every second. */
export function Countdown({ expiresAt }: { expiresAt: number }) {
  const { text } = useClientI18n();
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={new Date(expiresAt * 1000).toISOString()} suppressHydrationWarning>
      {describe(expiresAt - now, text.countdown)}
    </time>
  );
}
