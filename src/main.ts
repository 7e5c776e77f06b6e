/**
 * Reads the config and the command line, builds the app, listens, and shuts down cleanly on
 * SIGTERM/SIGINT. Nothing else.
 *
 *   npm start                     one process
 *   npm start -- --workers 4      four processes sharing the port (cluster mode: REDIS_URL)
 *   npm start -- --demo           with a handful of simulated stations charging
 */
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { isPrimary, superviseWorkers, workerNodeId } from './cluster/workers.ts';
import { ConfigError, loadConfig, redactConfig } from './config.ts';

function usage(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { workers: { type: 'string', default: '1' }, demo: { type: 'boolean', default: false } }, strict: true }).values;
  } catch (err) {
    usage(`${(err as Error).message}\nOptions: --workers N, --demo`);
  }
  const workers = Number(args.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256) usage(`--workers must be a whole number from 1 to 256 (got ${args.workers})`);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) usage(err.message);
    throw err;
  }
  if (workers > 1 && !config.cluster) usage('--workers needs cluster mode: set REDIS_URL (and DATABASE_URL), so workers reach each other\'s stations.');
  if (workers > 1 && args.demo) usage('--demo runs in one process; leave out --workers.');
  if (workers > 1 && isPrimary()) return superviseWorkers(workers, (line) => process.stdout.write(`${line}\n`), config.shutdownTimeoutSec);

  const nodeId = workerNodeId(config.nodeId);
  const app = await buildApp(config, nodeId ? { node: nodeId } : {});
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
  // The simulator is loaded only for a demo.
  const demo = args.demo ? await (await import('./simulator/index.ts')).startDemo(app, port) : null;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, timeoutSec: config.shutdownTimeoutSec }, 'shutting down');
    const hardStop = setTimeout(() => {
      app.log.error({ timeoutSec: config.shutdownTimeoutSec }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownTimeoutSec * 1000);
    hardStop.unref();
    Promise.resolve(demo?.stop())
      .then(() => app.close())
      .then(() => {
        app.log.info({ signal }, 'shut down');
        process.exit(0);
      })
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
