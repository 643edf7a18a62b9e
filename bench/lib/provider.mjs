// The local provider's test controls (`emulator/`, started with EMULATOR_TEST_CONTROLS=1): its
// request counter and its token settings.

export function providerControls(url) {
  const call = async (method, pathname, body) => {
    const response = await fetch(`${url}${pathname}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`${method} ${pathname}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    stats: () => call('GET', '/__test/stats'),
    resetStats: () => call('POST', '/__test/stats/reset'),
    config: () => call('GET', '/__test/config'),
    setConfig: (patch) => call('POST', '/__test/config', patch),
  };
}
