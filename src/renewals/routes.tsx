import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type DocumentService, refusalStatus, refusalText } from '../documents/index.ts';
import type { Guard } from '../platform/access.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import { fieldErrors, parseForm } from '../platform/text.ts';
import type { FieldErrors, PageContext } from '../platform/views/layout.tsx';
import { answersOf, attestationParams, formSchema, listQuery, renewalParams, settingsSchema } from './schemas.ts';
import type { RenewalsService } from './service.ts';
import { FormPage, SettingsPage, StaffListPage } from './views.tsx';

const notices = {
  submitted: 'renewals.notice.submitted',
  renewed: 'renewals.notice.renewed',
  uploaded: 'renewals.notice.uploaded',
  saved: 'renewals.notice.saved',
} as const satisfies Record<string, MessageKey>;

/** What a refused submission lacked, as field errors beside each question or attestation. */
const missingKeys = { declaration: 'invalid.renewals.answer', explanation: 'invalid.renewals.explanation', document: 'invalid.renewals.document' } as const satisfies Record<string, MessageKey>;

/** A form's string fields as typed, without the CSRF token: shown again beside its errors. */
function typed(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) if (!k.startsWith('_') && typeof v === 'string') out[k] = v;
  return out;
}

/** The renewal in the address, for its registrant only; anyone else (staff included: they have the list) finds no page. */
function ownerGuard(renewals: RenewalsService): Guard<{ account: SessionAccount; renewalId: string }> {
  return {
    scope: 'renewal',
    async resolve(request, account) {
      const parsed = renewalParams.safeParse(request.params);
      if (!parsed.success) return null;
      return (await renewals.owns(account, parsed.data.renewalId)) ? { account, renewalId: parsed.data.renewalId } : null;
    },
  };
}

export function registerRenewalsRoutes(app: FastifyInstance, deps: { renewals: RenewalsService; documents: DocumentService; maxBytes: number }) {
  const { renewals, documents } = deps;
  const owner = ownerGuard(renewals);

  const formPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, { account, renewalId }: { account: SessionAccount; renewalId: string }, extra: { values?: Record<string, string>; errors?: FieldErrors; problem?: string; status?: number } = {}) => {
    const found = await renewals.form(account.id, renewalId, ctx.locale);
    if (!found) throw new AppError('not_found');
    return sendHtml(reply, <FormPage ctx={ctx} {...found} values={extra.values ?? request.typedValues} errors={extra.errors} problem={extra.problem} notice={noticeOf(request, notices)} />, extra.status ?? 200);
  };
  page(app, 'GET', 'renewals.form', (request, reply, ctx, actor) => formPage(request, reply, ctx, actor), { access: owner });
  page(app, 'POST', 'renewals.form', async (request, reply, ctx, actor) => {
    const { account, renewalId } = actor;
    const found = await renewals.form(account.id, renewalId, ctx.locale);
    if (!found) throw new AppError('not_found');
    const parsed = parseForm(formSchema, request.body);
    if (!parsed.success) return formPage(request, reply, ctx, actor, { values: typed(request.body), errors: fieldErrors(parsed.error), status: 400 });
    const result = await renewals.submit(account, renewalId, { answers: answersOf(request.body, found.settings.declarations), changes: parsed.data.changes }, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_allowed') return formPage(request, reply, ctx, actor, { problem: ctx.t('renewals.problem.notOpen'), status: 409 });
    if (typeof result === 'object') {
      const errors: FieldErrors = {};
      for (const m of result.missing) {
        const [kind] = m.split(':') as [keyof typeof missingKeys];
        errors[m] = missingKeys[kind];
      }
      return formPage(request, reply, ctx, actor, { values: typed(request.body), errors, status: 400 });
    }
    return reply.redirect(`${href('renewals.form', ctx.locale, { renewalId })}?notice=${result}`, 303);
  }, { access: owner });

  page(app, 'POST', 'renewals.attestation', async (request, reply, ctx, actor) => {
    const parsed = attestationParams.safeParse(request.params);
    if (!parsed.success) throw new AppError('not_found');
    const { account, renewalId } = actor;
    const { code } = parsed.data;
    const received = await documents.receiveUpload(request, { maxBytes: deps.maxBytes });
    if (!received.ok) {
      const field = `file.${code}`;
      return formPage(request, reply, ctx, actor, { errors: { [field]: 'invalid.renewals.file' }, ...(received.refusal.reason === 'empty' ? {} : { problem: refusalText(ctx.t, ctx.locale, received.refusal) }), status: refusalStatus[received.refusal.reason] });
    }
    const result = await renewals.uploadAttestation(account, renewalId, code, received.file, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_allowed') return formPage(request, reply, ctx, actor, { problem: ctx.t('renewals.problem.notOpen'), status: 409 });
    return reply.redirect(`${href('renewals.form', ctx.locale, { renewalId })}?notice=uploaded`, 303);
  }, { access: owner, config: { multipart: true } });

  page(app, 'GET', 'renewals.staff', async (request, reply, ctx, staff) => {
    const { status } = listQuery.parse(request.query ?? {});
    const [rows, counts] = await Promise.all([renewals.list(staff.staffAuthorityId, status), renewals.counts(staff.staffAuthorityId)]);
    return sendHtml(reply, <StaffListPage ctx={ctx} status={status} counts={counts} rows={rows} />);
  }, { access: 'staff' });

  const settingsPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, extra: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) =>
    sendHtml(reply, <SettingsPage ctx={ctx} settings={await renewals.settings(staff.staffAuthorityId)} values={extra.values ?? request.typedValues} errors={extra.errors} notice={noticeOf(request, notices)} />, extra.status ?? 200);
  page(app, 'GET', 'renewals.settings', (request, reply, ctx, staff) => settingsPage(request, reply, ctx, staff), { access: { staff: ['administrator'] } });
  page(app, 'POST', 'renewals.settings', async (request, reply, ctx, staff) => {
    const parsed = parseForm(settingsSchema, request.body);
    if (!parsed.success) return settingsPage(request, reply, ctx, staff, { values: typed(request.body), errors: fieldErrors(parsed.error), status: 400 });
    const result = await renewals.saveSettings(staff, parsed.data, origin(request));
    if (result === 'forbidden') throw new AppError('forbidden');
    if (typeof result === 'object') return settingsPage(request, reply, ctx, staff, { values: typed(request.body), errors: { feeCodes: 'invalid.renewals.unknownFee' }, status: 400 });
    return reply.redirect(`${href('renewals.settings', ctx.locale)}?notice=saved`, 303);
  }, { access: { staff: ['administrator'] } });
}
