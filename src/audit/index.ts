/** The audit log of operator actions and sign-ins (ADR 0024). */
export { type AuditLog, createAuditLog, isAudited, SIGN_IN_ROUTE } from './audit-log.ts';
export type { AuditEntryRow, AuditLogQuery, AuditLogRepo } from './audit.repo.ts';
export { auditRoutes } from './audit.routes.ts';
export { isSecretSetting, REDACTED, type RedactOptions, redactSecrets } from './redact.ts';
