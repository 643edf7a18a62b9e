// Closed-loop HTTP load with autocannon (in this process): N keep-alive connections, each sending
// its next request as soon as the previous answer arrived, for a fixed duration.
import autocannon from 'autocannon';

/**
 * Loads `url` for `seconds` and returns requests/s and latency. Every answer must be 2xx: a
 * redirect (e.g. to sign-in) would measure something else, so it is counted and reported.
 */
export async function load({ url, seconds, connections, headers = {}, rotateCookies }) {
  let next = 0;
  // With `rotateCookies`, each request carries the next Cookie header of the list, round-robin.
  const requests = rotateCookies
    ? [
        {
          method: 'GET',
          setupRequest: (request) => {
            const cookie = rotateCookies[next];
            next = (next + 1) % rotateCookies.length;
            return { ...request, headers: { ...request.headers, cookie } };
          },
        },
      ]
    : undefined;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    pipelining: 1,
    headers: { accept: 'text/html', 'user-agent': 'logto-next-bench', ...headers },
    timeout: 30,
    ...(requests ? { requests } : {}),
  });
  const elapsed = result.duration > 0 ? result.duration : seconds;
  const completed = result['2xx'] ?? 0;
  return {
    url: new URL(url).pathname,
    seconds: Math.round(elapsed * 100) / 100,
    requests: result.requests.total,
    ok2xx: completed,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: Math.round((completed / elapsed) * 10) / 10,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99 },
  };
}
