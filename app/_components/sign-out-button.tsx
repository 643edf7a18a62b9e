import { logto } from '@/app/_demo/logto';

/** Sign-out is a POST from this site only, so a cross-site link cannot sign anyone out. */
export function SignOutButton({ label, className = '' }: { label: string; className?: string }) {
  return (
    <form action={logto.paths.signOut} method="post">
      <button
        type="submit"
        className={`inline-flex min-h-10 items-center whitespace-nowrap rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-100 ${className}`}
      >
        {label}
      </button>
    </form>
  );
}
