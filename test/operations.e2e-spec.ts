import { startApi, type TestApp } from './support/test-app.js';

describe('operations: health, metrics, docs, errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApi();
  });
  afterAll(() => t.close());

  it('reports database and Redis up on /health', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('exposes Prometheus metrics with the HTTP histogram by route and status, and queue depths', async () => {
    await t.http.get('/api/v1/admin/staff').expect(401);
    const response = await t.http.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /desk_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/admin\/staff",status="401"\} [1-9]/,
    );
    expect(response.text).toMatch(/desk_queue_jobs\{queue="maintenance",state="waiting"\} \d+/);
  });

  it('serves Swagger UI at /docs and OpenAPI with /api/v1 paths and bearer auth at /docs-json', async () => {
    const ui = await t.http.get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const spec = (await t.http.get('/docs-json').expect(200)).body;
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/admin/staff',
        '/api/v1/admin/staff/{id}',
        '/api/v1/admin/audit',
        '/api/v1/admin/audit/verify',
      ]),
    );
    expect(spec.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(spec.paths['/api/v1/admin/staff'].post.security).toEqual([{ bearer: [] }]);
    expect(spec.components.schemas.CreateStaffDto.properties.email.example).toBeDefined();
  });

  it('answers unknown routes with 404 ROUTE_NOT_FOUND in the error shape', async () => {
    const response = await t.http.get('/api/v1/nowhere').expect(404);
    expect(response.body).toMatchObject({
      statusCode: 404,
      error: 'Not Found',
      code: 'ROUTE_NOT_FOUND',
    });
    expect(typeof response.body.message).toBe('string');
  });

  it('echoes a well-formed X-Request-Id, replaces a malformed one, and puts it in error bodies', async () => {
    const mine = await t.http
      .get('/api/v1/admin/staff')
      .set('X-Request-Id', 'trace-123')
      .expect(401);
    expect(mine.headers['x-request-id']).toBe('trace-123');
    expect(mine.body.requestId).toBe('trace-123');
    const bad = await t.http.get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and no x-powered-by', async () => {
    const response = await t.http.get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
