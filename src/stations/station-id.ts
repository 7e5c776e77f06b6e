/**
 * A station id (OCPP's charging station identity) is 1 to 48 characters (OCPP 2.0.1 part 4:
 * identity is CiString48) of the URL's unreserved set, so it is the same in a path, a Basic
 * auth username (no colon) and a log line. "." and ".." are refused as path tricks.
 */
const STATION_ID = /^(?!\.{1,2}$)[A-Za-z0-9\-._~]{1,48}$/;

export const isValidStationId = (id: string): boolean => STATION_ID.test(id);

export const stationIdRule = 'a station id is 1 to 48 letters, digits, or - . _ ~';
