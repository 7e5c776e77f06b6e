/** REST: sign in, sign out, who am I. */
import { Type } from 'typebox';
import { principalOf, tokenOf } from '../http/auth-hooks.ts';
import { ErrorBody } from '../http/schemas.ts';
import type { App } from '../http/types.ts';
import { unwrap } from '../result.ts';
import type { AuthService } from './auth.service.ts';

const Principal = Type.Object({
  type: Type.Union([Type.Literal('operator'), Type.Literal('driver')]),
  id: Type.String(),
  role: Type.String(),
  email: Type.String(),
});

export function authRoutes(app: App, { auth }: { auth: AuthService }): void {
  const tags = ['auth'];

  app.post('/api/v1/auth/login', {
    config: { auth: 'public', limit: 'sign-in' },
    schema: {
      tags,
      summary: 'Sign in (operators and drivers)',
      security: [],
      body: Type.Object(
        { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
        { additionalProperties: false },
      ),
      response: {
        200: Type.Object({ token: Type.String(), expiresAt: Type.String({ format: 'date-time' }), principal: Principal }),
        400: ErrorBody,
        401: ErrorBody,
        429: ErrorBody,
      },
    },
    handler: async (req) => {
      const signedIn = unwrap(await auth.login(req.body.email, req.body.password));
      // The request is now this principal's: the audit log names who signed in.
      req.principal = signedIn.principal;
      return signedIn;
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { auth: 'any' },
    schema: { tags, summary: 'End this token', response: { 204: Type.Null() } },
    handler: async (req, reply) => {
      const token = tokenOf(req);
      if (token) await auth.logout(token);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/auth/me', {
    config: { auth: 'any' },
    schema: { tags, summary: 'The signed-in principal', response: { 200: Principal, 401: ErrorBody } },
    handler: async (req) => principalOf(req),
  });
}
