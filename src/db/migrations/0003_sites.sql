-- Sites: where stations stand (OCPI's Location, in short), for tariffs per site and reports per site.

CREATE TABLE sites (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL,
  -- IANA time zone of the site, for local-time tariffs and reports
  time_zone    text NOT NULL DEFAULT 'UTC',
  address      text,
  city         text,
  postal_code  text,
  -- ISO 3166-1 alpha-2
  country      text,
  latitude     numeric(9, 6),
  longitude    numeric(9, 6),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sites_name_key ON sites (lower(name));

ALTER TABLE stations ADD COLUMN site_id uuid REFERENCES sites(id) ON DELETE SET NULL;
CREATE INDEX stations_site_idx ON stations (site_id);
