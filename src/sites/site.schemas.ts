import { Type, type Static } from 'typebox';
import { Nullable, Timestamp } from '../http/schemas.ts';

export const Site = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    timeZone: Type.String({ description: 'IANA time zone, e.g. Atlantic/Reykjavik' }),
    address: Nullable(Type.String()),
    city: Nullable(Type.String()),
    postalCode: Nullable(Type.String()),
    country: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2' })),
    latitude: Nullable(Type.Number()),
    longitude: Nullable(Type.Number()),
    createdAt: Timestamp,
  },
  { $id: 'Site' },
);
export type SiteView = Static<typeof Site>;

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  address: Nullable(Type.String({ maxLength: 300 })),
  city: Nullable(Type.String({ maxLength: 100 })),
  postalCode: Nullable(Type.String({ maxLength: 20 })),
  country: Nullable(Type.String({ pattern: '^[A-Z]{2}$' })),
  latitude: Nullable(Type.Number({ minimum: -90, maximum: 90 })),
  longitude: Nullable(Type.Number({ minimum: -180, maximum: 180 })),
};

export const NewSite = Type.Object(
  {
    name: fields.name,
    timeZone: Type.Optional(fields.timeZone),
    address: Type.Optional(fields.address),
    city: Type.Optional(fields.city),
    postalCode: Type.Optional(fields.postalCode),
    country: Type.Optional(fields.country),
    latitude: Type.Optional(fields.latitude),
    longitude: Type.Optional(fields.longitude),
  },
  { additionalProperties: false },
);
export type NewSiteBody = Static<typeof NewSite>;

export const SitePatch = Type.Partial(NewSite, { additionalProperties: false });
export type SitePatchBody = Static<typeof SitePatch>;
