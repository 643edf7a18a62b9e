import { logto } from '@/app/_demo/logto';

export const dynamic = 'force-dynamic';

/** sign-in, sign-up, callback and user (GET), sign-out (POST): see `logto.paths`. */
export const { GET, POST } = logto.handlers;
