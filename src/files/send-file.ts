/**
 * Answers an HTTP request with a stored file: Content-Length, a download name, and single
 * byte ranges (stations on slow links resume firmware downloads with Range requests).
 */
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FileStore, StoredFile } from './file-store.ts';

function range(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

export function sendFile(req: FastifyRequest, reply: FastifyReply, files: FileStore, file: StoredFile, attachment = true) {
  const size = file.sizeBytes;
  reply.header('accept-ranges', 'bytes');
  reply.header('content-type', file.contentType ?? 'application/octet-stream');
  if (attachment) reply.header('content-disposition', `attachment; filename="${file.fileName.replace(/"/g, '')}"`);
  if (file.sha256) reply.header('etag', `"${file.sha256}"`);
  const r = range(req.headers.range, size);
  if (r === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${size}`).send();
  if (r) {
    reply.status(206).header('content-range', `bytes ${r.start}-${r.end}/${size}`).header('content-length', r.end - r.start + 1);
    return reply.send(Readable.from(req.method === 'HEAD' ? [] : files.read(file, r.start, r.end)));
  }
  reply.header('content-length', size);
  // A HEAD request gets the headers only; nothing is read from the store.
  return reply.send(Readable.from(req.method === 'HEAD' ? [] : files.read(file)));
}
