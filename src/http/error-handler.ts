/** Maps every error to the API's error body: catalogued AppErrors, validation, and the rest as 500. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, catalogue, dbErrorOf } from '../errors.ts';

const unavailableStates = new Set(['08000', '08003', '08006', '57P01', '57P02', '57P03', '53300']);

export function errorHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    const first = fe.validation[0];
    const where = fe.validationContext ?? 'request';
    const path = first?.instancePath ? first.instancePath.slice(1).replace(/\//g, '.') : '';
    const message = `Invalid ${where}${path ? ` field '${path}'` : ''}: ${first?.message ?? 'does not match its schema'}.`;
    return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message } });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 429 ? 'RATE_LIMITED' : fe.statusCode === 404 ? 'NOT_FOUND' : fe.statusCode === 413 ? 'TOO_LARGE' : 'VALIDATION_FAILED';
    return reply.status(fe.statusCode).send({ error: { code, message: fe.message } });
  }
  const db = dbErrorOf(err);
  if (db && unavailableStates.has(db.code)) {
    req.log.warn({ err }, 'database unavailable');
    return reply.status(503).header('Retry-After', '5').send({ error: { code: 'UNAVAILABLE', message: catalogue.UNAVAILABLE.message } });
  }
  if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
    req.log.warn({ err }, 'dependency unavailable');
    return reply.status(503).header('Retry-After', '5').send({ error: { code: 'UNAVAILABLE', message: catalogue.UNAVAILABLE.message } });
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'INTERNAL', message: catalogue.INTERNAL.message } });
}
