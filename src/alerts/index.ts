/** Alerts: conditions that open, are acknowledged, and resolve themselves; notified by webhook and email. */
export { alertTypes, severities, type AlertType, type AlertsPort, type AlertKey, type OpenAlert, type Severity } from './types.ts';
export { createAlertsService, type AlertsService, type AlertView } from './alerts.service.ts';
export { createAlertWatch, type AlertWatch, type WatchSettings } from './watch.ts';
export { createNotifier, signature, type NotifierSettings } from './notifier.ts';
export { alertRoutes } from './alerts.routes.ts';
