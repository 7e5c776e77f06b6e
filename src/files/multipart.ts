/**
 * Reads an upload body that is either the file itself (PUT or POST of raw bytes) or an HTML
 * form (multipart/form-data, the first file part), as stations and browsers send them.
 * Form fields before the file are returned too (a firmware upload's version, signature...).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { Busboy } from '@fastify/busboy';

export interface IncomingFile {
  fileName: string | undefined;
  contentType: string | undefined;
  fields: Record<string, string>;
  stream: Readable;
}

export const isMultipart = (headers: IncomingHttpHeaders) => /^multipart\/form-data/i.test(headers['content-type'] ?? '');

/** Resolves once the file part begins (with the fields read so far); rejects when the form has no file. */
export function readUpload(headers: IncomingHttpHeaders, body: Readable, maxFieldBytes = 64 * 1024): Promise<IncomingFile> {
  if (!isMultipart(headers)) {
    return Promise.resolve({ fileName: undefined, contentType: headers['content-type'], fields: {}, stream: body });
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let found = false;
    let busboy: ReturnType<typeof Busboy>;
    try {
      busboy = new Busboy({ headers: headers as never, limits: { files: 1, fieldSize: maxFieldBytes, fields: 20 } });
    } catch (err) {
      reject(err);
      return;
    }
    busboy.on('field', (name: string, value: string) => {
      fields[name] = value;
    });
    busboy.on('file', (_field: string, file: Readable, fileName: string, _enc: string, mime: string) => {
      if (found) return file.resume();
      found = true;
      const out = new PassThrough();
      file.pipe(out);
      file.on('error', (e) => out.destroy(e));
      resolve({ fileName, contentType: mime, fields, stream: out });
    });
    busboy.on('error', (err: Error) => (found ? undefined : reject(err)));
    busboy.on('finish', () => {
      if (!found) reject(new Error('The form has no file.'));
    });
    body.pipe(busboy);
  });
}
