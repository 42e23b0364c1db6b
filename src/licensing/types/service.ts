import { isDeepStrictEqual } from 'node:util';
import { and, count, eq } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { StaffActor } from '../../platform/actors.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/db.ts';
import type { Bilingual } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import { applications, applicationTypes, eligibilityAnswers, eligibilityQuestions, registrationCategories } from '../schema.ts';
import { type ApplicationType, categoriesOf, type Question, questionsOf, type RegistrationCategory, type TypeWithCategory, typesWithCategory, typeWithCategory } from './queries.ts';
import { can } from './policies.ts';
import type { CategoryInput, Outcome, QuestionInput, Step, TypeInput } from './schemas.ts';

/**
 * Where the person's path leads (`walk`): the next question to answer, a type (possibly withdrawn
 * since: `type.active` false, which cannot be started), "not eligible",
 * a list of the active types when the authority has no questionnaire, or `invalid` when the path
 * does not follow the definitions (tampered, or the questionnaire changed since).
 */
export type Walk =
  | { kind: 'question'; question: Question; path: Step[] }
  | { kind: 'type'; type: TypeWithCategory; path: Step[] }
  | { kind: 'not_eligible'; reason: Bilingual; whatToDo: Bilingual; path: Step[] }
  | { kind: 'no_questionnaire'; types: TypeWithCategory[] }
  | { kind: 'invalid' };

export type SaveTypeResult = { kind: 'saved'; id: string } | { kind: 'forbidden' | 'not_found' | 'code_taken' | 'code_locked' | 'unknown_category' };
export type SaveCategoryResult = { kind: 'saved'; id: string } | { kind: 'forbidden' | 'code_taken' };
/** `unknown_outcome`: an answer leads to a question or type the authority does not have; `loop`: back to a question on its own path. */
export type SaveQuestionResult =
  | { kind: 'saved'; id: string }
  | { kind: 'forbidden' }
  | { kind: 'not_found' }
  | { kind: 'code_taken' }
  | { kind: 'unknown_outcome' | 'loop'; answer: number };

/** A save whose code a concurrent save may take first: the database's refusal (unique violation) reads as `code_taken`. */
async function orCodeTaken<T>(save: Promise<T>): Promise<T | { kind: 'code_taken' }> {
  try {
    return await save;
  } catch (e) {
    const err = e as { code?: string; cause?: { code?: string } };
    if (err?.code === '23505' || err?.cause?.code === '23505') return { kind: 'code_taken' };
    throw e;
  }
}

/** The columns of an answer for its outcome: exactly one of them is set (the migration checks it). */
function outcomeColumns(outcome: Outcome) {
  return {
    nextQuestionId: outcome.kind === 'question' ? outcome.questionId : null,
    typeId: outcome.kind === 'type' ? outcome.typeId : null,
    notEligibleReason: outcome.kind === 'not_eligible' ? outcome.reason : null,
    whatToDo: outcome.kind === 'not_eligible' ? outcome.whatToDo : null,
  };
}

/** A registration category (demo data, and the staff form through the service). */
export async function createRegistrationCategory(tx: Executor, authorityId: string, input: CategoryInput): Promise<RegistrationCategory> {
  const [row] = await tx.insert(registrationCategories).values({ authorityId, ...input }).returning();
  if (!row) throw new Error('category not created');
  return row;
}

/** An application type (demo data, and the staff form through the service). */
export async function createApplicationType(tx: Executor, authorityId: string, input: TypeInput): Promise<ApplicationType> {
  const [row] = await tx.insert(applicationTypes).values({ authorityId, ...input }).returning();
  if (!row) throw new Error('type not created');
  return row;
}

/**
 * A question and its answers (demo data, and the staff form through the service). Answers may
 * lead to questions made later: `answers` can be given afterwards with `replaceAnswers`.
 */
export async function createEligibilityQuestion(tx: Executor, authorityId: string, input: Omit<QuestionInput, 'answers'>): Promise<{ id: string }> {
  const [row] = await tx.insert(eligibilityQuestions).values({ authorityId, code: input.code, position: input.position, text: input.text, hint: input.hint }).returning({ id: eligibilityQuestions.id });
  if (!row) throw new Error('question not created');
  return row;
}

/** A question's answers, replaced by these (nothing refers to an answer: paths carry codes). */
export async function replaceAnswers(tx: Executor, questionId: string, answers: QuestionInput['answers']): Promise<void> {
  await tx.delete(eligibilityAnswers).where(eq(eligibilityAnswers.questionId, questionId));
  if (answers.length === 0) return;
  await tx.insert(eligibilityAnswers).values(answers.map((a, position) => ({ questionId, code: a.code, position, label: a.label, ...outcomeColumns(a.outcome) })));
}

/** The fields of a type that differ, for the audit row (names only: the values are on the page). */
function changedFields(before: ApplicationType, after: TypeInput): string[] {
  const keys = ['code', 'name', 'description', 'categoryId', 'sections', 'requiredDocuments', 'declarations', 'feeCodes', 'eligibility', 'kind', 'decision', 'position', 'active'] as const;
  // Compared as values: jsonb gives its keys back in its own order.
  return keys.filter((k) => !isDeepStrictEqual(before[k], after[k]));
}

export function createTypeService(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  const categories = (authorityId: string) => categoriesOf(db, authorityId);
  const type = (authorityId: string, typeId: string) => typeWithCategory(db, authorityId, typeId);
  const questions = (authorityId: string) => questionsOf(db, authorityId);

  /** Applications already made of a type: its code is then what their records are keyed by. */
  async function applicationCount(tx: Executor, typeId: string): Promise<number> {
    const [row] = await tx.select({ n: count() }).from(applications).where(eq(applications.typeId, typeId));
    return row?.n ?? 0;
  }

  async function categoryOf(tx: Executor, authorityId: string, categoryId: string) {
    const [row] = await tx.select({ id: registrationCategories.id }).from(registrationCategories).where(and(eq(registrationCategories.authorityId, authorityId), eq(registrationCategories.id, categoryId)));
    return row ?? null;
  }

  async function codeTaken(tx: Executor, authorityId: string, code: string, except?: string) {
    const rows = await tx.select({ id: applicationTypes.id }).from(applicationTypes).where(and(eq(applicationTypes.authorityId, authorityId), eq(applicationTypes.code, code)));
    return rows.some((r) => r.id !== except);
  }

  /**
   * Whether the questionnaire, with `questionId`'s answers replaced by `answers`, has a cycle
   * through that question: the index of the first answer that closes it, else null. The other
   * questions were checked when they were saved, so a cycle can only go through this one.
   */
  function loopThrough(all: Question[], questionId: string, answers: QuestionInput['answers']): number | null {
    const next = new Map(all.map((q) => [q.id, q.answers.flatMap((a) => (a.outcome.kind === 'question' ? [a.outcome.questionId] : []))]));
    const reaches = (from: string): boolean => {
      const seen = new Set<string>();
      const stack = [from];
      while (stack.length) {
        const id = stack.pop() ?? '';
        if (id === questionId) return true;
        if (seen.has(id)) continue;
        seen.add(id);
        stack.push(...(next.get(id) ?? []));
      }
      return false;
    };
    const index = answers.findIndex((a) => a.outcome.kind === 'question' && reaches(a.outcome.questionId));
    return index === -1 ? null : index;
  }

  /** Every answer leads inside the authority: one of its questions (not this one) or one of its types. */
  async function unknownOutcome(tx: Executor, authorityId: string, answers: QuestionInput['answers'], all: Question[]): Promise<number | null> {
    const typeIds = new Set((await tx.select({ id: applicationTypes.id }).from(applicationTypes).where(eq(applicationTypes.authorityId, authorityId))).map((r) => r.id));
    const questionIds = new Set(all.map((q) => q.id));
    const index = answers.findIndex((a) => (a.outcome.kind === 'question' && !questionIds.has(a.outcome.questionId)) || (a.outcome.kind === 'type' && !typeIds.has(a.outcome.typeId)));
    return index === -1 ? null : index;
  }

  return {
    categories,
    /** Every type of the authority, active or not, for its staff. */
    allTypes: (authorityId: string) => typesWithCategory(db, authorityId, false),
    /** The types a person can start now, in position order. */
    activeTypes: (authorityId: string) => typesWithCategory(db, authorityId, true),
    type,
    questions,

    /** A type and whether its code can still change (no application of it yet). */
    async typeForStaff(actor: StaffActor, typeId: string): Promise<{ type: TypeWithCategory; codeLocked: boolean } | null> {
      if (!can(actor, 'define', { authorityId: actor.staffAuthorityId })) return null;
      const found = await type(actor.staffAuthorityId, typeId);
      return found ? { type: found, codeLocked: (await applicationCount(db, typeId)) > 0 } : null;
    },

    async question(actor: StaffActor, questionId: string): Promise<Question | null> {
      if (!can(actor, 'define', { authorityId: actor.staffAuthorityId })) return null;
      return (await questions(actor.staffAuthorityId)).find((q) => q.id === questionId) ?? null;
    },

    async createCategory(actor: StaffActor, input: CategoryInput, origin: Origin): Promise<SaveCategoryResult> {
      const authorityId = actor.staffAuthorityId;
      if (!can(actor, 'define', { authorityId })) return { kind: 'forbidden' };
      return orCodeTaken(
        db.transaction(async (tx) => {
          const existing = await tx.select({ id: registrationCategories.id }).from(registrationCategories).where(and(eq(registrationCategories.authorityId, authorityId), eq(registrationCategories.code, input.code)));
          if (existing.length) return { kind: 'code_taken' as const };
          const row = await createRegistrationCategory(tx, authorityId, input);
          await recordEvent(tx, { authorityId, event: 'registration_category_created', actorId: actor.id, subjectId: null, origin, at: clock.now(), details: { categoryId: row.id, code: row.code } });
          return { kind: 'saved' as const, id: row.id };
        }),
      );
    },

    async createType(actor: StaffActor, input: TypeInput, origin: Origin): Promise<SaveTypeResult> {
      const authorityId = actor.staffAuthorityId;
      if (!can(actor, 'define', { authorityId })) return { kind: 'forbidden' };
      return orCodeTaken(
        db.transaction(async (tx) => {
          if (!(await categoryOf(tx, authorityId, input.categoryId))) return { kind: 'unknown_category' as const };
          if (await codeTaken(tx, authorityId, input.code)) return { kind: 'code_taken' as const };
          const row = await createApplicationType(tx, authorityId, input);
          await recordEvent(tx, { authorityId, event: 'application_type_created', actorId: actor.id, subjectId: null, origin, at: clock.now(), details: { typeId: row.id, code: row.code } });
          return { kind: 'saved' as const, id: row.id };
        }),
      );
    },

    /** Changes a type; its code stays once an application of it exists (the row is locked while checking). */
    async updateType(actor: StaffActor, typeId: string, input: TypeInput, origin: Origin): Promise<SaveTypeResult> {
      const authorityId = actor.staffAuthorityId;
      if (!can(actor, 'define', { authorityId })) return { kind: 'forbidden' };
      return orCodeTaken(
        db.transaction(async (tx) => {
          const [before] = await tx.select().from(applicationTypes).where(and(eq(applicationTypes.authorityId, authorityId), eq(applicationTypes.id, typeId))).for('update');
          if (!before) return { kind: 'not_found' as const };
          if (!(await categoryOf(tx, authorityId, input.categoryId))) return { kind: 'unknown_category' as const };
          if (input.code !== before.code) {
            if ((await applicationCount(tx, typeId)) > 0) return { kind: 'code_locked' as const };
            if (await codeTaken(tx, authorityId, input.code, typeId)) return { kind: 'code_taken' as const };
          }
          const changed = changedFields(before, input);
          if (changed.length === 0) return { kind: 'saved' as const, id: typeId };
          await tx.update(applicationTypes).set(input).where(eq(applicationTypes.id, typeId));
          await recordEvent(tx, { authorityId, event: 'application_type_changed', actorId: actor.id, subjectId: null, origin, at: clock.now(), details: { typeId, code: input.code, changed } });
          return { kind: 'saved' as const, id: typeId };
        }),
      );
    },

    /**
     * Creates (`questionId` null) or changes a question with its answers. Refused: an answer
     * leading outside the authority, or back to a question on its own path (a loop the person
     * would never leave).
     */
    async saveQuestion(actor: StaffActor, questionId: string | null, input: QuestionInput, origin: Origin): Promise<SaveQuestionResult> {
      const authorityId = actor.staffAuthorityId;
      if (!can(actor, 'define', { authorityId })) return { kind: 'forbidden' };
      return orCodeTaken(
        db.transaction(async (tx) => {
          // One questionnaire change at a time per authority: two edits could each close half a loop.
          await tx.select({ id: eligibilityQuestions.id }).from(eligibilityQuestions).where(eq(eligibilityQuestions.authorityId, authorityId)).for('update');
          const all = await questionsOf(tx, authorityId);
          const before = questionId ? all.find((q) => q.id === questionId) : undefined;
          if (questionId && !before) return { kind: 'not_found' as const };
          if (all.some((q) => q.code === input.code && q.id !== questionId)) return { kind: 'code_taken' as const };
          const unknown = await unknownOutcome(tx, authorityId, input.answers, all);
          if (unknown !== null) return { kind: 'unknown_outcome' as const, answer: unknown };
          const at = clock.now();
          if (!before) {
            const { id } = await createEligibilityQuestion(tx, authorityId, input);
            await replaceAnswers(tx, id, input.answers);
            await recordEvent(tx, { authorityId, event: 'eligibility_question_created', actorId: actor.id, subjectId: null, origin, at, details: { questionId: id, code: input.code } });
            return { kind: 'saved' as const, id };
          }
          const loop = loopThrough(all, before.id, input.answers);
          if (loop !== null) return { kind: 'loop' as const, answer: loop };
          const answersBefore = before.answers.map((a) => ({ code: a.code, label: a.label, outcome: a.outcome }));
          const changed = [
            ...(before.code !== input.code ? ['code'] : []),
            ...(!isDeepStrictEqual(before.text, input.text) ? ['text'] : []),
            ...(!isDeepStrictEqual(before.hint, input.hint) ? ['hint'] : []),
            ...(before.position !== input.position ? ['position'] : []),
            ...(!isDeepStrictEqual(answersBefore, input.answers) ? ['answers'] : []),
          ];
          if (changed.length === 0) return { kind: 'saved' as const, id: before.id };
          await tx.update(eligibilityQuestions).set({ code: input.code, text: input.text, hint: input.hint, position: input.position }).where(eq(eligibilityQuestions.id, before.id));
          await replaceAnswers(tx, before.id, input.answers);
          await recordEvent(tx, { authorityId, event: 'eligibility_question_changed', actorId: actor.id, subjectId: null, origin, at, details: { questionId: before.id, code: input.code, changed } });
          return { kind: 'saved' as const, id: before.id };
        }),
      );
    },

    /**
     * The person's path through the authority's questionnaire, checked step by step against the
     * definitions as they are now: each step must answer the question the previous one led to,
     * with one of its answers, and nothing may follow a result.
     */
    async walk(authorityId: string, path: readonly Step[]): Promise<Walk> {
      const all = await questions(authorityId);
      if (all.length === 0) return { kind: 'no_questionnaire', types: await typesWithCategory(db, authorityId, true) };
      const byId = new Map(all.map((q) => [q.id, q]));
      let current = all[0] as Question;
      for (const [i, step] of path.entries()) {
        const answer = step.question === current.code ? current.answers.find((a) => a.code === step.answer) : undefined;
        if (!answer) return { kind: 'invalid' };
        const last = i === path.length - 1;
        const outcome = answer.outcome;
        if (outcome.kind === 'question') {
          const next = byId.get(outcome.questionId);
          if (!next) return { kind: 'invalid' };
          current = next;
          continue;
        }
        if (!last) return { kind: 'invalid' };
        if (outcome.kind === 'not_eligible') return { kind: 'not_eligible', reason: outcome.reason, whatToDo: outcome.whatToDo, path: [...path] };
        // A type withdrawn since is still the answer: the page says it cannot be started now.
        const found = await type(authorityId, outcome.typeId);
        if (!found) return { kind: 'invalid' };
        return { kind: 'type', type: found, path: [...path] };
      }
      return { kind: 'question', question: current, path: [...path] };
    },
  };
}

export type TypeService = ReturnType<typeof createTypeService>;
