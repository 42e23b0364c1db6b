import assert from 'node:assert/strict';
import { test } from 'node:test';
import { examRule } from './exam-rule.ts';

const base = { previousNumber: 'CAR202400000007', expiredOn: '2026-10-31' as const, today: '2026-12-01' as const };
const agency = { agency: { fr: 'Recouvrement Laurentides', en: 'Laurentides Collections' }, startedOn: '2023-05-01' as const, endedOn: null };
// Today is 2026-12-01: a result sat 23 months ago is still valid (2 years), one sat 25 months ago is not.
const at23Months = { id: 'r1', satOn: '2025-01-01' as const, validUntil: '2026-12-31' as const };
const at25Months = { id: 'r2', satOn: '2024-11-01' as const, validUntil: '2026-10-31' as const };

test('linked to an agency on the day it expired: the result carries over, however old', () => {
  const outcome = examRule({ ...base, linkAtExpiry: agency, latestPassed: at25Months });
  assert.equal(outcome.rule, 'linked_at_expiry');
  assert.equal('resultId' in outcome && outcome.resultId, 'r2');
  assert.equal(outcome.evidence.linkStartedOn, '2023-05-01');
});

test('not linked, exam passed 23 months ago: carried over as a recent exam', () => {
  const outcome = examRule({ ...base, linkAtExpiry: null, latestPassed: at23Months });
  assert.equal(outcome.rule, 'recent_exam');
  assert.equal('resultId' in outcome && outcome.resultId, 'r1');
});

test('not linked, exam passed 25 months ago: refused, with both grounds', () => {
  const outcome = examRule({ ...base, linkAtExpiry: null, latestPassed: at25Months });
  assert.deepEqual(outcome.rule === 'not_met' && outcome.reasons, ['not_linked_at_expiry', 'exam_too_old']);
  assert.equal(outcome.evidence.examSatOn, '2024-11-01');
});

test('not linked and no exam at all: refused, saying there is no exam', () => {
  const outcome = examRule({ ...base, linkAtExpiry: null, latestPassed: null });
  assert.deepEqual(outcome.rule === 'not_met' && outcome.reasons, ['not_linked_at_expiry', 'no_exam']);
});

test('the last valid day still counts; the day after does not', () => {
  const lastDay = { id: 'r3', satOn: '2024-12-01' as const, validUntil: '2026-12-01' as const };
  assert.equal(examRule({ ...base, linkAtExpiry: null, latestPassed: lastDay }).rule, 'recent_exam');
  assert.equal(examRule({ ...base, today: '2026-12-02', linkAtExpiry: null, latestPassed: lastDay }).rule, 'not_met');
});
