import type { SettingRef } from '../../commands/index.ts';
import type { ComponentType, EVSEType, VariableType } from './types.gen.ts';
import type { VariablePath } from '../../maintenance/index.ts';

/** An EVSE (and connector) in 2.x terms, or nothing for the whole station. */
export const evse = (evseId: number | undefined, connectorId?: number): { evse?: EVSEType } =>
  evseId === undefined ? {} : { evse: { id: evseId, ...(connectorId !== undefined ? { connectorId } : {}) } };

/** A setting's component and variable; a 2.x variable always lives in a component. */
export function componentVariable(s: SettingRef): { component: ComponentType; variable: VariableType } {
  return {
    component: { name: s.component ?? '', ...(s.componentInstance ? { instance: s.componentInstance } : {}), ...evse(s.evseId, s.connectorId) },
    variable: { name: s.variable, ...(s.variableInstance ? { instance: s.variableInstance } : {}) },
  };
}

export const needsComponent = (settings: SettingRef[] | undefined): string | undefined =>
  settings?.some((s) => !s.component) ? 'OCPP 2.x variables live in components: give each setting its component.' : undefined;

/** A reported component and variable in neutral terms. */
export function pathOf(c: ComponentType, v: VariableType): VariablePath {
  return {
    component: c.name,
    componentInstance: c.instance,
    evseId: c.evse?.id,
    connectorId: c.evse?.connectorId,
    variable: v.name,
    variableInstance: v.instance,
  };
}

/** The neutral SettingRef of a reported component and variable. */
export function settingOf(c: ComponentType, v: VariableType, attribute?: SettingRef['attribute']): SettingRef {
  const p = pathOf(c, v);
  return { ...p, component: c.name, ...(attribute ? { attribute } : {}) };
}
