/** Sign-out is a POST from this site only, so a cross-site link cannot sign anyone out. */
export function SignOutButton({ className = '' }: { className?: string }) {
  return (
    <form action="/api/logto/sign-out" method="post">
      <button
        type="submit"
        className={`rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-100 ${className}`}
      >
        Sign out
      </button>
    </form>
  );
}
