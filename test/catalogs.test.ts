// Every module's strings: both languages alike, typography right, every key used and none built.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assembledModules } from '../src/app.ts';
import { platformCatalog, translator } from '../src/platform/i18n/index.ts';

const src = join(import.meta.dirname, '..', 'src');
const catalogs: { name: string; catalog: { fr: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> } }[] = [
  { name: 'platform', catalog: platformCatalog },
  ...assembledModules().modules.flatMap((m) => (m.catalog ? [{ name: m.name, catalog: m.catalog }] : [])),
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const code = sourceFiles(src).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** French typography: a non-breaking space (or a narrow one) before : ; ? ! — never a plain space, never none. */
export function frenchTypographyProblems(text: string): string[] {
  const problems: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (!':;?!'.includes(c) || i === 0) continue;
    const before = text[i - 1] ?? '';
    const after = text[i + 1] ?? '';
    if (c === ':' && (after === '/' || (/\d/.test(before) && /\d/.test(after)))) continue; // https://, 10:30
    if (c === ':' && text.slice(i - 4, i) === '{seq') continue; // the file-number format's own syntax, {seq:8}
    if (before !== '\u00a0' && before !== '\u202f') problems.push(`“${text.slice(Math.max(0, i - 12), i + 1)}”`);
  }
  return problems;
}

test('every catalog has the same keys and the same placeholders in French and in English', () => {
  for (const { name, catalog } of catalogs) {
    assert.deepEqual(Object.keys(catalog.en).sort(), Object.keys(catalog.fr).sort(), name);
    for (const key of Object.keys(catalog.fr)) assert.deepEqual(placeholders(catalog.en[key] ?? ''), placeholders(catalog.fr[key] ?? ''), `${name}: ${key}`);
  }
});

test('typography: typographic apostrophes in both languages; in French a non-breaking space before : ; ? !', () => {
  const problems: string[] = [];
  for (const { name, catalog } of catalogs) {
    for (const [locale, strings] of Object.entries(catalog)) {
      for (const [key, text] of Object.entries(strings)) {
        if (text.includes("'")) problems.push(`${name} ${locale} ${key}: straight apostrophe`);
        if (locale === 'fr') for (const p of frenchTypographyProblems(text)) problems.push(`${name} fr ${key}: no non-breaking space in ${p}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

/** French wording that assumes what it cannot know: a name's gender or its first letter, a person's gender, a zone's code name. */
export function frenchWordingProblems(text: string): string[] {
  const problems: string[] = [];
  // "Membres de {name}": "de Agence…", "de Le Collège…" — the article depends on a name Guichet does not know.
  if (/\b(de|du|à|au|le|la)\s+\{(name|organization)\}/i.test(text)) problems.push('a preposition or article before a name');
  // "Vous êtes connecté": said to everyone, it must not agree with one gender.
  if (/(?<!\p{L})(êtes|serez|étiez)\s+(déconnecté|connecté|inscrit|invité|bienvenu|prêt|sûr|certain|seul)(?!\p{L})/u.test(text)) problems.push('a participle agreeing with the reader');
  if (/\b[A-Z][a-z]+\/[A-Z][a-z_]+\b/.test(text)) problems.push('a time zone identifier');
  return problems;
}

test('French wording fits any name and any reader, and no string shows a time zone identifier', () => {
  const problems: string[] = [];
  for (const { name, catalog } of catalogs) {
    for (const [locale, strings] of Object.entries(catalog)) {
      for (const [key, text] of Object.entries(strings)) {
        const found = locale === 'fr' ? frenchWordingProblems(text) : /\b[A-Z][a-z]+\/[A-Z][a-z_]+\b/.test(text) ? ['a time zone identifier'] : [];
        for (const p of found) problems.push(`${name} ${locale} ${key}: ${p}`);
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(frenchWordingProblems('Membres de {name}'), ['a preposition or article before a name']);
  assert.deepEqual(frenchWordingProblems('Vous êtes connecté.'), ['a participle agreeing with the reader']);
  assert.deepEqual(frenchWordingProblems('Heure de America/Toronto'), ['a time zone identifier']);
  assert.deepEqual(frenchWordingProblems('Membres — {name}'), []);
});

test('the typography check can fail', () => {
  assert.deepEqual(frenchTypographyProblems('Erreur : x'), ['“Erreur :”']);
  assert.deepEqual(frenchTypographyProblems('Vraiment?'), ['“Vraiment?”']);
  assert.deepEqual(frenchTypographyProblems('Erreur\u00a0: à 10:30, https://x'), []);
});

test('every key is used somewhere in the code, and no key is built from a template literal', () => {
  const all = code.map((f) => f.text).join('\n');
  const unused = catalogs.flatMap(({ name, catalog }) => Object.keys(catalog.fr).filter((key) => !all.includes(`'${key}'`) && !all.includes(`"${key}"`)).map((key) => `${name}: ${key}`));
  assert.deepEqual(unused, []);
  const built = code.filter((f) => /as MessageKey\b/.test(f.text) || /\bt\(`/.test(f.text)).map((f) => f.path);
  assert.deepEqual(built, []);
});

test('strings are filled with their placeholders', () => {
  assert.equal(translator('en')('portal.signedInAs', { name: 'Ada' }), 'Signed in as Ada.');
  assert.equal(translator('fr')('members.title', { name: 'Agence des parcs' }), 'Membres — Agence des parcs');
});
