import { NextResponse } from 'next/server';
import { getSession } from '@/app/_demo/logto';

export const dynamic = 'force-dynamic';

/** A session-protected API (the middleware answers 401 JSON without a session). */
export async function GET() {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: 'unauthenticated' }, { status: 401 });
  return NextResponse.json({ claims: session.claims, tokens: session.tokens }, { headers: { 'cache-control': 'no-store' } });
}
