/**
 * Files Straumur keeps (diagnostics uploaded by stations, firmware images uploaded by
 * operators), stored in the database in fixed-size chunks (ADR 0011): every node of a
 * cluster serves every file, backups hold them, and no file is ever in memory whole. A file
 * is written chunk by chunk as it streams in, hashed on the way, and becomes visible only
 * once complete. Every chunk but the last is exactly CHUNK_BYTES, so a byte range maps to
 * chunks without reading the others.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { storedFileChunks, storedFiles } from '../db/schema/index.ts';

export const CHUNK_BYTES = 512 * 1024;

export type FileKind = 'diagnostics' | 'firmware';
export type StoredFile = typeof storedFiles.$inferSelect;

export class FileTooLarge extends Error {
  override name = 'FileTooLarge';
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes.`);
    this.maxBytes = maxBytes;
  }
}

export interface SaveInput {
  kind: FileKind;
  fileName: string;
  contentType?: string | null | undefined;
  maxBytes: number;
}

/** A file name safe to show and to put in a Content-Disposition header. */
export const cleanFileName = (name: string | undefined | null, fallback: string): string => {
  const base = (name ?? '').split(/[\\/]/).pop()?.replace(/[^\w.\-+@ ()]/g, '_').trim().slice(0, 200);
  return base && base !== '.' && base !== '..' ? base : fallback;
};

export function createFileStore(deps: { db: Db; clock: Clock }) {
  const { db } = deps;

  /** A writable stream that stores what is written to it; `done` resolves with the stored file. */
  function writer(input: SaveInput): { stream: Writable; done: Promise<StoredFile> } {
    let fileId: Promise<string> | undefined;
    const hash = createHash('sha256');
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    let seq = 0;
    let resolve!: (f: StoredFile) => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<StoredFile>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    done.catch(() => {});

    const start = () =>
      (fileId ??= db
        .insert(storedFiles)
        .values({ kind: input.kind, fileName: input.fileName, contentType: input.contentType ?? null, createdAt: deps.clock.now() })
        .returning({ id: storedFiles.id })
        .then((r) => r[0]!.id));

    async function flushChunk(final: boolean): Promise<void> {
      while (pendingBytes >= CHUNK_BYTES || (final && pendingBytes > 0)) {
        const all = Buffer.concat(pending, pendingBytes);
        const data = all.subarray(0, Math.min(CHUNK_BYTES, all.length));
        const rest = all.subarray(data.length);
        pending = rest.length ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
        await db.insert(storedFileChunks).values({ fileId: await start(), seq: seq++, data: Buffer.from(data) });
      }
    }

    async function discard(): Promise<void> {
      if (fileId) await db.delete(storedFiles).where(eq(storedFiles.id, await fileId)).catch(() => {});
    }

    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > input.maxBytes) {
          const err = new FileTooLarge(input.maxBytes);
          void discard().finally(() => cb(err));
          return;
        }
        hash.update(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        flushChunk(false).then(() => cb(), (e: unknown) => cb(e as Error));
      },
      final(cb) {
        (async () => {
          const id = await start();
          await flushChunk(true);
          const rows = await db
            .update(storedFiles)
            .set({ sizeBytes: size, sha256: hash.digest('hex'), complete: true })
            .where(eq(storedFiles.id, id))
            .returning();
          return rows[0]!;
        })().then(
          (f) => {
            resolve(f);
            cb();
          },
          (e: unknown) => {
            void discard();
            reject(e);
            cb(e as Error);
          },
        );
      },
      destroy(err, cb) {
        if (err) {
          void discard();
          reject(err);
        }
        cb(err);
      },
    });
    stream.on('error', (err) => reject(err));
    return { stream, done };
  }

  return {
    writer,

    /** Stores a readable source whole; rejects with FileTooLarge past maxBytes (nothing is kept then). */
    async save(input: SaveInput, source: NodeJS.ReadableStream | AsyncIterable<Buffer>): Promise<StoredFile> {
      const w = writer(input);
      const { pipeline } = await import('node:stream/promises');
      await pipeline(source as AsyncIterable<Buffer>, w.stream);
      return w.done;
    },

    async info(id: string): Promise<StoredFile | null> {
      const rows = await db
        .select()
        .from(storedFiles)
        .where(and(eq(storedFiles.id, id), eq(storedFiles.complete, true)))
        .limit(1);
      return rows[0] ?? null;
    },

    /** The bytes [start, end] (inclusive) of a complete file, read one chunk at a time. */
    async *read(file: StoredFile, start = 0, end = file.sizeBytes - 1): AsyncGenerator<Buffer> {
      if (file.sizeBytes === 0 || end < start) return;
      const first = Math.floor(start / CHUNK_BYTES);
      const last = Math.floor(end / CHUNK_BYTES);
      for (let seq = first; seq <= last; seq++) {
        const rows = await db
          .select({ data: storedFileChunks.data })
          .from(storedFileChunks)
          .where(and(eq(storedFileChunks.fileId, file.id), eq(storedFileChunks.seq, seq)));
        const data = rows[0]?.data;
        if (!data) throw new Error(`Chunk ${seq} of file ${file.id} is missing`);
        const from = seq === first ? start - seq * CHUNK_BYTES : 0;
        const to = seq === last ? end - seq * CHUNK_BYTES + 1 : data.length;
        yield data.subarray(from, to);
      }
    },

    async remove(id: string): Promise<void> {
      await db.delete(storedFiles).where(eq(storedFiles.id, id));
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
