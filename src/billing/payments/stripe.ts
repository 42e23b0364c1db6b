import type { Clock } from '../../platform/clock.ts';
import type { PaymentProvider } from './port.ts';

export interface StripeOptions {
  secretKey: string;
  webhookSecret: string;
  apiBase?: string;
  maxNetworkRetries?: number;
  timeoutMs?: number;
  clock: Clock;
}

export async function createStripeProvider(_options: StripeOptions): Promise<PaymentProvider> {
  throw new Error('not yet');
}
