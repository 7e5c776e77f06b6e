/**
 * `--workers N`: N Straumur processes on one machine sharing the listening ports (node:cluster
 * hands each new connection to a worker in turn). Each worker is a full node of the cluster
 * (its own NODE_ID, Redis and PostgreSQL connections); the primary only starts them, starts a
 * new one when one dies, and passes shutdown signals on.
 */
import cluster from 'node:cluster';

const RESTART_DELAY_MS = 1000;

/** `shutdownTimeoutSec`: each worker's own bound (SHUTDOWN_TIMEOUT_SEC); the primary waits a little longer. */
export function superviseWorkers(n: number, log: (line: string) => void, shutdownTimeoutSec: number): void {
  let stopping = false;
  const fork = (index: number) => {
    const worker = cluster.fork({ STRAUMUR_WORKER_INDEX: String(index) });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      log(`worker ${index} (pid ${worker.process.pid}) exited (${signal ?? code}); starting another`);
      setTimeout(() => fork(index), RESTART_DELAY_MS);
    });
  };
  for (let i = 1; i <= n; i++) fork(i);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping ${n} workers`);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    const exit = () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    };
    cluster.on('exit', exit);
    exit();
    setTimeout(() => process.exit(1), (shutdownTimeoutSec + 5) * 1000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** A worker's node id: NODE_ID and its index, or (by default) host and pid. */
export function workerNodeId(nodeId: string | undefined): string | undefined {
  const index = cluster.isWorker ? process.env.STRAUMUR_WORKER_INDEX : undefined;
  return nodeId && index ? `${nodeId}-w${index}` : nodeId;
}

export const isPrimary = () => cluster.isPrimary;
