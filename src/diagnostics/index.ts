/** Diagnostics and log uploads, over HTTP and FTP, stored and downloadable. */
export { createLogUploads, type LogUploads, ftpUser, hashToken } from './log-upload.service.ts';
export { diagnosticsRoutes } from './diagnostics.routes.ts';
export { startFtpServer, type FtpAccess } from './ftp-server.ts';
