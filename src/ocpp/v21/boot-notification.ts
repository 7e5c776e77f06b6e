/** OCPP 2.1's BootNotification has the same request and response as 2.0.1's; the 2.1 schemas validate it (see routes.test.ts). */
export { bootNotification } from '../v201/boot-notification.ts';
