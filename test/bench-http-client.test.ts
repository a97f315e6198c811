import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpConnection } from '../bench/http-client.ts';

// The benchmarks' HTTP client: what it reads must be what the server sent.
describe('bench HttpConnection', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        if (request.url === '/chunked') {
          response.write('part');
          response.end();
          return;
        }
        const text = JSON.stringify({ method: request.method, url: request.url, auth: request.headers.authorization, body });
        response.writeHead(request.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        response.end(text);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends requests one after another on one connection and reads each response whole', async () => {
    const connection = await HttpConnection.open(url);
    for (const body of ['{"a":1}', 'é'.repeat(40_000), '']) {
      const response = await connection.request('POST', '/v1/x', { authorization: 'Bearer t' }, body);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ method: 'POST', url: '/v1/x', auth: 'Bearer t', body });
    }
    expect((await connection.request('GET', '/missing', {})).status).toBe(404);
    connection.close();
  });

  it('refuses a response it cannot frame', async () => {
    const connection = await HttpConnection.open(url);
    await expect(connection.request('GET', '/chunked', {})).rejects.toThrow(/content-length/);
    connection.close();
  });
});
