import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { page, sendHtml, sendPdf } from '../platform/http.tsx';
import type { LicensingService } from './service.ts';
import { normalizeVerificationCode } from './use-cases/registrations.ts';
import { VerifyPage } from './views/verify.tsx';

const certificateParams = z.object({ registrationId: z.uuid() });
const codeQuery = z.object({ code: z.string().max(64).optional() });
const codeParams = z.object({ code: z.string().max(64) });

/**
 * The public verification of certificates (`/fr/verifier`, `/fr/verifier/ABCD-EFGH` from the QR
 * code): no account, rate-limited like sign-in so codes cannot be tried in bulk.
 */
export function registerRegistrationRoutes(app: FastifyInstance, deps: { licensing: LicensingService; rateLimit: { max: number; timeWindow: number } }) {
  const { licensing } = deps;
  const limited = { rateLimit: deps.rateLimit };

  const answer = async (typed: string | undefined) => {
    if (typed === undefined || typed.trim() === '') return { code: '', result: null };
    const code = normalizeVerificationCode(typed);
    if (!code) return { code: typed, result: null, error: 'licensing.verify.invalidCode' as const };
    return { code, result: await licensing.registrations.verify(code) };
  };

  page(app, 'GET', 'licensing.certificate', async (request, reply, ctx, account) => {
    const params = certificateParams.safeParse(request.params);
    const found = params.success ? await licensing.registrations.certificate(account.id, params.data.registrationId, ctx.locale) : null;
    if (!found) throw new AppError('not_found');
    return sendPdf(reply, `${ctx.t('licensing.certificate.fileName')}-${found.number}`, found.pdf);
  }, { access: 'account' });

  page(app, 'GET', 'licensing.verify', async (request, reply, ctx) => {
    const query = codeQuery.safeParse(request.query);
    const { code, result, error } = await answer(query.success ? query.data.code : undefined);
    return sendHtml(reply, <VerifyPage ctx={ctx} code={code} result={result} error={error} />, error ? 400 : 200);
  }, { access: 'public', config: limited });

  page(app, 'GET', 'licensing.verifyCode', async (request, reply, ctx) => {
    const params = codeParams.safeParse(request.params);
    const { code, result, error } = await answer(params.success ? params.data.code : '');
    return sendHtml(reply, <VerifyPage ctx={ctx} code={code} result={result} error={error} />, error ? 400 : 200);
  }, { access: 'public', config: limited });
}
