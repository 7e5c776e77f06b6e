/** The operators capability: operator accounts and their roles. */
export { createOperatorsService, type OperatorsService } from './operator.service.ts';
export { operatorRoutes } from './operators.routes.ts';
