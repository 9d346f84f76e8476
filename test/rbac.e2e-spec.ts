import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC, type Role, ROLES_KEY } from '@desk/platform';
import { startApi, type TestApp } from './support/test-app.js';

interface RouteInfo {
  method: string;
  path: string;
  allowed: Role[] | undefined;
  isPublic: boolean;
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/** Every route the API registers, read from controller metadata, so routes added later are covered. */
function registeredRoutes(t: TestApp): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as { prototype: Record<string, unknown> } | null;
      if (!type) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, type) as string | undefined) ?? '';
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        routes.push({
          method: method.toLowerCase(),
          path: join('api/v1', base, Reflect.getMetadata(PATH_METADATA, handler) as string),
          allowed: Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, type),
          isPublic: Boolean(
            Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, type),
          ),
        });
      }
    }
  }
  return routes;
}

describe('RBAC matrix over every /api/v1/admin and /api/v1/finance route', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startApi();
    routes = registeredRoutes(t).filter((r) => /^\/api\/v1\/(admin|finance)(\/|$)/.test(r.path));
    for (const role of ['agent', 'supervisor', 'finance'] as const)
      tokens.set(role, (await t.staffWith([role])).token);
  });
  afterAll(() => t.close());

  const call = (route: RouteInfo, token?: string) => {
    const url = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
    const req = (t.http as unknown as Record<string, (u: string) => import('supertest').Test>)[
      route.method
    ](url);
    if (token) req.set('Authorization', `Bearer ${token}`);
    return route.method === 'get' || route.method === 'delete' ? req : req.send({});
  };

  it('finds the routes and none of them is public or lacks a role declaration', () => {
    expect(routes.length).toBeGreaterThanOrEqual(6);
    for (const route of routes) {
      expect({
        route: `${route.method} ${route.path}`,
        isPublic: route.isPublic,
        declared: Array.isArray(route.allowed),
      }).toEqual({
        route: `${route.method} ${route.path}`,
        isPublic: false,
        declared: true,
      });
    }
  });

  it('answers 401 without a token on every route', async () => {
    for (const route of routes) {
      const response = await call(route);
      expect(`${route.method} ${route.path} → ${response.status} ${response.body.code}`).toBe(
        `${route.method} ${route.path} → 401 UNAUTHENTICATED`,
      );
    }
  });

  it('answers 403 to every role the route does not allow, and lets allowed roles and admin past the guard', async () => {
    for (const route of routes) {
      for (const [role, token] of tokens) {
        const response = await call(route, token);
        const allowed = route.allowed!.includes(role);
        const outcome =
          response.status === 403
            ? 'forbidden'
            : response.status === 401
              ? 'unauthenticated'
              : 'passed';
        expect(`${route.method} ${route.path} as ${role}: ${outcome}`).toBe(
          `${route.method} ${route.path} as ${role}: ${allowed ? 'passed' : 'forbidden'}`,
        );
      }
      const asAdmin = await call(route, t.adminToken);
      expect([401, 403]).not.toContain(asAdmin.status);
      // An empty body or unknown id is the client's mistake: never a server error.
      expect(`${route.method} ${route.path} as admin → ${asAdmin.status}`).not.toMatch(/→ 5\d\d$/);
    }
  });
});
