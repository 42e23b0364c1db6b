// The reads of types, categories and questions, shared by the staff pages, the questionnaire and the applications.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import type { Bilingual } from '../../platform/i18n/index.ts';
import { applicationTypes, eligibilityAnswers, eligibilityQuestions, registrationCategories } from '../schema.ts';
import type { Outcome } from './schemas.ts';

export type ApplicationType = typeof applicationTypes.$inferSelect;
export type RegistrationCategory = typeof registrationCategories.$inferSelect;
/** A type with the category it leads to: what the person's result and the application show. */
export type TypeWithCategory = ApplicationType & { category: RegistrationCategory };

export interface Answer {
  id: string;
  code: string;
  position: number;
  label: Bilingual;
  outcome: Outcome;
}
export interface Question {
  id: string;
  code: string;
  position: number;
  text: Bilingual;
  hint: Bilingual | null;
  answers: Answer[];
}

function outcomeOf(row: typeof eligibilityAnswers.$inferSelect): Outcome {
  if (row.nextQuestionId) return { kind: 'question', questionId: row.nextQuestionId };
  if (row.typeId) return { kind: 'type', typeId: row.typeId };
  return { kind: 'not_eligible', reason: row.notEligibleReason ?? { fr: '', en: '' }, whatToDo: row.whatToDo ?? { fr: '', en: '' } };
}

/** The authority's categories, oldest first. */
export async function categoriesOf(tx: Executor, authorityId: string): Promise<RegistrationCategory[]> {
  return tx.select().from(registrationCategories).where(eq(registrationCategories.authorityId, authorityId)).orderBy(asc(registrationCategories.createdAt), asc(registrationCategories.code));
}

/** The authority's types (only the active ones, or all) with their categories, in position order. */
export async function typesWithCategory(tx: Executor, authorityId: string, onlyActive: boolean): Promise<TypeWithCategory[]> {
  const rows = await tx
    .select({ type: applicationTypes, category: registrationCategories })
    .from(applicationTypes)
    .innerJoin(registrationCategories, eq(registrationCategories.id, applicationTypes.categoryId))
    .where(and(eq(applicationTypes.authorityId, authorityId), onlyActive ? eq(applicationTypes.active, true) : undefined))
    .orderBy(asc(applicationTypes.position), asc(applicationTypes.code));
  return rows.map((r) => ({ ...r.type, category: r.category }));
}

/** One type of the authority with its category; null when the authority has no such type. */
export async function typeWithCategory(tx: Executor, authorityId: string, typeId: string): Promise<TypeWithCategory | null> {
  const [row] = await tx
    .select({ type: applicationTypes, category: registrationCategories })
    .from(applicationTypes)
    .innerJoin(registrationCategories, eq(registrationCategories.id, applicationTypes.categoryId))
    .where(and(eq(applicationTypes.authorityId, authorityId), eq(applicationTypes.id, typeId)));
  return row ? { ...row.type, category: row.category } : null;
}

/** The authority's questions in position order, each with its answers in theirs. */
export async function questionsOf(tx: Executor, authorityId: string): Promise<Question[]> {
  const qs = await tx.select().from(eligibilityQuestions).where(eq(eligibilityQuestions.authorityId, authorityId)).orderBy(asc(eligibilityQuestions.position), asc(eligibilityQuestions.code));
  if (qs.length === 0) return [];
  const answers = await tx.select().from(eligibilityAnswers).where(inArray(eligibilityAnswers.questionId, qs.map((q) => q.id))).orderBy(asc(eligibilityAnswers.position));
  return qs.map((q) => ({
    id: q.id,
    code: q.code,
    position: q.position,
    text: q.text,
    hint: q.hint,
    answers: answers.filter((a) => a.questionId === q.id).map((a) => ({ id: a.id, code: a.code, position: a.position, label: a.label, outcome: outcomeOf(a) })),
  }));
}
