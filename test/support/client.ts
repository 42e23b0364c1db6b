import type { FastifyInstance } from 'fastify';

/** A cookie-keeping client over app.inject that fills in the CSRF token from the last page. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private app: FastifyInstance, private ip = '127.0.0.1') {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(setCookie: string | string[] | undefined) {
    for (const line of ([] as string[]).concat(setCookie ?? [])) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers }, remoteAddress: this.ip });
    this.keep(res.headers['set-cookie']);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  /** Follows the redirect a POST answered with (303 to the GET that shows the result), as a browser does. */
  async follow(res: { statusCode: number; headers: Record<string, unknown> }) {
    const location = res.headers.location;
    if (res.statusCode !== 303 || typeof location !== 'string') throw new Error(`expected a 303 redirect, got ${res.statusCode}`);
    return this.get(location);
  }

  /**
   * Posts a form; `_csrf` is added unless the test sets it (or sets it to null to leave it out).
   * An array is a field sent once per value, as ticked checkboxes are.
   */
  async post(url: string, form: Record<string, string | string[] | null>, headers: Record<string, string> = {}) {
    if (!this.csrf) {
      // A page with a form: the parent address, or where it leads (`/fr` opens the only portal).
      const parent = await this.get(url.replace(/\/[^/]*$/, '') || '/fr');
      if (!this.csrf && parent.headers.location) await this.get(String(parent.headers.location));
    }
    const fields = { _csrf: this.csrf, ...form };
    const body = new URLSearchParams(
      Object.entries(fields).flatMap(([name, value]) => (value === null ? [] : ([] as string[]).concat(value).map((v): [string, string] => [name, v]))),
    ).toString();
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...headers },
      remoteAddress: this.ip,
    });
    this.keep(res.headers['set-cookie']);
    // Pages that must not tell whether an email is known answer before their work is done
    // (platform/background.ts): wait for it, as a person reads their mail after the page.
    await this.app.background.drain();
    return res;
  }

  /**
   * Posts a multipart form as a browser does, parts in the order given (`_csrf` first unless the
   * test places it, or leaves it out with null). `file`: a part with a file name and its bytes.
   */
  async upload(
    url: string,
    parts: (readonly [name: string, value: string | null] | { name: string; fileName: string; content: Buffer; contentType?: string })[],
    headers: Record<string, string> = {},
  ) {
    const boundary = `----guichet${Math.random().toString(16).slice(2)}`;
    const placed = parts.some((p) => Array.isArray(p) && p[0] === '_csrf');
    const all = placed ? parts : [['_csrf', this.csrf] as const, ...parts];
    const chunks: Buffer[] = [];
    for (const part of all) {
      if (Array.isArray(part)) {
        const [name, value] = part as readonly [string, string | null];
        if (value === null) continue;
        chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
      } else {
        const file = part as { name: string; fileName: string; content: Buffer; contentType?: string };
        chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`));
        chunks.push(file.content, Buffer.from('\r\n'));
      }
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: Buffer.concat(chunks),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: this.cookieHeader(), ...headers },
      remoteAddress: this.ip,
    });
    this.keep(res.headers['set-cookie']);
    return res;
  }
}
