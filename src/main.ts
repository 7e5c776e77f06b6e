/** Reads the config, builds the app, listens, and shuts down cleanly on SIGTERM/SIGINT. Nothing else. */
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, redactConfig } from './config.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const app = await buildApp(config);
  app.log.info({ config: redactConfig(config) }, 'starting Straumur');
  const { port, tlsPort } = await app.listen();
  if (app.generatedAdmin) {
    process.stdout.write(
      `\n  First start: an admin account was created.\n  email:    ${app.generatedAdmin.email}\n  password: ${app.generatedAdmin.password}\n  (shown once; set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)\n\n`,
    );
  }
  const where = config.host === '0.0.0.0' ? 'localhost' : config.host;
  app.log.info(
    { port, tlsPort, database: app.database.kind },
    `Straumur is ready: API http://${where}:${port}/api/docs, OCPP ws://${where}:${port}/ocpp/{stationId}${tlsPort ? `, wss on ${tlsPort}` : ''}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const hardStop = setTimeout(() => process.exit(1), 15_000);
    hardStop.unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`Straumur failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
