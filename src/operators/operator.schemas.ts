import { Type, type Static } from 'typebox';
import { Nullable, Timestamp } from '../http/schemas.ts';

export const OperatorRole = Type.Union([Type.Literal('admin'), Type.Literal('operator'), Type.Literal('viewer')]);

export const Operator = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    name: Nullable(Type.String()),
    role: OperatorRole,
    disabled: Type.Boolean(),
    createdAt: Timestamp,
    lastLoginAt: Nullable(Timestamp),
  },
  { $id: 'Operator' },
);
export type OperatorView = Static<typeof Operator>;

export const NewOperator = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    role: OperatorRole,
  },
  { additionalProperties: false },
);
export type NewOperatorBody = Static<typeof NewOperator>;

export const OperatorPatch = Type.Object(
  {
    name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 200 })),
    role: Type.Optional(OperatorRole),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OperatorPatchBody = Static<typeof OperatorPatch>;
