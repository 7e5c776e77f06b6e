/** The auth capability: passwords, roles and permissions, sign-in and bearer tokens. */
export { hashPassword, verifyPassword, generatePassword, PERSON_COST, STATION_COST } from './passwords.ts';
export { can, roles, operatorRoles, permissions, type Role, type OperatorRole, type Permission, type Principal } from './permissions.ts';
export { createAuthService, type AuthService, type Account, type AccountSource } from './auth.service.ts';
export { authRoutes } from './auth.routes.ts';
