/** Schemas shared by every REST route: the error body, pagination, ids. */
import { Type, type Static, type TSchema } from 'typebox';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable error code (docs/errors.md)' }),
      message: Type.String({ description: 'A sentence saying what went wrong' }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody', description: 'Every error the API answers has this shape.' },
);

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const Timestamp = Type.String({ format: 'date-time' });

export const Paging = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
export type PagingQuery = Static<typeof Paging>;

export const page = (q: PagingQuery) => ({ limit: q.limit ?? 100, offset: q.offset ?? 0 });

export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Optional(Type.Integer()) });

/** The common error answers, for a route's `response` schema. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
} as const;
