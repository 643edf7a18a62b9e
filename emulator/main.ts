/**
 * `npm run emulator`: starts the local Logto emulator from `EMULATOR_*` variables
 * (see emulator/README.md) and stops it on SIGINT / SIGTERM.
 */
import { optionsFromEnv } from './options';
import { startEmulator } from './server';

const log = (line: string) => console.log(`[emulator] ${line}`);

async function main(): Promise<void> {
  const emulator = await startEmulator({ ...optionsFromEnv(process.env), log });
  const accounts = emulator.store
    .users()
    .filter((user) => user.username && user.password)
    .map((user) => user.username)
    .join(', ');
  log(`Logto emulator on ${emulator.url} (issuer ${emulator.issuer}); demo accounts ${accounts}, password Demo-Passw0rd`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`[emulator] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
