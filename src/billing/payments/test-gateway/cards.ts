/**
 * The test gateway's cards with known outcomes (the hosted page lists them too). Any other number
 * that passes the Luhn check is accepted, as a real gateway's test mode does.
 */
export const TEST_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  challenge: '4000000000003220',
  networkFailure: '4000000000000119',
} as const;

export type CardOutcome = keyof typeof TEST_CARDS;

/** What a card number leads to at the test gateway. */
export function outcomeOf(number: string): CardOutcome {
  for (const [outcome, card] of Object.entries(TEST_CARDS)) if (card === number) return outcome as CardOutcome;
  return 'success';
}

/** The digits of a card number as typed (spaces and dashes allowed), or null. */
export function cardDigits(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{12,19}$/.test(digits) && luhn(digits) ? digits : null;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The card's brand, for the receipt, from its first digits. */
export function brandOf(digits: string): string {
  if (digits.startsWith('4')) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65)/.test(digits)) return 'discover';
  return 'unknown';
}

/** "MM/YY" (or MM/YYYY, MMYY), not past at `now`: the month and four-digit year, or why not. */
export function parseExpiry(typed: string, now: Date): { month: number; year: number } | 'invalid' | 'expired' {
  const match = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(typed.trim());
  if (!match) return 'invalid';
  const month = Number(match[1]);
  const year = match[2]?.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return 'invalid';
  // Valid through the last day of its month.
  const nowMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (year * 12 + (month - 1) < nowMonth) return 'expired';
  return { month, year };
}
