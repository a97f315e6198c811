import { connect, type Socket } from 'node:net';

/**
 * A minimal HTTP/1.1 keep-alive client for load generators: one socket, one request in flight,
 * requests written as prebuilt text and responses read by Content-Length. `fetch` (undici)
 * costs several hundred microseconds of CPU per request here, on the same two cores as the
 * server it measures (profiled: the client thread was busy all the time at 1,600
 * requests/s); this costs a few tens, so a benchmark measures the server and not its client.
 * Like wrk or autocannon it is deliberately small: no redirects, no chunked responses, no TLS.
 */
export interface HttpResponse {
  status: number;
  body: string;
}

export class HttpConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { resolve: (response: HttpResponse) => void; reject: (error: Error) => void } | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly host: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  static open(url: string): Promise<HttpConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => resolve(new HttpConnection(socket, `${hostname}:${port}`)));
      socket.once('error', reject);
    });
  }

  /** Sends one request and waits for its response; one at a time per connection. */
  request(method: string, path: string, headers: Record<string, string>, body = ''): Promise<HttpResponse> {
    if (this.pending) throw new Error('HttpConnection: one request at a time');
    const lines = [`${method} ${path} HTTP/1.1`, `host: ${this.host}`, `content-length: ${Buffer.byteLength(body)}`];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    });
  }

  close(): void {
    this.pending = undefined;
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const head = this.buffer.toString('latin1', 0, headerEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) return this.fail(new Error(`HttpConnection: a response without content-length: ${head.split('\r\n')[0]}`));
    const end = headerEnd + 4 + Number(length[1]);
    if (this.buffer.length < end) return;
    const body = this.buffer.toString('utf8', headerEnd + 4, end);
    this.buffer = this.buffer.subarray(end);
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve({ status, body });
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}
