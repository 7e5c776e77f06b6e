import { Type, type Static } from 'typebox';
import { Nullable, Paging, Timestamp } from '../http/schemas.ts';

export const TokenStatus = Type.Union([Type.Literal('Accepted'), Type.Literal('Blocked'), Type.Literal('Expired'), Type.Literal('Invalid')]);

export const Token = Type.Object(
  {
    uid: Type.String(),
    type: Type.String(),
    status: TokenStatus,
    expiresAt: Nullable(Timestamp),
    groupId: Nullable(Type.String()),
    driverId: Nullable(Type.String({ format: 'uuid' })),
    label: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Token' },
);
export type TokenView = Static<typeof Token>;

const Uid = Type.String({ minLength: 1, maxLength: 36, description: 'RFID uids are hexadecimal and case-insensitive' });

export const NewToken = Type.Object(
  {
    uid: Uid,
    type: Type.Optional(Type.String({ description: 'ISO14443 (default), ISO15693, eMAID, Central, KeyCode, Local, MacAddress, NoAuthorization' })),
    driverId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    status: Type.Optional(TokenStatus),
    expiresAt: Type.Optional(Nullable(Timestamp)),
    groupId: Type.Optional(Nullable(Type.String({ maxLength: 36 }))),
    label: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);
export type NewTokenBody = Static<typeof NewToken>;

export const TokenPatch = Type.Object(
  {
    status: Type.Optional(TokenStatus),
    driverId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    expiresAt: Type.Optional(Nullable(Timestamp)),
    groupId: Type.Optional(Nullable(Type.String({ maxLength: 36 }))),
    label: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);
export type TokenPatchBody = Static<typeof TokenPatch>;

export const TokenQuery = Type.Intersect([
  Paging,
  Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    driverId: Type.Optional(Type.String({ format: 'uuid' })),
    status: Type.Optional(TokenStatus),
  }),
]);

export const ImportResult = Type.Object({ created: Type.Integer(), updated: Type.Integer() });
