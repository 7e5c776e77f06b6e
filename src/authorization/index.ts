/** The authorization capability: token decisions and local authorization lists. */
export { decide, type Decision, type AuthStatus, type TokenFacts } from './decision.ts';
export { createAuthorizationService, type AuthorizationService, type AuthorizeRequest, type AuthorizationCheck } from './authorization.service.ts';
export { createLocalListService, type LocalListService } from './local-list.service.ts';
export { authorizationRoutes } from './authorization.routes.ts';
