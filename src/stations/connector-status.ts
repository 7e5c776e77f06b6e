/**
 * The version-neutral connector status. OCPP 2.x statuses are already these five; 1.6's
 * richer set is mapped at the edge (ocpp/v16), and the raw value is kept beside it.
 */
export const connectorStatuses = ['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted'] as const;
export type ConnectorStatus = (typeof connectorStatuses)[number];

export const isConnectorStatus = (s: string): s is ConnectorStatus => (connectorStatuses as readonly string[]).includes(s);
