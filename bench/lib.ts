/** Helpers of the benchmark orchestrator: child processes, their memory, a free port, the table. */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const ROOT = new URL('..', import.meta.url).pathname;

/** A load generator process, called like a function over IPC. */
export class LoadProcess {
  readonly child: ChildProcess;
  #seq = 0;
  readonly #waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  readonly ready: Promise<void>;

  constructor() {
    this.child = fork(`${ROOT}bench/load.ts`, [], { execArgv: ['--import', 'tsx', '--max-old-space-size=4096'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.ready = new Promise((resolve) => {
      this.child.on('message', (m: any) => {
        if (m.ready) return resolve();
        const w = this.#waiting.get(m.seq);
        this.#waiting.delete(m.seq);
        if (m.error) w?.reject(new Error(m.error));
        else w?.resolve(m.result);
      });
    });
  }

  call<T = any>(cmd: string, args: unknown = {}): Promise<T> {
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#waiting.set(seq, { resolve, reject });
      this.child.send({ seq, cmd, args });
    });
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts a process and waits until `ready` (output so far) says it is ready. */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: (output: string) => boolean | Promise<boolean>,
  timeoutMs = 120_000,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // Keep only the tail: a long run must not grow without bound, nor block on a full pipe.
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + timeoutMs;
  while (!(await ready(out))) {
    if (exited !== undefined) throw new Error(`exited with ${exited}:\n${out.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`not ready in ${timeoutMs} ms:\n${out.slice(-3000)}`);
    await sleep(200);
  }
  return { child, output: () => out };
}

/** Whether a Straumur answers GET /health with 200. */
export async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;
  } catch {
    return false;
  }
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Resident memory of a process and its children (workers), in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  let total = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const c of children) total += rssOf(Number(c));
  } catch {
    // the process is gone
  }
  return total;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Row {
  measure: string;
  value: string;
  target: string;
  met: boolean | null;
}

export function table(rows: Row[]): string {
  const head: Row = { measure: 'Measure', value: 'Result', target: 'Target', met: null };
  const all = [head, ...rows];
  const w = [Math.max(...all.map((r) => r.measure.length)), Math.max(...all.map((r) => r.value.length)), Math.max(...all.map((r) => r.target.length))];
  const line = (r: Row) => `| ${r.measure.padEnd(w[0]!)} | ${r.value.padStart(w[1]!)} | ${r.target.padEnd(w[2]!)} | ${r === head ? 'Met' : r.met === null ? '   ' : r.met ? 'yes' : 'NO '} |`;
  return [line(head), `|${'-'.repeat(w[0]! + 2)}|${'-'.repeat(w[1]! + 2)}|${'-'.repeat(w[2]! + 2)}|-----|`, ...rows.map(line)].join('\n');
}
