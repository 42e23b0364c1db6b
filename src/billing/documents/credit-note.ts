/**
 * A credit note: voids or corrects an issued invoice, which is never edited. In the person's
 * language, as an accessible PDF (PDF/UA-1 by default).
 */
import { readFileSync } from 'node:fs';
import { formatDate, type PdfRenderer, type PdfStandard } from '../../platform/pdf/index.ts';
import { formatMoney } from '../../platform/i18n/index.ts';
import { authorityBlock, checkCents, checkLocale, type DocumentHeader, type DocumentLocale, type FeeLines, type Pair } from './common.ts';

export type CreditNoteKind = 'void' | 'correction';

/** Its lines are the credited ones, in positive amounts (the credit note prints them as negative). */
export interface CreditNoteData extends DocumentHeader, FeeLines {
  creditNoteNumber: string;
  /** The invoice it credits. */
  invoiceNumber: string;
  kind: CreditNoteKind;
  /** Why, in the person's language (entered by staff). */
  reason: string;
}

const labels = {
  fr: {
    title: (n: string) => `Note de crédit ${n}`,
    creditNoteNumber: 'Numéro de la note de crédit',
    invoiceNumber: 'Facture visée',
    issuedAt: 'Date',
    kind: 'Nature',
    kinds: { void: 'Annulation de la facture', correction: 'Correction de la facture' },
    reason: 'Motif',
    payerHeading: 'Destinataire',
    name: 'Nom',
    email: 'Courriel',
    detailsHeading: 'Montants crédités',
    description: 'Description',
    amount: 'Montant',
    total: 'Total crédité',
    note: 'Cette note de crédit réduit d’autant le montant dû sur la facture visée.',
  },
  en: {
    title: (n: string) => `Credit note ${n}`,
    creditNoteNumber: 'Credit note number',
    invoiceNumber: 'Invoice credited',
    issuedAt: 'Date',
    kind: 'Type',
    kinds: { void: 'Invoice voided', correction: 'Invoice corrected' },
    reason: 'Reason',
    payerHeading: 'Issued to',
    name: 'Name',
    email: 'Email',
    detailsHeading: 'Amounts credited',
    description: 'Description',
    amount: 'Amount',
    total: 'Total credited',
    note: 'This credit note reduces the amount due on the invoice credited by the same amount.',
  },
} as const satisfies Record<DocumentLocale, Record<string, unknown>>;

const template = readFileSync(new URL('./credit-note.typ', import.meta.url), 'utf8');

export function renderCreditNote(renderer: PdfRenderer, data: CreditNoteData, options: { standard?: PdfStandard } = {}): Uint8Array {
  checkLocale(data.locale);
  const l = labels[data.locale];
  const money = (cents: number) => formatMoney(data.locale, -cents);
  for (const item of [...data.lines, ...data.taxes]) checkCents(item.amountCents, 'An amount');
  const total = [...data.lines, ...data.taxes].reduce((sum, item) => sum + item.amountCents, 0);
  if (total !== data.totalCents) throw new RangeError(`The credit note's total (${data.totalCents}) is not its lines plus taxes (${total})`);
  const facts: Pair[] = [
    { label: l.creditNoteNumber, value: data.creditNoteNumber },
    { label: l.invoiceNumber, value: data.invoiceNumber },
    { label: l.issuedAt, value: formatDate(data.issuedAt, data.locale) },
    { label: l.kind, value: l.kinds[data.kind] },
    { label: l.reason, value: data.reason },
  ];
  const input = {
    authority: authorityBlock(data.authority, data.locale),
    title: l.title(data.creditNoteNumber),
    facts,
    payerHeading: l.payerHeading,
    payer: [
      { label: l.name, value: data.payer.name },
      { label: l.email, value: data.payer.email },
    ],
    detailsHeading: l.detailsHeading,
    detailsHeader: [l.description, l.amount],
    details: [...data.lines.map((x) => [x.label, money(x.amountCents)]), ...data.taxes.map((x) => [x.label, money(x.amountCents)]), [l.total, money(total)]],
    note: l.note,
  };
  return renderer.render({
    template,
    inputs: { data: JSON.stringify(input) },
    standard: options.standard ?? 'ua-1',
    title: l.title(data.creditNoteNumber),
    lang: data.locale,
  });
}
