/**
 * One kept-alive HTTP/1.1 connection per bench client, written by hand: the load generator shares
 * the server's cores, so it must cost as little as it can (node:http costs about 1 ms per request
 * here, this about a fifth of that), and every connection is open before the clock starts. A
 * connection the server closed while it sat idle (Fastify's keep-alive timeout is 72 s; starting
 * the next server can take longer on a busy machine) is opened again at its next request.
 */
import { connect, type Socket } from 'node:net';

export interface Answer {
  status: number;
  setCookies: string[];
  body: string;
}

export class Connection {
  private buffered: Buffer = Buffer.alloc(0);
  private pending: { resolve: (a: Answer) => void; reject: (e: Error) => void } | null = null;

  private closed = false;

  private constructor(
    private socket: Socket,
    private readonly port: number,
  ) {
    this.attach(socket);
  }

  private attach(socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      this.parse();
    });
    socket.on('error', (error) => this.pending?.reject(error));
    socket.on('close', () => {
      this.closed = true;
      this.pending?.reject(new Error('the server closed the connection during a request'));
    });
  }

  private static connect(port: number): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  static async open(port: number): Promise<Connection> {
    return new Connection(await Connection.connect(port), port);
  }

  async request(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body: string | Buffer = ''): Promise<Answer> {
    if (this.closed) {
      this.socket = await Connection.connect(this.port);
      this.closed = false;
      this.buffered = Buffer.alloc(0);
      this.attach(this.socket);
    }
    const lines = [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    if (method === 'POST') lines.push(`content-length: ${Buffer.byteLength(body)}`);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      // A file upload's body is bytes: the head and the body go as two writes then.
      if (typeof body === 'string') this.socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
      else {
        this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        this.socket.write(body);
      }
    });
  }

  close() {
    this.socket.destroy();
  }

  private parse() {
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0 || !this.pending) return;
    const head = this.buffered.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(head[0]?.split(' ')[1]);
    const setCookies: string[] = [];
    let length = -1;
    for (const line of head.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'set-cookie') setCookies.push(value);
    }
    if (length < 0) {
      this.pending.reject(new Error('the bench client reads content-length answers only'));
      return;
    }
    if (this.buffered.length < end + 4 + length) return;
    const body = this.buffered.subarray(end + 4, end + 4 + length).toString('utf8');
    this.buffered = this.buffered.subarray(end + 4 + length);
    const { resolve } = this.pending;
    this.pending = null;
    resolve({ status, setCookies, body });
  }
}
