import { z } from 'zod';
import { isMessageKey, type MessageKey } from '../../platform/i18n/index.ts';
import { line, lines, msg } from '../../platform/text.ts';
import { type ApplicationKind, type DecisionBy, type Eligibility, SECTION_CODES, type SectionCode } from '../schema.ts';

export const APPLICATION_KINDS = ['registration', 'category_transfer'] as const satisfies readonly ApplicationKind[];
export const DECISIONS = ['staff', 'automatic'] as const satisfies readonly DecisionBy[];

/** Language-neutral codes, as the migration checks them: answers, queues and paths are keyed by them. */
export const CODE = /^[a-z][a-z0-9_]{0,62}$/;
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

export const typeParams = z.object({ typeId: uuid });
export const questionParams = z.object({ questionId: uuid });

/** A form body as the page sends it back: field → value (repeated fields are not used by these forms). */
export type FormValues = Record<string, string>;

const required = (key: MessageKey, max = 200) => line(key).min(1, msg(key)).max(max, msg('licensing.invalid.tooLong'));
const optional = (max: number, multiline = false) =>
  (multiline ? lines('licensing.invalid.tooLong') : line('licensing.invalid.tooLong')).max(max, msg('licensing.invalid.tooLong')).optional().transform((v) => v ?? '');
/** A ticked checkbox sends `yes`; an unticked one sends nothing. */
const checkbox = z.string().optional().transform((v) => v === 'yes');
const code = line('licensing.invalid.code').regex(CODE, msg('licensing.invalid.code'));
const position = z
  .string(msg('licensing.invalid.position'))
  .trim()
  .regex(/^\d{1,4}$/, msg('licensing.invalid.position'))
  .transform(Number);

/** The sections' checkboxes, one field each (so a language switch carries each one, as a string). */
export const sectionFields = {
  personal: 'sectionPersonal',
  education: 'sectionEducation',
  declarations: 'sectionDeclarations',
  documents: 'sectionDocuments',
} as const satisfies Record<SectionCode, string>;

export const ELIGIBILITIES = ['anyone', 'registered', 'formerly_registered'] as const satisfies readonly Eligibility[];

/** How many rows of a list a form shows at most ("add another" stops there). */
export const MAX_ROWS = 30;

/** The number of rows a list of the form shows: what it says, within bounds. */
export function rowCount(values: FormValues, field: string, fallback: number): number {
  const n = Number(values[field]);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_ROWS) : Math.max(1, Math.min(fallback, MAX_ROWS));
}

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, MessageKey> };

/** Zod's issues as field → catalog key (the first per field); the field name is mapped by `name`. */
function issuesOf(error: z.ZodError, name: (field: string) => string = (f) => f): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  for (const issue of error.issues) {
    const field = name(String(issue.path[0] ?? 'form'));
    out[field] ??= isMessageKey(issue.message) ? issue.message : 'licensing.invalid.required';
  }
  return out;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The rows of a list in a flat form (`doc0Key`, `doc0NameFr`, `doc1Key`…): a row left empty is
 * no row (that is how one is removed); each other row goes through `schema`, its errors named by
 * its own fields; a code given twice is an error on the second row.
 */
function parseRows<S extends z.ZodObject>(values: FormValues, prefix: string, countField: string, schema: S): Parsed<(z.output<S> & { row: number })[]> {
  const fields = Object.keys(schema.shape);
  const rows: (z.output<S> & { row: number })[] = [];
  const errors: Record<string, MessageKey> = {};
  const seen = new Set<string>();
  for (let i = 0; i < rowCount(values, countField, 1); i++) {
    const name = (field: string) => `${prefix}${i}${capitalized(field)}`;
    const raw = Object.fromEntries(fields.map((f) => [f, values[name(f)] ?? '']));
    if (fields.every((f) => f === 'providedBy' || f === 'outcome' || !String(raw[f]).trim())) continue;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      Object.assign(errors, issuesOf(parsed.error, name));
      continue;
    }
    const key = (parsed.data as { key: string }).key;
    if (seen.has(key)) errors[name('key')] = 'licensing.invalid.codeRepeated';
    seen.add(key);
    rows.push({ ...parsed.data, row: i });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: rows };
}

const documentRow = z.object({
  key: code,
  nameFr: required('licensing.invalid.nameFr'),
  nameEn: required('licensing.invalid.nameEn'),
  hintFr: optional(500),
  hintEn: optional(500),
  providedBy: z.enum(['applicant', 'school'], msg('licensing.invalid.providedBy')),
  optional: checkbox,
  maxMib: z
    .string()
    .trim()
    .regex(/^(\d{1,3})?$/, msg('licensing.invalid.maxMib'))
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (v >= 1 && v <= 100), msg('licensing.invalid.maxMib')),
});

const declarationRow = z.object({
  key: code,
  questionFr: required('licensing.invalid.questionFr', 500),
  questionEn: required('licensing.invalid.questionEn', 500),
});

const typeFields = z.object({
  key: code,
  nameFr: required('licensing.invalid.nameFr'),
  nameEn: required('licensing.invalid.nameEn'),
  descriptionFr: lines('licensing.invalid.descriptionFr').min(1, msg('licensing.invalid.descriptionFr')).max(2000, msg('licensing.invalid.tooLong')),
  descriptionEn: lines('licensing.invalid.descriptionEn').min(1, msg('licensing.invalid.descriptionEn')).max(2000, msg('licensing.invalid.tooLong')),
  categoryId: z.string(msg('licensing.invalid.category')).pipe(uuid.or(z.literal(''))).refine((v) => v !== '', msg('licensing.invalid.category')),
  eligibility: z.enum(ELIGIBILITIES, msg('licensing.invalid.eligibility')),
  kind: z.enum(APPLICATION_KINDS, msg('licensing.invalid.kind')).default('registration'),
  decision: z.enum(DECISIONS, msg('licensing.invalid.decision')).default('staff'),
  fees: optional(500).refine((v) => v.split(',').every((c) => !c.trim() || CODE.test(c.trim())), msg('licensing.invalid.fees')),
  position,
  active: checkbox,
});

/** What staff define for a type, from its form. */
export interface TypeInput {
  code: string;
  name: { fr: string; en: string };
  description: { fr: string; en: string };
  categoryId: string;
  sections: SectionCode[];
  requiredDocuments: { code: string; name: { fr: string; en: string }; hint: { fr: string; en: string }; providedBy: 'applicant' | 'school'; optional?: boolean; maxBytes?: number }[];
  declarations: { code: string; question: { fr: string; en: string } }[];
  feeCodes: string[];
  eligibility: Eligibility;
  position: number;
  active: boolean;
  /** A category transfer, or (by default) a registration on a new file. */
  kind?: ApplicationKind;
  /** Staff decide (by default), or the portal approves a complete submission itself. */
  decision?: DecisionBy;
}

export const MIB = 1024 * 1024;

/** The type form: its own fields, its sections, and its lists of documents and declarations. */
export function parseTypeForm(values: FormValues): Parsed<TypeInput> {
  const main = typeFields.safeParse(values);
  const documents = parseRows(values, 'doc', 'documentRows', documentRow);
  const declarations = parseRows(values, 'decl', 'declarationRows', declarationRow);
  const sections = SECTION_CODES.filter((s) => values[sectionFields[s]] === 'yes');
  const errors: Record<string, MessageKey> = {
    ...(main.success ? {} : issuesOf(main.error)),
    ...(sections.length === 0 ? { [sectionFields.personal]: 'licensing.invalid.sections' as const } : {}),
    ...(documents.ok ? {} : documents.errors),
    ...(declarations.ok ? {} : declarations.errors),
  };
  if (!main.success || !documents.ok || !declarations.ok || Object.keys(errors).length) return { ok: false, errors };
  const v = main.data;
  return {
    ok: true,
    value: {
      code: v.key,
      name: { fr: v.nameFr, en: v.nameEn },
      description: { fr: v.descriptionFr, en: v.descriptionEn },
      categoryId: v.categoryId,
      sections,
      requiredDocuments: documents.value.map((d) => ({
        code: d.key,
        name: { fr: d.nameFr, en: d.nameEn },
        hint: { fr: d.hintFr, en: d.hintEn },
        providedBy: d.providedBy,
        ...(d.optional ? { optional: true } : {}),
        ...(d.maxMib ? { maxBytes: d.maxMib * MIB } : {}),
      })),
      declarations: declarations.value.map((d) => ({ code: d.key, question: { fr: d.questionFr, en: d.questionEn } })),
      feeCodes: [...new Set(v.fees.split(',').map((c) => c.trim()).filter(Boolean))],
      eligibility: v.eligibility,
      kind: v.kind,
      decision: v.decision,
      position: v.position,
      active: v.active,
    },
  };
}

const categoryFields = z.object({
  categoryKey: code,
  categoryNameFr: required('licensing.invalid.nameFr'),
  categoryNameEn: required('licensing.invalid.nameEn'),
  // Left empty: a year, the default of every category.
  categoryValidityMonths: z
    .string(msg('licensing.invalid.validityMonths'))
    .optional()
    .transform((v) => v?.trim() || '12')
    .pipe(z.string())
    .refine((v) => /^\d{1,3}$/.test(v), msg('licensing.invalid.validityMonths'))
    .transform(Number)
    .refine((n) => n >= 1 && n <= 120, msg('licensing.invalid.validityMonths')),
  categoryRequiresExam: checkbox,
  categoryRequiresAgencyLink: checkbox,
});

export interface CategoryInput {
  code: string;
  name: { fr: string; en: string };
  /** How long a certificate lasts (12 months by default), and what it waits for besides its fee. */
  validityMonths?: number;
  requiresExam?: boolean;
  requiresAgencyLink?: boolean;
}

/** The small form that adds a registration category, on the types' page. */
export function parseCategoryForm(values: FormValues): Parsed<CategoryInput> {
  const parsed = categoryFields.safeParse(values);
  if (!parsed.success) return { ok: false, errors: issuesOf(parsed.error) };
  const v = parsed.data;
  return {
    ok: true,
    value: { code: v.categoryKey, name: { fr: v.categoryNameFr, en: v.categoryNameEn }, validityMonths: v.categoryValidityMonths, requiresExam: v.categoryRequiresExam, requiresAgencyLink: v.categoryRequiresAgencyLink },
  };
}

/** Where an answer leads, as the form's select says it: `question:<id>`, `type:<id>` or `not_eligible`. */
export type Outcome = { kind: 'question'; questionId: string } | { kind: 'type'; typeId: string } | { kind: 'not_eligible'; reason: { fr: string; en: string }; whatToDo: { fr: string; en: string } };

const answerRow = z.object({
  key: code,
  labelFr: required('licensing.invalid.labelFr'),
  labelEn: required('licensing.invalid.labelEn'),
  outcome: z.string().regex(/^((question|type):[0-9a-f-]{36}|not_eligible)$/i, msg('licensing.invalid.outcome')),
  reasonFr: optional(1000, true),
  reasonEn: optional(1000, true),
  whatFr: optional(1000, true),
  whatEn: optional(1000, true),
});

const questionFields = z.object({
  key: code,
  textFr: required('licensing.invalid.questionFr', 500),
  textEn: required('licensing.invalid.questionEn', 500),
  hintFr: optional(500),
  hintEn: optional(500),
  position,
});

export interface QuestionInput {
  code: string;
  text: { fr: string; en: string };
  hint: { fr: string; en: string } | null;
  position: number;
  answers: { code: string; label: { fr: string; en: string }; outcome: Outcome }[];
}

/**
 * The question form with its answers; "not eligible" needs its reason and what to do in both
 * languages, and a question with fewer than two answers asks nothing.
 */
export function parseQuestionForm(values: FormValues): Parsed<QuestionInput> {
  const main = questionFields.safeParse(values);
  const answers = parseRows(values, 'ans', 'answerRows', answerRow);
  const errors: Record<string, MessageKey> = { ...(main.success ? {} : issuesOf(main.error)), ...(answers.ok ? {} : answers.errors) };
  const hintGiven = main.success && (main.data.hintFr || main.data.hintEn);
  if (main.success && hintGiven && (!main.data.hintFr || !main.data.hintEn)) errors[main.data.hintFr ? 'hintEn' : 'hintFr'] = 'licensing.invalid.bothLanguages';
  const rows: QuestionInput['answers'] = [];
  if (answers.ok) {
    answers.value.forEach((a) => {
      const [kind, id = ''] = a.outcome.split(':');
      if (kind === 'not_eligible') {
        const missing = (['reasonFr', 'reasonEn', 'whatFr', 'whatEn'] as const).find((f) => !a[f]);
        if (missing) errors[`ans${a.row}${capitalized(missing)}`] = 'licensing.invalid.notEligibleText';
        rows.push({ code: a.key, label: { fr: a.labelFr, en: a.labelEn }, outcome: { kind: 'not_eligible', reason: { fr: a.reasonFr, en: a.reasonEn }, whatToDo: { fr: a.whatFr, en: a.whatEn } } });
      } else {
        rows.push({ code: a.key, label: { fr: a.labelFr, en: a.labelEn }, outcome: kind === 'question' ? { kind: 'question', questionId: id } : { kind: 'type', typeId: id } });
      }
    });
    if (rows.length < 2) errors.ans0Key ??= 'licensing.invalid.twoAnswers';
  }
  if (!main.success || !answers.ok || Object.keys(errors).length) return { ok: false, errors };
  const v = main.data;
  return {
    ok: true,
    value: { code: v.key, text: { fr: v.textFr, en: v.textEn }, hint: v.hintFr ? { fr: v.hintFr, en: v.hintEn } : null, position: v.position, answers: rows },
  };
}

/** One step of the person's path: a question's code and the code of the answer chosen. */
export interface Step {
  question: string;
  answer: string;
}

/** `q1:a2,q2:a1` → its steps; null when it is not that shape (a tampered address). */
export function parsePath(raw: unknown): Step[] | null {
  if (raw === undefined || raw === '') return [];
  if (typeof raw !== 'string' || raw.length > 2000) return null;
  const steps: Step[] = [];
  for (const part of raw.split(',')) {
    const [question = '', answer = '', ...rest] = part.split(':');
    if (rest.length || !CODE.test(question) || !CODE.test(answer)) return null;
    steps.push({ question, answer });
  }
  return steps;
}

export const pathText = (steps: readonly Step[]) => steps.map((s) => `${s.question}:${s.answer}`).join(',');

/** The type form's values from a saved type (what the page shows before any change), with one blank row per list to add to. */
export function typeValues(t: {
  code: string;
  name: { fr: string; en: string };
  description: { fr: string; en: string };
  categoryId: string;
  sections: readonly SectionCode[];
  requiredDocuments: readonly { code: string; name: { fr: string; en: string }; hint: { fr: string; en: string }; providedBy: 'applicant' | 'school'; optional?: boolean; maxBytes?: number }[];
  declarations: readonly { code: string; question: { fr: string; en: string } }[];
  feeCodes: readonly string[];
  eligibility: Eligibility;
  position: number;
  active: boolean;
  /** A category transfer, or (by default) a registration on a new file. */
  kind?: ApplicationKind;
  /** Staff decide (by default), or the portal approves a complete submission itself. */
  decision?: DecisionBy;
}): FormValues {
  const values: FormValues = {
    key: t.code,
    nameFr: t.name.fr,
    nameEn: t.name.en,
    descriptionFr: t.description.fr,
    descriptionEn: t.description.en,
    categoryId: t.categoryId,
    fees: t.feeCodes.join(', '),
    eligibility: t.eligibility,
    kind: t.kind ?? 'registration',
    decision: t.decision ?? 'staff',
    position: String(t.position),
    documentRows: String(t.requiredDocuments.length + 1),
    declarationRows: String(t.declarations.length + 1),
  };
  if (t.active) values.active = 'yes';
  for (const s of t.sections) values[sectionFields[s]] = 'yes';
  t.requiredDocuments.forEach((d, i) => {
    Object.assign(values, { [`doc${i}Key`]: d.code, [`doc${i}NameFr`]: d.name.fr, [`doc${i}NameEn`]: d.name.en, [`doc${i}HintFr`]: d.hint.fr, [`doc${i}HintEn`]: d.hint.en, [`doc${i}ProvidedBy`]: d.providedBy });
    if (d.optional) values[`doc${i}Optional`] = 'yes';
    if (d.maxBytes) values[`doc${i}MaxMib`] = String(Math.round(d.maxBytes / MIB));
  });
  t.declarations.forEach((d, i) => Object.assign(values, { [`decl${i}Key`]: d.code, [`decl${i}QuestionFr`]: d.question.fr, [`decl${i}QuestionEn`]: d.question.en }));
  return values;
}

/** The question form's values from a saved question and its answers, with one blank answer row. */
export function questionValues(q: { code: string; text: { fr: string; en: string }; hint: { fr: string; en: string } | null; position: number; answers: readonly { code: string; label: { fr: string; en: string }; outcome: Outcome }[] }): FormValues {
  const values: FormValues = { key: q.code, textFr: q.text.fr, textEn: q.text.en, hintFr: q.hint?.fr ?? '', hintEn: q.hint?.en ?? '', position: String(q.position), answerRows: String(q.answers.length + 1) };
  q.answers.forEach((a, i) => {
    const o = a.outcome;
    Object.assign(values, {
      [`ans${i}Key`]: a.code,
      [`ans${i}LabelFr`]: a.label.fr,
      [`ans${i}LabelEn`]: a.label.en,
      [`ans${i}Outcome`]: o.kind === 'question' ? `question:${o.questionId}` : o.kind === 'type' ? `type:${o.typeId}` : 'not_eligible',
    });
    if (o.kind === 'not_eligible') Object.assign(values, { [`ans${i}ReasonFr`]: o.reason.fr, [`ans${i}ReasonEn`]: o.reason.en, [`ans${i}WhatFr`]: o.whatToDo.fr, [`ans${i}WhatEn`]: o.whatToDo.en });
  });
  return values;
}
