import { setTimeout as wait } from 'node:timers/promises';
import type { BackgroundWork } from '../../../platform/background.ts';
import type { Clock } from '../../../platform/clock.ts';
import { SIGNATURE_HEADER, signatureHeader } from '../signature.ts';

/** The waits between attempts: four attempts in about half a minute, then it gives up (logged). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 25_000];

export interface WebhookLog {
  warn(details: object, message: string): void;
}

/** One HTTP POST of a webhook; answers its status code (throws when nothing answered). */
export type WebhookTransport = (request: { url: string; body: string; headers: Record<string, string> }) => Promise<number>;

const fetchTransport: WebhookTransport = async ({ url, body, headers }) => {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return response.status;
};

export interface WebhookSender {
  /** Queues one event for delivery after the current answer; never throws into the caller. */
  send(event: object): void;
  /** Delivers through another transport from now on (the app's own `inject`, when the gateway serves the portal itself). */
  useTransport(transport: WebhookTransport): void;
  /** Stops waiting between attempts (the server closes): what is undelivered is logged and dropped. */
  stop(): void;
}

/**
 * Delivers the test gateway's webhooks as a real gateway does: a JSON body signed over its exact
 * bytes (`Guichet-Signature: t=…,v1=…`), POSTed to the portal's webhook address, retried with
 * backoff until a 2xx answer or the attempts run out. Each attempt is signed anew, with the time
 * it is sent. Runs in the app's background work (drained when the server closes).
 */
export function createWebhookSender(options: {
  url: string;
  secret: string;
  clock: Clock;
  background?: BackgroundWork | undefined;
  retryDelaysMs?: readonly number[] | undefined;
  log?: WebhookLog | undefined;
}): WebhookSender {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const stopping = new AbortController();
  let transport = fetchTransport;
  const deliver = async (body: string) => {
    let last = '';
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) {
        try {
          await wait(delays[attempt - 1], undefined, { signal: stopping.signal });
        } catch {
          last = `${last}; stopped before attempt ${attempt + 1}`;
          break;
        }
      }
      try {
        const timestamp = Math.floor(options.clock.now().getTime() / 1000);
        const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(options.secret, body, timestamp), 'user-agent': 'guichet-test-gateway' };
        const status = await transport({ url: options.url, body, headers });
        if (status >= 200 && status < 300) return;
        last = `HTTP ${status}`;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
    }
    options.log?.warn({ url: options.url, last }, 'test gateway: webhook not delivered');
  };
  return {
    send(event) {
      const body = JSON.stringify(event);
      const task = () => deliver(body);
      if (options.background) void options.background.start(task);
      else setImmediate(() => void task());
    },
    useTransport(next) {
      transport = next;
    },
    stop() {
      stopping.abort();
    },
  };
}
