import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseworkService } from '../casework/index.ts';
import { type DocumentService, refusalStatus, refusalText } from '../documents/index.ts';
import type { Guard } from '../platform/access.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { AppError } from '../platform/errors.ts';
import { page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import { fieldErrors, parseForm } from '../platform/text.ts';
import type { FieldErrors, PageContext } from '../platform/views/layout.tsx';
import type { ApplicationFile } from './queries.ts';
import type { DeclarationAnswer, PersonalDetails } from './schema.ts';
import {
  applicationParams,
  educationParams,
  educationSchema,
  explanationSchema,
  personalDraftSchema,
  personalRequired,
  sectionDoneSchema,
  startSchema,
  stringsOf,
  submitSchema,
  typedDate,
  uploadParams,
  withdrawSchema,
} from './schemas.ts';
import type { LicensingService } from './service.ts';
import { EDITABLE } from './states.ts';
import * as views from './views/application.tsx';

/** Notices a page shows after a redirect, by their short name in `?notice=`. */
const noticeKeys = {
  started: 'licensing.notice.started',
  saved: 'licensing.notice.saved',
  savedForLater: 'licensing.notice.savedForLater',
  uploaded: 'licensing.notice.uploaded',
  noLongerNeeded: 'licensing.notice.noLongerNeeded',
  submitted: 'licensing.notice.submitted',
  resubmitted: 'licensing.notice.resubmitted',
  withdrawn: 'licensing.notice.withdrawn',
  notEditable: 'licensing.notice.notEditable',
} as const satisfies Record<string, MessageKey>;
export type Notice = keyof typeof noticeKeys;

export const noticeOf = (request: FastifyRequest): MessageKey | undefined => {
  const raw = (request.query as Record<string, unknown>).notice;
  return typeof raw === 'string' && Object.hasOwn(noticeKeys, raw) ? noticeKeys[raw as Notice] : undefined;
};

const to = (reply: FastifyReply, ctx: PageContext, name: Parameters<typeof href>[0], applicationId: string, notice?: Notice) =>
  reply.redirect(`${href(name, ctx.locale, { applicationId })}${notice ? `?notice=${notice}` : ''}`, 303);

/** The applicant of the application in the address; anyone else: page not found. */
function ownerGuard(licensing: LicensingService): Guard<{ account: SessionAccount; file: ApplicationFile }> {
  return {
    scope: 'application',
    async resolve(request, account) {
      const params = applicationParams.safeParse(request.params);
      if (!params.success) return null;
      const file = await licensing.applicant.file(account.id, params.data.applicationId);
      return file ? { account, file } : null;
    },
  };
}

/** Why a person may not start a type, as the error page that says what to do instead. */
const notEligible = {
  registered: 'licensing_only_registered',
  formerly_registered: 'licensing_only_former',
  already_in_category: 'licensing_already_in_category',
} as const;

export function registerApplicationRoutes(app: FastifyInstance, deps: { licensing: LicensingService; documents: DocumentService; casework: CaseworkService; maxBytes: number }) {
  const { licensing, documents, casework } = deps;
  const owner = ownerGuard(licensing);
  const applicant = licensing.applicant;

  page(app, 'GET', 'licensing.applications', async (request, reply, ctx, account) => {
    const applications = await licensing.applicationsOf(account.id, request.portal?.id ?? null);
    return sendHtml(reply, <views.Applications ctx={ctx} applications={applications} notice={noticeOf(request)} />);
  }, { access: 'account' });

  // The questionnaire's result (or the list of types) posts here: the person's open application of that type, or a new one.
  page(app, 'POST', 'licensing.start', async (request, reply, ctx, account) => {
    const parsed = parseForm(startSchema, request.body);
    if (!parsed.success || !request.portal) throw new AppError('bad_request');
    const result = await applicant.start(account, request.portal.id, parsed.data.typeId, origin(request));
    if (result.kind === 'not_found') throw new AppError('not_found');
    if (result.kind === 'not_eligible') throw new AppError(notEligible[result.eligibility]);
    return to(reply, ctx, 'licensing.application', result.applicationId, result.kind === 'started' ? 'started' : undefined);
  }, { access: 'account' });

  page(app, 'GET', 'licensing.application', async (request, reply, ctx, { file }) => {
    const [steps, position, median, registration] = await Promise.all([
      file.review ? casework.timeline(file.review.id, { forApplicant: true }) : Promise.resolve([]),
      file.review?.status === 'queued' ? casework.position(file.review.id) : Promise.resolve(null),
      file.review && file.application.status === 'submitted' ? casework.medianDecisionTime(file.application.authorityId, file.type.code) : Promise.resolve(null),
      file.application.status === 'approved' ? licensing.registrationOf(file.application.id, file.application.applicantId) : Promise.resolve(null),
    ]);
    return sendHtml(reply, <views.ApplicationPage ctx={ctx} file={file} steps={steps} position={position} median={median} registration={registration} notice={noticeOf(request)} />);
  }, { access: owner });

  /** A section's page while the application is the person's to change; otherwise its status page says why. */
  const editing = (reply: FastifyReply, ctx: PageContext, file: ApplicationFile) => (EDITABLE.includes(file.application.status) ? null : to(reply, ctx, 'licensing.application', file.application.id, 'notEditable'));
  const changed = (reply: FastifyReply, ctx: PageContext, applicationId: string, result: string, notice: Notice = 'saved') => {
    if (result === 'not_found') throw new AppError('not_found');
    return to(reply, ctx, 'licensing.application', applicationId, result === 'ok' ? notice : 'notEditable');
  };

  // Personal details
  page(app, 'GET', 'licensing.personal', async (_request, reply, ctx, { file }) => editing(reply, ctx, file) ?? sendHtml(reply, <views.PersonalPage ctx={ctx} file={file} />), { access: owner });
  page(app, 'POST', 'licensing.personal', async (request, reply, ctx, { account, file }) => {
    const notEditable = editing(reply, ctx, file);
    if (notEditable) return notEditable;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(personalDraftSchema, body);
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    const dateOfBirth = typedDate({ day: body['dateOfBirth-day'], month: body['dateOfBirth-month'], year: body['dateOfBirth-year'] });
    if (dateOfBirth === null) errors.dateOfBirth = 'invalid.licensing.dateOfBirth';
    const { _csrf, intent, 'dateOfBirth-day': _d, 'dateOfBirth-month': _m, 'dateOfBirth-year': _y, ...fields } = parsed.success ? parsed.data : { intent: 'continue' as const, _csrf: undefined, 'dateOfBirth-day': undefined, 'dateOfBirth-month': undefined, 'dateOfBirth-year': undefined };
    const personal: PersonalDetails = Object.fromEntries(Object.entries({ ...fields, dateOfBirth: dateOfBirth || undefined }).filter(([, v]) => v)) as PersonalDetails;
    if (intent === 'continue') {
      for (const [field, key] of Object.entries(personalRequired)) if (!personal[field as keyof PersonalDetails]) errors[field] ??= key;
    }
    if (Object.keys(errors).length > 0) {
      return sendHtml(reply, <views.PersonalPage ctx={ctx} file={{ ...file, application: { ...file.application, personal: typedPersonal(body) } }} errors={errors} typedDate={dateParts(body, 'dateOfBirth')} />, 400);
    }
    const result = await applicant.savePersonal(account, file.application.id, personal, intent === 'continue', origin(request));
    return changed(reply, ctx, file.application.id, result, intent === 'continue' ? 'saved' : 'savedForLater');
  }, { access: owner });

  // Education
  page(app, 'GET', 'licensing.education', async (_request, reply, ctx, { file }) => editing(reply, ctx, file) ?? sendHtml(reply, <views.EducationPage ctx={ctx} file={file} />), { access: owner });
  page(app, 'POST', 'licensing.education', async (request, reply, ctx, { account, file }) => {
    const parsed = parseForm(sectionDoneSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <views.EducationPage ctx={ctx} file={file} errors={fieldErrors(parsed.error)} />, 400);
    const result = await applicant.finishEducation(account, file.application.id, parsed.data.done === 'yes', origin(request));
    if (result === 'no_entries') return sendHtml(reply, <views.EducationPage ctx={ctx} file={file} errors={{ done: 'invalid.licensing.noEducation' }} />, 400);
    return changed(reply, ctx, file.application.id, result, parsed.data.done === 'yes' ? 'saved' : 'savedForLater');
  }, { access: owner });
  page(app, 'GET', 'licensing.educationEntry', async (_request, reply, ctx, { file }) => editing(reply, ctx, file) ?? sendHtml(reply, <views.EducationEntryPage ctx={ctx} file={file} />), { access: owner });
  page(app, 'POST', 'licensing.educationEntry', async (request, reply, ctx, { account, file }) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(educationSchema, body);
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    const startedOn = typedDate({ month: body['startedOn-month'], year: body['startedOn-year'] }, false);
    const endedOn = typedDate({ month: body['endedOn-month'], year: body['endedOn-year'] }, false);
    if (!startedOn) errors.startedOn = 'invalid.licensing.startedOn';
    if (endedOn === null || (startedOn && endedOn && endedOn < startedOn)) errors.endedOn = 'invalid.licensing.endedOn';
    if (!parsed.success || Object.keys(errors).length > 0 || !startedOn) {
      return sendHtml(reply, <views.EducationEntryPage ctx={ctx} file={file} errors={errors} values={stringsOf(body)} />, 400);
    }
    const { program, institution, credential } = parsed.data;
    const result = await applicant.addEducation(account, file.application.id, { program, institution, credential, startedOn, endedOn: endedOn || null }, origin(request));
    if (result !== 'ok') return changed(reply, ctx, file.application.id, result);
    return reply.redirect(href('licensing.education', ctx.locale, { applicationId: file.application.id }), 303);
  }, { access: owner });
  page(app, 'POST', 'licensing.educationRemove', async (request, reply, ctx, { account, file }) => {
    const params = educationParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const result = await applicant.removeEducation(account, file.application.id, params.data.entryId, origin(request));
    if (result !== 'ok') return changed(reply, ctx, file.application.id, result);
    return reply.redirect(href('licensing.education', ctx.locale, { applicationId: file.application.id }), 303);
  }, { access: owner });

  // Declarations
  page(app, 'GET', 'licensing.declarations', async (_request, reply, ctx, { file }) => editing(reply, ctx, file) ?? sendHtml(reply, <views.DeclarationsPage ctx={ctx} file={file} />), { access: owner });
  page(app, 'POST', 'licensing.declarations', async (request, reply, ctx, { account, file }) => {
    const notEditable = editing(reply, ctx, file);
    if (notEditable) return notEditable;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const later = body.intent === 'later';
    const errors: FieldErrors = {};
    const answers: Record<string, DeclarationAnswer> = {};
    for (const d of file.type.declarations) {
      const answer = body[`answer-${d.code}`];
      const explanation = explanationSchema.safeParse(body[`explanation-${d.code}`] ?? '');
      if (!explanation.success) errors[`explanation-${d.code}`] = fieldErrors(explanation.error).form ?? 'invalid.tooLong';
      if (answer !== 'yes' && answer !== 'no') {
        if (!later) errors[`answer-${d.code}`] = 'invalid.licensing.declarationAnswer';
        continue;
      }
      const text = explanation.success ? explanation.data : '';
      if (answer === 'yes' && !text && !later) errors[`explanation-${d.code}`] = 'invalid.licensing.explanation';
      answers[d.code] = text ? { answer, explanation: text } : { answer };
    }
    if (Object.keys(errors).length > 0) {
      const typed = Object.fromEntries(file.type.declarations.map((d) => [d.code, { answer: body[`answer-${d.code}`] === 'yes' ? 'yes' : 'no', explanation: String(body[`explanation-${d.code}`] ?? '') } as DeclarationAnswer]));
      return sendHtml(reply, <views.DeclarationsPage ctx={ctx} file={{ ...file, application: { ...file.application, declarations: typed } }} errors={errors} />, 400);
    }
    const result = await applicant.saveDeclarations(account, file.application.id, answers, !later, origin(request));
    return changed(reply, ctx, file.application.id, result, later ? 'savedForLater' : 'saved');
  }, { access: owner });

  // Documents
  const documentsPage = (reply: FastifyReply, ctx: PageContext, file: ApplicationFile, problem?: { typeCode: string; message: string }, status = 200, notice?: MessageKey) =>
    sendHtml(reply, <views.DocumentsPage ctx={ctx} file={file} problem={problem} maxBytesDefault={deps.maxBytes} notice={notice} />, status);
  page(app, 'GET', 'licensing.documents', async (request, reply, ctx, { file }) => editing(reply, ctx, file) ?? documentsPage(reply, ctx, file, undefined, 200, noticeOf(request)), { access: owner });
  page(app, 'POST', 'licensing.upload', async (request, reply, ctx, { account, file }) => {
    const params = uploadParams.safeParse(request.params);
    const slot = params.success ? file.slots.find((s) => s.required.code === params.data.typeCode) : undefined;
    if (!params.success || !slot || slot.required.providedBy !== 'applicant') throw new AppError('not_found');
    const notEditable = editing(reply, ctx, file);
    if (notEditable) return notEditable;
    const received = await documents.receiveUpload(request, { maxBytes: slot.required.maxBytes ?? deps.maxBytes });
    if (!received.ok) {
      await licensing.uploadRefused(account.id, file.application.authorityId, received.refusal, origin(request));
      return documentsPage(reply, ctx, file, { typeCode: slot.required.code, message: refusalText(ctx.t, ctx.locale, received.refusal) }, refusalStatus[received.refusal.reason]);
    }
    const result = await applicant.upload(account, file.application.id, slot.required.code, received.file, origin(request));
    if (result === 'ok') return reply.redirect(`${href('licensing.documents', ctx.locale, { applicationId: file.application.id })}?notice=uploaded`, 303);
    return changed(reply, ctx, file.application.id, result === 'not_applicants' ? 'not_found' : result);
  }, { access: owner, config: { multipart: true } });
  page(app, 'POST', 'licensing.noLongerNeeded', async (request, reply, ctx, { account, file }) => {
    const params = uploadParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const result = await applicant.noLongerNeeded(account, file.application.id, params.data.typeCode, origin(request));
    if (result === 'required') return documentsPage(reply, ctx, file, { typeCode: params.data.typeCode, message: ctx.t('licensing.documents.stillRequired') }, 409);
    if (result !== 'ok') return changed(reply, ctx, file.application.id, result);
    return reply.redirect(`${href('licensing.documents', ctx.locale, { applicationId: file.application.id })}?notice=noLongerNeeded`, 303);
  }, { access: owner });

  // Check your answers and submit
  page(app, 'GET', 'licensing.check', async (_request, reply, ctx, { file }) => editing(reply, ctx, file) ?? sendHtml(reply, <views.CheckPage ctx={ctx} file={file} />), { access: owner });
  page(app, 'POST', 'licensing.check', async (request, reply, ctx, { account, file }) => {
    const parsed = parseForm(submitSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <views.CheckPage ctx={ctx} file={file} errors={fieldErrors(parsed.error)} />, 400);
    const resubmitting = file.application.status === 'returned';
    const result = await applicant.submit(account, file.application.id, parsed.data.answer, origin(request));
    if (typeof result === 'object') return sendHtml(reply, <views.CheckPage ctx={ctx} file={file} incomplete={result.incomplete} />, 409);
    return changed(reply, ctx, file.application.id, result, resubmitting ? 'resubmitted' : 'submitted');
  }, { access: owner });

  page(app, 'GET', 'licensing.withdraw', async (_request, reply, ctx, { file }) => sendHtml(reply, <views.WithdrawPage ctx={ctx} file={file} />), { access: owner });
  page(app, 'POST', 'licensing.withdraw', async (request, reply, ctx, { account, file }) => {
    if (!parseForm(withdrawSchema, request.body).success) throw new AppError('bad_request');
    const result = await applicant.withdraw(account, file.application.id, origin(request));
    return changed(reply, ctx, file.application.id, result, 'withdrawn');
  }, { access: owner });
}

/** What was typed in the personal details form, shown again with its errors. */
function typedPersonal(body: Record<string, unknown>): PersonalDetails {
  const s = stringsOf(body);
  return { givenName: s.givenName, familyName: s.familyName, phone: s.phone, addressLine1: s.addressLine1, addressLine2: s.addressLine2, city: s.city, province: s.province, postalCode: s.postalCode } as PersonalDetails;
}

function dateParts(body: Record<string, unknown>, name: string) {
  const s = stringsOf(body);
  return { day: s[`${name}-day`] ?? '', month: s[`${name}-month`] ?? '', year: s[`${name}-year`] ?? '' };
}
