import type { BackgroundWork } from '../../../platform/background.ts';
import type { Clock } from '../../../platform/clock.ts';
import { SIGNATURE_HEADER, signatureHeader } from '../signature.ts';

/** The waits between attempts: four attempts in about half a minute, then it gives up (logged). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 25_000];

export interface WebhookLog {
  warn(details: object, message: string): void;
}

export interface WebhookSender {
  /** Queues one event for delivery after the current answer; never throws into the caller. */
  send(event: object): void;
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
  const deliver = async (body: string) => {
    let last = '';
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
      try {
        const timestamp = Math.floor(options.clock.now().getTime() / 1000);
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(options.secret, body, timestamp), 'user-agent': 'guichet-test-gateway' },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        if (response.ok) return;
        last = `HTTP ${response.status}`;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
    }
    options.log?.warn({ url: options.url, attempts: delays.length + 1, last }, 'test gateway: webhook not delivered');
  };
  return {
    send(event) {
      const body = JSON.stringify(event);
      const task = () => deliver(body);
      if (options.background) void options.background.start(task);
      else setImmediate(() => void task());
    },
  };
}
