/** REST shapes of tariffs: the OCPI 2.2.1 Tariff object's fields, plus a name and `default`. */
import { type Static, Type } from 'typebox';
import { Nullable, Timestamp } from '../../http/schemas.ts';

/** A number or its decimal text: prices are kept as exact decimal text either way. */
const Num = Type.Union([Type.Number({ minimum: 0 }), Type.String({ pattern: '^\\d+(\\.\\d+)?$', maxLength: 30 })]);
const HHMM = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
const Day = Type.String({ pattern: '^[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });
const Price = Type.Object({ excl_vat: Num, incl_vat: Type.Optional(Nullable(Num)) }, { additionalProperties: false });

export const PriceComponent = Type.Object(
  {
    type: Type.Union([Type.Literal('ENERGY'), Type.Literal('FLAT'), Type.Literal('PARKING_TIME'), Type.Literal('TIME')]),
    price: Num,
    vat: Type.Optional(Nullable(Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.String({ pattern: '^\\d+(\\.\\d+)?$', maxLength: 10 })]))),
    step_size: Type.Integer({ minimum: 0, maximum: 86_400 * 31 }),
  },
  { additionalProperties: false },
);

export const TariffRestrictions = Type.Object(
  {
    start_time: Type.Optional(HHMM),
    end_time: Type.Optional(HHMM),
    start_date: Type.Optional(Day),
    end_date: Type.Optional(Day),
    min_kwh: Type.Optional(Num),
    max_kwh: Type.Optional(Num),
    min_current: Type.Optional(Num),
    max_current: Type.Optional(Num),
    min_power: Type.Optional(Num),
    max_power: Type.Optional(Num),
    min_duration: Type.Optional(Type.Integer({ minimum: 0 })),
    max_duration: Type.Optional(Type.Integer({ minimum: 0 })),
    day_of_week: Type.Optional(
      Type.Array(
        Type.Union(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'].map((d) => Type.Literal(d))),
        { maxItems: 7 },
      ),
    ),
    reservation: Type.Optional(Type.Union([Type.Literal('RESERVATION'), Type.Literal('RESERVATION_EXPIRES')])),
  },
  { additionalProperties: false },
);

const tariffFields = {
  currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217' }),
  elements: Type.Array(
    Type.Object(
      { price_components: Type.Array(PriceComponent, { minItems: 1, maxItems: 10 }), restrictions: Type.Optional(Nullable(TariffRestrictions)) },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 50 },
  ),
  min_price: Type.Optional(Nullable(Price)),
  max_price: Type.Optional(Nullable(Price)),
  preauthorize_amount: Type.Optional(Nullable(Type.Union([Num], { description: 'What a card payment holds at the start (OCPI 2.3.0), major units' }))),
  tariff_alt_text: Type.Optional(Type.Array(Type.Object({ language: Type.String({ maxLength: 2 }), text: Type.String({ maxLength: 512 }) }), { maxItems: 10 })),
};

export const NewTariff = Type.Object(
  {
    ...tariffFields,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    default: Type.Optional(Type.Boolean({ description: 'Make it the tariff of every session nothing else prices' })),
    start_date_time: Type.Optional(Type.String({ format: 'date-time', description: 'When this version takes effect (default: now)' })),
  },
  { additionalProperties: false },
);
export type NewTariffBody = Static<typeof NewTariff>;

export const Tariff = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    default: Type.Boolean(),
    version: Type.Integer(),
    valid_from: Timestamp,
    last_updated: Timestamp,
    archived: Type.Boolean(),
    ...tariffFields,
    versions: Type.Array(Type.Object({ version: Type.Integer(), valid_from: Timestamp })),
  },
  { $id: 'Tariff' },
);
export type TariffView = Static<typeof Tariff>;

export const TariffIdBody = Type.Object({ tariffId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
