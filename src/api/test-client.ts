import type { FastifyInstance } from 'fastify';

/** An answer as tests read it: status, headers and the parsed JSON body (or the text). */
export interface Answer<T> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
}

type Method = 'GET' | 'POST' | 'DELETE';

/**
 * Requests through Fastify's `inject` as one bearer; for the API tests only. Bodies are
 * sent as JSON when given, and with no content type at all when not.
 */
export class TestClient {
  constructor(
    readonly app: FastifyInstance,
    readonly token: string | undefined,
  ) {}

  as(token: string | undefined): TestClient {
    return new TestClient(this.app, token);
  }

  async request<T = Record<string, unknown>>(method: Method, url: string, body?: unknown): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.app.inject({ method, url, headers, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
    const json = /json/.test(String(response.headers['content-type'])) && response.body !== '';
    return { status: response.statusCode, headers: response.headers, body: (json ? response.json() : response.body) as T, text: response.body };
  }

  get<T = Record<string, unknown>>(url: string): Promise<Answer<T>> {
    return this.request<T>('GET', url);
  }

  post<T = Record<string, unknown>>(url: string, body?: unknown): Promise<Answer<T>> {
    return this.request<T>('POST', url, body);
  }

  delete<T = Record<string, unknown>>(url: string, body?: unknown): Promise<Answer<T>> {
    return this.request<T>('DELETE', url, body);
  }
}
