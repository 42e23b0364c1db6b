/**
 * The certificate of registration, as an accessible PDF (PDF/UA-1 by default; PDF/A-2a for the
 * archive copy). Bilingual: every string in the person's language first, then in the other
 * language below it, smaller and tagged with its language. A QR code (an image with alt text)
 * points at the public verification address, and the short code is printed in large type.
 */
import { readFileSync } from 'node:fs';
import { encode } from 'uqr';
import { formatDate, type PdfRenderer, type PdfStandard } from '../../platform/pdf/index.ts';

export type CertificateLocale = 'fr' | 'en';
type Bilingual = { fr: string; en: string };

export interface CertificateData {
  /** The person's language: shown first, and the document's language. */
  locale: CertificateLocale;
  authority: { name: Bilingual };
  holderName: string;
  category: Bilingual;
  registrationNumber: string;
  /** Calendar dates (`2026-12-01`) or instants (their date in Toronto). */
  validFrom: Date | string;
  /** Null: no end date. */
  validTo: Date | string | null;
  issuedAt: Date;
  verification: {
    /** The short code, e.g. `ABCD-EFGH`. */
    code: string;
    /** The public verification address the QR code holds, e.g. `https://…/fr/verifier/ABCD-EFGH`. */
    url: string;
  };
}

const labels = {
  fr: {
    title: 'Certificat d’inscription',
    statement: (authority: string, category: string) =>
      `${authority} atteste que la personne nommée ci-dessous est inscrite à son registre dans la catégorie «\u00a0${category}\u00a0», pour la période indiquée.`,
    holder: 'Titulaire',
    category: 'Catégorie',
    registrationNumber: 'Numéro d’inscription',
    validFrom: 'Valide du',
    validTo: 'Valide jusqu’au',
    noEnd: 'Sans date de fin',
    issuedAt: 'Délivré le',
    verificationHeading: 'Vérification',
    codeLabel: 'Code de vérification',
    verifyAt: 'Vérifiez ce certificat à l’adresse suivante ou avec le code QR\u00a0:',
    qrAlt: (code: string, url: string) => `Code QR de vérification ${code}, menant à ${url}`,
    note: 'Ce certificat n’est valide que si la vérification en ligne le confirme. Elle indique seulement s’il est valide, expiré ou révoqué.',
  },
  en: {
    title: 'Certificate of Registration',
    statement: (authority: string, category: string) =>
      `${authority} certifies that the person named below is entered in its register in the category “${category}”, for the period shown.`,
    holder: 'Holder',
    category: 'Category',
    registrationNumber: 'Registration number',
    validFrom: 'Valid from',
    validTo: 'Valid until',
    noEnd: 'No end date',
    issuedAt: 'Issued on',
    verificationHeading: 'Verification',
    codeLabel: 'Verification code',
    verifyAt: 'Verify this certificate at the following address or with the QR code:',
    qrAlt: (code: string, url: string) => `Verification QR code ${code}, leading to ${url}`,
    note: 'This certificate is valid only if the online verification confirms it. It shows only whether it is valid, expired or revoked.',
  },
} as const;

const template = readFileSync(new URL('./certificate.typ', import.meta.url), 'utf8');

/** The QR code's modules, one string of 0 and 1 per row, without a border (the template adds the quiet zone). */
export function qrRows(text: string): string[] {
  const { data } = encode(text, { ecc: 'M', border: 0 });
  return data.map((row) => row.map((dark) => (dark ? '1' : '0')).join(''));
}

export function renderCertificate(renderer: PdfRenderer, data: CertificateData, options: { standard?: PdfStandard } = {}): Uint8Array {
  if (data.locale !== 'fr' && data.locale !== 'en') throw new RangeError(`Unknown certificate language: ${String(data.locale)}`);
  const main = data.locale;
  const second: CertificateLocale = main === 'fr' ? 'en' : 'fr';
  if (!/^https?:\/\//.test(data.verification.url)) throw new RangeError(`Not a verification address: ${data.verification.url}`);
  const pair = (pick: (l: (typeof labels)[CertificateLocale], lang: CertificateLocale) => string) => ({
    main: pick(labels[main], main),
    other: pick(labels[second], second),
  });
  const date = (value: Date | string, lang: CertificateLocale) => formatDate(value, lang);
  const value = (pick: (lang: CertificateLocale) => string) => (pick(main) === pick(second) ? pick(main) : `${pick(main)} / ${pick(second)}`);

  const input = {
    otherLang: second,
    authority: { main: data.authority.name[main], other: data.authority.name[second] },
    title: pair((l) => l.title),
    statement: pair((l, lang) => l.statement(data.authority.name[lang], data.category[lang])),
    facts: [
      { label: pair((l) => l.holder), value: data.holderName },
      { label: pair((l) => l.category), value: value((lang) => data.category[lang]) },
      { label: pair((l) => l.registrationNumber), value: data.registrationNumber },
      { label: pair((l) => l.validFrom), value: value((lang) => date(data.validFrom, lang)) },
      { label: pair((l) => l.validTo), value: value((lang) => (data.validTo === null ? labels[lang].noEnd : date(data.validTo, lang))) },
      { label: pair((l) => l.issuedAt), value: value((lang) => date(data.issuedAt, lang)) },
    ],
    verificationHeading: pair((l) => l.verificationHeading),
    codeLabel: pair((l) => l.codeLabel),
    code: data.verification.code,
    verifyAt: pair((l) => l.verifyAt),
    url: data.verification.url,
    qr: qrRows(data.verification.url),
    qrAlt: labels[main].qrAlt(data.verification.code, data.verification.url),
    note: pair((l) => l.note),
  };
  return renderer.render({
    template,
    inputs: { data: JSON.stringify(input) },
    standard: options.standard ?? 'ua-1',
    title: `${labels[main].title} ${data.registrationNumber}`,
    lang: main,
  });
}
