/**
 * One string that names a variable attribute of a station's device model: component (and
 * instance, EVSE, connector), variable (and instance) and attribute. It is the inventory's
 * key, so the same variable reported twice (by NotifyReport, GetVariables, or 1.6
 * GetConfiguration, where there is no component) is one row.
 */
import type { VariablePath } from '../maintenance/index.ts';

export const variableKey = (p: VariablePath, attribute = 'Actual'): string =>
  JSON.stringify([p.component ?? null, p.componentInstance ?? null, p.evseId ?? null, p.connectorId ?? null, p.variable, p.variableInstance ?? null, attribute]);
