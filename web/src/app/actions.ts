/**
 * Loads every feature's actions into the registry (web/src/actions/registry.ts). A feature
 * with commands adds its `actions.ts` here.
 */
import '../features/alerts/actions.ts';
import '../features/drivers/actions.ts';
import '../features/sessions/actions.ts';
import '../features/stations/actions.ts';
