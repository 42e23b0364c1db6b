import assert from 'node:assert/strict';
import { provinces } from './canada.ts';
import { test } from 'node:test';
import {
  addBusinessDays,
  addCalendarDays,
  businessDays,
  businessDaysBetween,
  calendarDays,
  closure,
  deadline,
  holidaysIn,
  isBusinessDay,
  type Jurisdiction,
  localDateAt,
  nextBusinessDay,
  parseLocalDate,
  today,
} from './calendar.ts';

// Written by hand from the statutes and a perpetual calendar, not from date-holidays, so that a
// change in the library's data fails here. "MM-DD<MM-DD" is a day off moved from a weekend.
// Easter: 2026-04-05, 2027-03-28, 2028-04-16, 2029-04-01, 2030-04-21.
const expected: Record<'federal' | 'ON' | 'QC', Record<number, string>> = {
  // New Year's, Good Friday, Easter Monday, Victoria Day, Canada Day, Labour Day, Truth and
  // Reconciliation, Thanksgiving, Remembrance Day, Christmas, Boxing Day.
  federal: {
    2026: '01-01 04-03 04-06 05-18 07-01 09-07 09-30 10-12 11-11 12-25 12-28<12-26',
    2027: '01-01 03-26 03-29 05-24 07-01 09-06 09-30 10-11 11-11 12-27<12-25 12-28<12-26',
    2028: '01-03<01-01 04-14 04-17 05-22 07-03<07-01 09-04 10-02<09-30 10-09 11-13<11-11 12-25 12-26',
    2029: '01-01 03-30 04-02 05-21 07-02<07-01 09-03 10-01<09-30 10-08 11-12<11-11 12-25 12-26',
    2030: '01-01 04-19 04-22 05-20 07-01 09-02 09-30 10-14 11-11 12-25 12-26',
  },
  // New Year's, Family Day, Good Friday, Victoria Day, Canada Day, Labour Day, Thanksgiving, Christmas, Boxing Day.
  ON: {
    2026: '01-01 02-16 04-03 05-18 07-01 09-07 10-12 12-25 12-28<12-26',
    2027: '01-01 02-15 03-26 05-24 07-01 09-06 10-11 12-27<12-25 12-28<12-26',
    2028: '01-03<01-01 02-21 04-14 05-22 07-03<07-01 09-04 10-09 12-25 12-26',
    2029: '01-01 02-19 03-30 05-21 07-02<07-01 09-03 10-08 12-25 12-26',
    2030: '01-01 02-18 04-19 05-20 07-01 09-02 10-14 12-25 12-26',
  },
  // New Year's, Good Friday, Patriots' Day, Fête nationale, Canada Day, Labour Day, Thanksgiving,
  // Christmas; only June 24 and July 1 move, and only off a Sunday.
  QC: {
    2026: '01-01 04-03 05-18 06-24 07-01 09-07 10-12 12-25',
    2027: '01-01 03-26 05-24 06-24 07-01 09-06 10-11 12-25',
    2028: '01-01 04-14 05-22 06-24 07-01 09-04 10-09 12-25',
    2029: '01-01 03-30 05-21 06-25<06-24 07-02<07-01 09-03 10-08 12-25',
    2030: '01-01 04-19 05-20 06-24 07-01 09-02 10-14 12-25',
  },
};

const listed = (jurisdiction: Jurisdiction, year: number) =>
  holidaysIn(jurisdiction, year)
    .map((holiday) => holiday.date.slice(5) + (holiday.movedFrom ? `<${holiday.movedFrom.slice(5)}` : ''))
    .join(' ');

for (const [jurisdiction, byYear] of Object.entries(expected) as [Jurisdiction, Record<number, string>][]) {
  test(`${jurisdiction}: the statutory holidays of 2026 to 2030, on the days they are observed`, () => {
    for (const [year, days] of Object.entries(byYear)) assert.equal(listed(jurisdiction, Number(year)), days, `${jurisdiction} ${year}`);
  });
}

test('every holiday has its name in both languages and falls in its year', () => {
  for (const jurisdiction of ['federal', ...provinces] as const) {
    for (let year = 2026; year <= 2030; year += 1) {
      for (const holiday of holidaysIn(jurisdiction, year)) {
        assert.ok(holiday.name.fr && holiday.name.en, `${jurisdiction} ${holiday.date}`);
        assert.ok(holiday.date.startsWith(String(year)), `${jurisdiction} ${holiday.date}`);
        assert.equal(isBusinessDay(jurisdiction, holiday.date), false);
      }
    }
  }
});

test('observed days: Christmas 2027 on a Saturday and Boxing Day on the Sunday close Monday and Tuesday', () => {
  const [christmas, boxingDay] = holidaysIn('federal', 2027).slice(-2);
  assert.deepEqual(christmas, { date: '2027-12-27', movedFrom: '2027-12-25', name: { fr: 'Noël', en: 'Christmas Day' } });
  assert.deepEqual(boxingDay, { date: '2027-12-28', movedFrom: '2027-12-26', name: { fr: 'Lendemain de Noël', en: 'Boxing Day' } });
  assert.equal(isBusinessDay('federal', '2027-12-29'), true);
  // Canada Day 2028 is a Saturday: Monday off federally, nothing moves in Québec.
  assert.equal(isBusinessDay('federal', '2028-07-03'), false);
  assert.equal(isBusinessDay('QC', '2028-07-03'), true);
  assert.deepEqual(closure('QC', '2028-07-01'), { date: '2028-07-01', reason: 'saturday' });
});

test('Saint-Jean-Baptiste is a holiday in Québec only; September 30 federally, not in Ontario or Québec', () => {
  assert.equal(isBusinessDay('QC', '2026-06-24'), false);
  for (const jurisdiction of ['federal', ...provinces.filter((code) => code !== 'QC')] as const) assert.equal(isBusinessDay(jurisdiction, '2026-06-24'), true, jurisdiction);
  assert.equal(isBusinessDay('federal', '2026-09-30'), false);
  assert.equal(isBusinessDay('ON', '2026-09-30'), true);
  assert.equal(isBusinessDay('QC', '2026-09-30'), true);
  // September 30 where a provincial or territorial statute made it a holiday, and from which year.
  for (const code of provinces) assert.equal(isBusinessDay(code, '2026-09-30'), !['BC', 'MB', 'NT', 'NU', 'PE', 'YT'].includes(code), code);
  assert.equal(isBusinessDay('BC', '2022-09-30'), true, 'BC from 2023');
  assert.equal(isBusinessDay('MB', '2023-10-02'), true, 'MB from 2024');
  assert.equal(isBusinessDay('federal', '2021-09-30'), false, 'federal from 2021');
  assert.equal(isBusinessDay('federal', '2020-09-30'), true);
  const day = closure('federal', '2026-09-30');
  assert.equal(day?.reason === 'holiday' && day.holiday.name.fr, 'Journée nationale de la vérité et de la réconciliation');
});

test('other provinces: spot checks of what makes them different', () => {
  // British Columbia: Family Day on the third Monday of February (the second until 2019), BC Day, September 30 since 2023.
  assert.equal(isBusinessDay('BC', '2026-02-16'), false);
  assert.equal(isBusinessDay('BC', '2026-02-09'), true);
  assert.equal(isBusinessDay('BC', '2026-08-03'), false);
  assert.equal(isBusinessDay('BC', '2026-09-30'), false);
  assert.equal(isBusinessDay('BC', '2026-12-28'), true, 'no Boxing Day in BC');
  // Newfoundland and Labrador: July 1 is Memorial Day; no Victoria Day, no Thanksgiving; St. Patrick's and Orangemen's Day are not statutory.
  assert.deepEqual(holidaysIn('NL', 2026).find((holiday) => holiday.date === '2026-07-01')?.name, { fr: 'Jour commémoratif', en: 'Memorial Day' });
  for (const day of ['2026-05-18', '2026-10-12', '2026-03-17', '2026-07-13'] as const) assert.equal(isBusinessDay('NL', day), true, day);
  // Alberta: Remembrance Day yes, Easter Monday and Heritage Day no.
  assert.equal(isBusinessDay('AB', '2026-11-11'), false);
  assert.equal(isBusinessDay('AB', '2026-04-06'), true);
  assert.equal(isBusinessDay('AB', '2026-08-03'), true);
  // Yukon: Discovery Day on the third Monday of August, National Indigenous Peoples Day on June 21.
  assert.equal(isBusinessDay('YT', '2026-08-17'), false);
  assert.equal(isBusinessDay('YT', '2027-06-21'), false);
  // Prince Edward Island: Gold Cup Parade Day is Charlottetown's, not the province's; Islander Day is.
  assert.equal(isBusinessDay('PE', '2026-08-21'), true);
  assert.equal(isBusinessDay('PE', '2026-02-16'), false);
  // Nunavut Day, July 9.
  assert.equal(isBusinessDay('NU', '2026-07-09'), false);
});

test('business days across Easter and Christmas', () => {
  // Thursday 2 April 2026, then Good Friday and Easter Monday: federally the next business day is Tuesday.
  assert.equal(addBusinessDays('federal', '2026-04-02', 1), '2026-04-07');
  assert.equal(addBusinessDays('ON', '2026-04-02', 1), '2026-04-06');
  assert.equal(addBusinessDays('federal', '2026-04-07', -1), '2026-04-02');
  // Thursday 24 December 2026, Christmas on Friday, Boxing Day on Saturday observed on Monday 28.
  assert.equal(addBusinessDays('federal', '2026-12-24', 1), '2026-12-29');
  assert.equal(addBusinessDays('QC', '2026-12-24', 1), '2026-12-28');
  assert.equal(addBusinessDays('federal', '2026-12-24', 5), '2027-01-05');
  assert.equal(businessDaysBetween('federal', '2026-12-24', '2027-01-05'), 5);
  assert.equal(businessDaysBetween('federal', '2027-01-05', '2026-12-24'), -5);
  assert.equal(businessDaysBetween('federal', '2026-12-24', '2026-12-24'), 0);
  assert.equal(addBusinessDays('federal', '2026-12-25', 0), '2026-12-25');
  // Thirty business days from a Monday: six weeks, plus Good Friday and Easter Monday.
  assert.equal(addBusinessDays('federal', '2026-03-02', 30), '2026-04-15');
  for (const [from, to] of [['2026-03-02', '2026-04-15'], ['2027-12-01', '2028-01-31'], ['2028-06-15', '2028-10-20']] as const) {
    assert.equal(addBusinessDays('federal', from, businessDaysBetween('federal', from, to)), to);
  }
});

test('a deadline on a closed day moves to the next business day and says why (Interpretation Act, s. 26)', () => {
  // Received Friday 27 November 2026; 30 days later is Sunday 27 December, Boxing Day is observed on the 28th.
  assert.deepEqual(deadline('federal', '2026-11-27', calendarDays(30)), {
    jurisdiction: 'federal',
    start: '2026-11-27',
    rule: { count: 'calendar_days', days: 30 },
    reached: '2026-12-27',
    due: '2026-12-29',
    moved: [
      { date: '2026-12-27', reason: 'sunday' },
      { date: '2026-12-28', reason: 'holiday', holiday: { date: '2026-12-28', movedFrom: '2026-12-26', name: { fr: 'Lendemain de Noël', en: 'Boxing Day' } } },
    ],
  });
  // On a business day nothing moves; a count of business days always ends on one.
  assert.deepEqual(deadline('ON', '2026-03-02', calendarDays(30)).moved, []);
  const tenDays = deadline('QC', '2026-06-17', businessDays(10));
  assert.equal(tenDays.due, '2026-07-03', 'June 24 and July 1 skipped');
  assert.equal(tenDays.reached, tenDays.due);
  assert.deepEqual(nextBusinessDay('QC', '2026-07-03'), { date: '2026-07-03', skipped: [] });
});

test('the day is the day in Toronto, and DST changes do not shift dates', () => {
  // 23:30 in Toronto on 31 December is already 1 January in UTC.
  assert.equal(localDateAt(new Date('2027-01-01T04:30:00Z')), '2026-12-31');
  assert.equal(today({ now: () => new Date('2026-07-01T03:59:00Z') }), '2026-06-30');
  assert.equal(today({ now: () => new Date('2026-07-01T04:00:00Z') }), '2026-07-01');
  // Clocks spring forward on 8 March 2026 and fall back on 1 November 2026.
  assert.equal(localDateAt(new Date('2026-03-08T06:59:00Z')), '2026-03-08');
  assert.equal(localDateAt(new Date('2026-03-08T04:59:00Z')), '2026-03-07');
  assert.equal(localDateAt(new Date('2026-11-01T04:30:00Z')), '2026-11-01');
  assert.equal(localDateAt(new Date('2026-11-02T04:59:00Z')), '2026-11-01');
  assert.equal(addCalendarDays('2026-03-07', 1), '2026-03-08');
  assert.equal(addCalendarDays('2026-03-08', 1), '2026-03-09');
  assert.equal(addCalendarDays('2026-10-31', 2), '2026-11-02');
  assert.equal(addBusinessDays('ON', '2026-03-06', 1), '2026-03-09');
  assert.equal(addBusinessDays('ON', '2026-10-30', 1), '2026-11-02');
  assert.equal(addCalendarDays('2028-02-28', 1), '2028-02-29');
  assert.equal(addCalendarDays('2026-12-31', 1), '2027-01-01');
});

test('a local date is a real day written YYYY-MM-DD', () => {
  assert.equal(parseLocalDate('2028-02-29'), '2028-02-29');
  for (const text of ['2026-02-29', '2026-13-01', '2026-1-01', '01/07/2026', '2026-07-01T00:00']) assert.equal(parseLocalDate(text), null, text);
});
