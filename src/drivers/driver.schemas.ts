import { Type, type Static } from 'typebox';
import { Nullable, Paging, Timestamp } from '../http/schemas.ts';

export const DriverStatus = Type.Union([Type.Literal('active'), Type.Literal('blocked')]);

export const Driver = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    name: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    status: DriverStatus,
    blockedReason: Nullable(Type.String()),
    hasPassword: Type.Boolean(),
    createdAt: Timestamp,
    lastLoginAt: Nullable(Timestamp),
  },
  { $id: 'Driver' },
);
export type DriverView = Static<typeof Driver>;

const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 8, maxLength: 200 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Phone = Type.String({ maxLength: 40 });

/** An operator creates a driver account; the password is optional (the driver may set it later). */
export const NewDriver = Type.Object(
  { email: Email, name: Type.Optional(Name), phone: Type.Optional(Phone), password: Type.Optional(Password) },
  { additionalProperties: false },
);
export type NewDriverBody = Static<typeof NewDriver>;

/** A driver registers themselves. */
export const Registration = Type.Object({ email: Email, password: Password, name: Type.Optional(Name), phone: Type.Optional(Phone) }, { additionalProperties: false });
export type RegistrationBody = Static<typeof Registration>;

export const DriverPatch = Type.Object(
  {
    name: Type.Optional(Nullable(Name)),
    phone: Type.Optional(Nullable(Phone)),
    password: Type.Optional(Password),
    status: Type.Optional(DriverStatus),
    blockedReason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type DriverPatchBody = Static<typeof DriverPatch>;

/** What a driver may change of their own profile. */
export const ProfilePatch = Type.Object(
  { name: Type.Optional(Nullable(Name)), phone: Type.Optional(Nullable(Phone)), password: Type.Optional(Password) },
  { additionalProperties: false },
);

export const DriverQuery = Type.Intersect([
  Paging,
  Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), status: Type.Optional(DriverStatus) }),
]);
