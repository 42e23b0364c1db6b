import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionAccount } from '../../platform/actors.ts';
import { AppError } from '../../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../../platform/http.tsx';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import {
  type FormValues,
  parseCategoryForm,
  parsePath,
  parseQuestionForm,
  parseTypeForm,
  pathText,
  questionParams,
  questionValues,
  rowCount,
  type Step,
  typeParams,
  typeValues,
} from './schemas.ts';
import type { Question } from './queries.ts';
import type { SaveQuestionResult, SaveTypeResult, TypeService } from './service.ts';
import * as views from './views.tsx';

const administrators = { staff: ['administrator'] } as const;

const staffNotices = { created: 'licensing.staff.notice.created', saved: 'licensing.staff.notice.saved', category: 'licensing.staff.notice.category' } as const satisfies Record<string, MessageKey>;
const questionnaireNotices = { restarted: 'licensing.questionnaire.restarted' } as const satisfies Record<string, MessageKey>;

/** The form as posted, its text fields only (these forms repeat no field). */
function formValues(request: FastifyRequest): FormValues {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_')));
}

/** "Add another" (a document, a declaration, an answer): the form again with one more row of that list, nothing saved. */
const lists = { documents: 'documentRows', declarations: 'declarationRows', answers: 'answerRows' } as const;
function withAnotherRow(values: FormValues): FormValues | null {
  const list = values.more;
  if (list !== 'documents' && list !== 'declarations' && list !== 'answers') return null;
  const field = lists[list];
  return { ...values, [field]: String(rowCount(values, field, 1) + 1) };
}

const typeProblems: Record<Exclude<SaveTypeResult['kind'], 'saved' | 'forbidden' | 'not_found'>, [string, MessageKey]> = {
  code_taken: ['key', 'licensing.invalid.codeTaken'],
  code_locked: ['key', 'licensing.invalid.codeLocked'],
  unknown_category: ['categoryId', 'licensing.invalid.category'],
};

export function registerRoutes(app: FastifyInstance, deps: { types: TypeService }) {
  const { types } = deps;

  // Staff: the types and their categories -------------------------------------------------------

  const typesPage = async (reply: FastifyReply, ctx: PageContext, staff: SessionAccount, extra: { values?: FormValues; errors?: Record<string, MessageKey>; notice?: MessageKey | undefined } = {}, status = 200) => {
    const [all, categories] = await Promise.all([types.allTypes(staff.staffAuthorityId), types.categories(staff.staffAuthorityId)]);
    return sendHtml(reply, <views.StaffTypes ctx={ctx} types={all} categories={categories} values={extra.values ?? {}} errors={extra.errors} notice={extra.notice} />, status);
  };

  page(app, 'GET', 'licensing.staffTypes', async (request, reply, ctx, staff) => typesPage(reply, ctx, staff, { values: request.typedValues ?? {}, notice: noticeOf(request, staffNotices) }), { access: administrators });

  // The types' page adds a category (code and both names): a type needs one to lead to.
  page(app, 'POST', 'licensing.staffTypes', async (request, reply, ctx, staff) => {
    const values = formValues(request);
    const parsed = parseCategoryForm(values);
    if (!parsed.ok) return typesPage(reply, ctx, staff, { values, errors: parsed.errors }, 400);
    const result = await types.createCategory(staff, parsed.value, origin(request));
    if (result.kind === 'forbidden') throw new AppError('not_found');
    if (result.kind === 'code_taken') return typesPage(reply, ctx, staff, { values, errors: { categoryKey: 'licensing.invalid.codeTaken' } }, 409);
    return reply.redirect(`${href('licensing.staffTypes', ctx.locale)}?notice=category`, 303);
  }, { access: administrators });

  const typeForm = async (reply: FastifyReply, ctx: PageContext, staff: SessionAccount, form: { typeId: string | null; values: FormValues; codeLocked: boolean; errors?: Record<string, MessageKey> | undefined; notice?: MessageKey | undefined }, status = 200) => {
    const categories = await types.categories(staff.staffAuthorityId);
    return sendHtml(reply, <views.TypeForm ctx={ctx} categories={categories} {...form} />, status);
  };

  /** Saves the type form (new or existing); errors and "add another" show the form again with what was typed. */
  const saveType = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, typeId: string | null, codeLocked: boolean) => {
    const values = formValues(request);
    const more = withAnotherRow(values);
    if (more) return typeForm(reply, ctx, staff, { typeId, values: more, codeLocked });
    const parsed = parseTypeForm(values);
    if (!parsed.ok) return typeForm(reply, ctx, staff, { typeId, values, codeLocked, errors: parsed.errors }, 400);
    const result = typeId ? await types.updateType(staff, typeId, parsed.value, origin(request)) : await types.createType(staff, parsed.value, origin(request));
    if (result.kind === 'forbidden' || result.kind === 'not_found') throw new AppError('not_found');
    if (result.kind !== 'saved') {
      const [field, key] = typeProblems[result.kind];
      return typeForm(reply, ctx, staff, { typeId, values, codeLocked, errors: { [field]: key } }, 409);
    }
    return reply.redirect(`${href('licensing.staffTypes', ctx.locale)}?notice=${typeId ? 'saved' : 'created'}`, 303);
  };

  page(app, 'GET', 'licensing.staffNewType', async (request, reply, ctx, staff) =>
    typeForm(reply, ctx, staff, { typeId: null, values: request.typedValues ?? { active: 'yes', position: '0', eligibility: 'anyone' }, codeLocked: false }),
    { access: administrators },
  );
  page(app, 'POST', 'licensing.staffNewType', async (request, reply, ctx, staff) => saveType(request, reply, ctx, staff, null, false), { access: administrators });

  const typeInAddress = async (request: FastifyRequest, staff: SessionAccount) => {
    const params = typeParams.safeParse(request.params);
    const found = params.success ? await types.typeForStaff(staff, params.data.typeId) : null;
    if (!found) throw new AppError('not_found');
    return found;
  };

  page(app, 'GET', 'licensing.staffType', async (request, reply, ctx, staff) => {
    const { type, codeLocked } = await typeInAddress(request, staff);
    return typeForm(reply, ctx, staff, { typeId: type.id, values: request.typedValues ?? typeValues(type), codeLocked });
  }, { access: administrators });

  page(app, 'POST', 'licensing.staffType', async (request, reply, ctx, staff) => {
    const { type, codeLocked } = await typeInAddress(request, staff);
    return saveType(request, reply, ctx, staff, type.id, codeLocked);
  }, { access: administrators });

  // Staff: the questionnaire ------------------------------------------------------------------------

  page(app, 'GET', 'licensing.staffQuestionnaire', async (request, reply, ctx, staff) => {
    const [questions, all] = await Promise.all([types.questions(staff.staffAuthorityId), types.allTypes(staff.staffAuthorityId)]);
    return sendHtml(reply, <views.StaffQuestionnaire ctx={ctx} questions={questions} types={all} notice={noticeOf(request, staffNotices)} />);
  }, { access: administrators });

  const questionForm = async (reply: FastifyReply, ctx: PageContext, staff: SessionAccount, form: { questionId: string | null; values: FormValues; errors?: Record<string, MessageKey> | undefined }, status = 200) => {
    const [questions, all] = await Promise.all([types.questions(staff.staffAuthorityId), types.allTypes(staff.staffAuthorityId)]);
    return sendHtml(reply, <views.QuestionForm ctx={ctx} others={questions.filter((q) => q.id !== form.questionId)} types={all} {...form} />, status);
  };

  const questionProblems: Record<'code_taken' | 'unknown_outcome' | 'loop', MessageKey> = {
    code_taken: 'licensing.invalid.codeTaken',
    unknown_outcome: 'licensing.invalid.outcome',
    loop: 'licensing.invalid.loop',
  };
  const problemField = (result: Extract<SaveQuestionResult, { kind: 'code_taken' | 'unknown_outcome' | 'loop' }>, values: FormValues) => {
    if (result.kind === 'code_taken') return 'key';
    // The answer's row in the form: the n-th row that was not left empty.
    const filled = Object.keys(values).filter((k) => /^ans\d+Key$/.test(k) && values[k]?.trim()).map((k) => Number(k.slice(3, -3))).sort((a, b) => a - b);
    return `ans${filled[result.answer] ?? 0}Outcome`;
  };

  const saveQuestion = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, questionId: string | null) => {
    const values = formValues(request);
    const more = withAnotherRow(values);
    if (more) return questionForm(reply, ctx, staff, { questionId, values: more });
    const parsed = parseQuestionForm(values);
    if (!parsed.ok) return questionForm(reply, ctx, staff, { questionId, values, errors: parsed.errors }, 400);
    const result = await types.saveQuestion(staff, questionId, parsed.value, origin(request));
    if (result.kind === 'forbidden' || result.kind === 'not_found') throw new AppError('not_found');
    if (result.kind !== 'saved') return questionForm(reply, ctx, staff, { questionId, values, errors: { [problemField(result, values)]: questionProblems[result.kind] } }, 409);
    return reply.redirect(`${href('licensing.staffQuestionnaire', ctx.locale)}?notice=${questionId ? 'saved' : 'created'}`, 303);
  };

  page(app, 'GET', 'licensing.staffNewQuestion', async (request, reply, ctx, staff) => {
    const next = (await types.questions(staff.staffAuthorityId)).reduce((max, q) => Math.max(max, q.position + 1), 1);
    return questionForm(reply, ctx, staff, { questionId: null, values: request.typedValues ?? { position: String(next), answerRows: '2' } });
  }, { access: administrators });
  page(app, 'POST', 'licensing.staffNewQuestion', async (request, reply, ctx, staff) => saveQuestion(request, reply, ctx, staff, null), { access: administrators });

  const questionInAddress = async (request: FastifyRequest, staff: SessionAccount): Promise<Question> => {
    const params = questionParams.safeParse(request.params);
    const found = params.success ? await types.question(staff, params.data.questionId) : null;
    if (!found) throw new AppError('not_found');
    return found;
  };

  page(app, 'GET', 'licensing.staffQuestion', async (request, reply, ctx, staff) => {
    const question = await questionInAddress(request, staff);
    return questionForm(reply, ctx, staff, { questionId: question.id, values: request.typedValues ?? questionValues(question) });
  }, { access: administrators });
  page(app, 'POST', 'licensing.staffQuestion', async (request, reply, ctx, staff) => {
    const question = await questionInAddress(request, staff);
    return saveQuestion(request, reply, ctx, staff, question.id);
  }, { access: administrators });

  // The person's questionnaire ----------------------------------------------------------------------

  /**
   * Public: anyone may find out which type fits before making an account; starting the
   * application (the lead's `licensing.start`) is what needs one, and the result says so.
   */
  const restart = (reply: FastifyReply, ctx: PageContext) => reply.redirect(`${href('licensing.questionnaire', ctx.locale)}?notice=restarted`, 303);
  const stepsHref = (ctx: PageContext, path: readonly Step[]) => (path.length ? `${href('licensing.questionnaire', ctx.locale)}?answers=${encodeURIComponent(pathText(path))}` : href('licensing.questionnaire', ctx.locale));

  // With no portal known (several authorities, none opened yet), the person chooses one on the home page.
  const toHome = (reply: FastifyReply, ctx: PageContext) => reply.redirect(href('home', ctx.locale), 303);

  const questionnairePage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, rawPath: unknown, error?: MessageKey) => {
    const portal = request.portal;
    if (!portal) return toHome(reply, ctx);
    const path = parsePath(rawPath);
    const walk = path ? await types.walk(portal.id, path) : { kind: 'invalid' as const };
    if (walk.kind === 'invalid') return restart(reply, ctx);
    const back = walk.kind === 'no_questionnaire' || walk.path.length === 0 ? null : stepsHref(ctx, walk.path.slice(0, -1));
    return sendHtml(
      reply,
      <views.Questionnaire ctx={ctx} walk={walk} back={back} signedIn={request.account !== null} error={error} notice={noticeOf(request, questionnaireNotices)} />,
      error ? 400 : 200,
    );
  };

  page(app, 'GET', 'licensing.questionnaire', async (request, reply, ctx) => {
    // A language switch carries the path in the form; a link, in the address.
    const query = request.query as Record<string, unknown>;
    return questionnairePage(request, reply, ctx, request.typedValues?.answers ?? query.answers);
  }, { access: 'public' });

  page(app, 'POST', 'licensing.questionnaire', async (request, reply, ctx) => {
    const portal = request.portal;
    if (!portal) return toHome(reply, ctx);
    const values = formValues(request);
    const path = parsePath(values.answers);
    const walk = path ? await types.walk(portal.id, path) : { kind: 'invalid' as const };
    if (walk.kind === 'invalid') return restart(reply, ctx);
    if (walk.kind !== 'question') return reply.redirect(stepsHref(ctx, walk.kind === 'no_questionnaire' ? [] : walk.path), 303);
    const answer = walk.question.answers.find((a) => a.code === values.answer);
    if (!answer) return questionnairePage(request, reply, ctx, values.answers, 'licensing.questionnaire.chooseAnswer');
    return reply.redirect(stepsHref(ctx, [...walk.path, { question: walk.question.code, answer: answer.code }]), 303);
  }, { access: 'public' });
}
