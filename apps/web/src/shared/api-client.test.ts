import { afterEach, describe, expect, test, vi } from 'vitest';
import { api, ApiError, setAuthHandlers, toQueryString } from './api-client';

type Call = { url: string; init: RequestInit };

function mockFetch(status: number, body: unknown): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setAuthHandlers({ unauthenticated: undefined, mustChangePassword: undefined });
});

describe('api client', () => {
  test('query strings leave out empty filters', () => {
    expect(toQueryString({ q: '', unitId: 3, role: undefined, active: null, limit: 20 })).toBe('?unitId=3&limit=20');
    expect(toQueryString({})).toBe('');
  });

  test('a GET sends no body; every other method sends JSON, {} when there is nothing (the CSRF rule)', async () => {
    const calls = mockFetch(200, { ok: true });
    await api.get('/api/users', { q: '张' });
    await api.delete('/api/users/7');
    await api.post('/api/auth/logout');
    expect(calls[0]!.url).toBe('/api/users?q=%E5%BC%A0');
    expect(calls[0]!.init.body).toBeUndefined();
    for (const c of calls.slice(1)) {
      expect((c.init.headers as Record<string, string>)['content-type']).toBe('application/json');
      expect(c.init.body).toBe('{}');
      expect(c.init.credentials).toBe('same-origin');
    }
    expect(calls[1]!.init.method).toBe('DELETE');
  });

  test('errors carry the server message and fields', async () => {
    mockFetch(400, { code: 'validation_failed', message: '输入有误', fields: { username: '该值已被使用' }, requestId: 'r1' });
    const err = await api.post('/api/users', { username: 'admin' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', message: '输入有误', fields: { username: '该值已被使用' }, requestId: 'r1' });
  });

  test('a refusal because the record exists names it: the page can link to it', async () => {
    mockFetch(409, { code: 'enterprise_exists', message: '名录中已有这家企业', fields: { name: '名录中已有这家企业' }, existingId: 42 });
    await expect(api.post('/api/enterprises', { name: '甲' })).rejects.toMatchObject({ status: 409, code: 'enterprise_exists', existingId: 42 });
    mockFetch(409, { code: 'duplicate_project', message: '已有项目' });
    await expect(api.post('/api/leads', {})).rejects.toMatchObject({ existingId: undefined });
  });

  test('a lost session and a forced password change are routed to their handlers', async () => {
    const unauthenticated = vi.fn();
    const mustChangePassword = vi.fn();
    setAuthHandlers({ unauthenticated, mustChangePassword });
    mockFetch(401, { code: 'unauthenticated', message: '请先登录' });
    await expect(api.get('/api/auth/me')).rejects.toThrow('请先登录');
    mockFetch(403, { code: 'password_must_change', message: '请先修改初始密码' });
    await expect(api.get('/api/users')).rejects.toThrow('请先修改初始密码');
    // a wrong password at sign-in is the login form's business, not a redirect
    mockFetch(401, { code: 'login_failed', message: '用户名或密码错误' });
    await expect(api.post('/api/auth/login', {})).rejects.toThrow('用户名或密码错误');
    expect(unauthenticated).toHaveBeenCalledTimes(1);
    expect(mustChangePassword).toHaveBeenCalledTimes(1);
  });

  test('a body that is not an error document still becomes an ApiError', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>bad gateway</html>', { status: 502 }));
    await expect(api.get('/api/health')).rejects.toMatchObject({ status: 502, code: 'http_error' });
  });
});
