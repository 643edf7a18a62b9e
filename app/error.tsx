'use client';

import { useClientI18n } from './_i18n/client';

/** Last-resort boundary: a readable page with a retry, never a stack trace. */
export default function ErrorBoundary({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const text = useClientI18n().text.errorBoundary;
  return (
    <div className="mx-auto max-w-xl rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="text-2xl font-bold tracking-tight">{text.title}</h1>
      <p className="mt-2 text-slate-600">{text.body}</p>
      {error.digest && (
        <p className="mt-4 text-xs text-slate-600">
          {text.reference} {error.digest}
        </p>
      )}
      <button
        type="button"
        onClick={reset}
        className="mt-6 inline-flex min-h-10 items-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        {text.tryAgain}
      </button>
    </div>
  );
}
