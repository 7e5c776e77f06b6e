/** Files Straumur stores (diagnostics, firmware), chunked in the database. */
export { createFileStore, cleanFileName, FileTooLarge, CHUNK_BYTES, type FileStore, type StoredFile, type FileKind } from './file-store.ts';
export { sendFile } from './send-file.ts';
export { readUpload, isMultipart, type IncomingFile } from './multipart.ts';
