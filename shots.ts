import { writeFileSync } from 'node:fs';
import { codeAt } from './src/two-factor/totp.ts';
import { addAuthenticatorApp } from './test/support/factors.ts';
import { buildAccount, buildApplicationType, buildRegistrationCategory, buildStaff, FACTORY_PASSWORD } from './test/support/factories.ts';
import { launchBrowser, startApp } from './test/browser/browser.ts';

const t = await startApp();
const browser = await launchBrowser();
const category = await buildRegistrationCategory(t.database.db, t.authorityId, { code: 'registered', name: { fr: 'Psychothérapeute autorisé', en: 'Registered psychotherapist' } });
const type = await buildApplicationType(t.database.db, t.authorityId, {
  code: 'new_applicant', name: { fr: 'Première inscription', en: 'First registration' }, description: { fr: 'Pour une première inscription.', en: 'For a first registration.' }, categoryId: category.id,
  sections: ['personal', 'education', 'declarations', 'documents'],
  requiredDocuments: [
    { code: 'government_id', name: { fr: 'Pièce d’identité', en: 'Government ID' }, hint: { fr: 'Passeport ou permis.', en: 'Passport or licence.' }, providedBy: 'applicant' },
    { code: 'transcript', name: { fr: 'Relevé de notes officiel', en: 'Official transcript' }, hint: { fr: 'Envoyé par l’établissement.', en: 'Sent by the school.' }, providedBy: 'school' },
  ],
  declarations: [{ code: 'criminal', question: { fr: 'Avez-vous déjà été reconnu coupable d’une infraction criminelle\u00a0?', en: 'Have you ever been found guilty of a criminal offence?' } }],
});
writeFileSync('/tmp/shots/id.pdf', '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const applicant = await buildAccount(t.database.db, t.authorityId, { givenName: 'Alex', familyName: 'Martin' });
const staffAccount = await buildStaff(t.database.db, t.authorityId, { givenName: 'Sylvie', familyName: 'Tremblay' });
const key = await addAuthenticatorApp(t, staffAccount.id);
const shot = async (page: import('playwright-core').Page, name: string) => { await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true }); };
const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
const p = await ctx.newPage();
await p.goto(`${t.origin}/en/sign-in`);
await p.fill('input[name=email]', applicant.email); await p.fill('input[name=password]', FACTORY_PASSWORD);
await p.getByRole('button', { name: 'Sign in', exact: true }).click(); await p.waitForLoadState('load');
await p.goto(`${t.origin}/en/applications`);
await p.getByRole('button', { name: /Start|Commencer/ }).first().click().catch(() => {});
const res = await p.request.post(`${t.origin}/en/applications/start`, { form: { typeId: type.id, _csrf: await p.locator('input[name=_csrf]').first().getAttribute('value') ?? '' } , maxRedirects: 0});
const loc = res.headers()['location']!;
const id = /applications\/([0-9a-f-]+)/.exec(loc)![1]!;
for (const l of ['en', 'fr'] as const) {
  const base = l === 'en' ? `/en/applications/${id}` : `/fr/demandes/${id}`;
  await p.goto(t.origin + base); await shot(p, `${l}-tasklist`);
}
await p.goto(`${t.origin}/en/applications/${id}/personal-details`);
await p.getByRole('button', { name: 'Save and continue' }).click(); await p.waitForLoadState('load'); await shot(p, 'en-personal-errors');
await p.fill('input[name=givenName]', 'Alex'); await p.fill('input[name=familyName]', 'Martin');
await p.fill('input[name="dateOfBirth-day"]', '27'); await p.fill('input[name="dateOfBirth-month"]', '3'); await p.fill('input[name="dateOfBirth-year"]', '1990');
await p.fill('input[name=addressLine1]', '10 rue Principale'); await p.fill('input[name=city]', 'Québec'); await p.selectOption('select[name=province]', 'QC'); await p.fill('input[name=postalCode]', 'G1R 4S9');
await p.getByRole('button', { name: 'Save and continue' }).click(); await p.waitForLoadState('load');
await p.goto(`${t.origin}/en/applications/${id}/education/add`);
await p.fill('input[name=program]', 'Master of Arts in Psychotherapy'); await p.fill('input[name=institution]', 'Université Laval'); await p.fill('input[name=credential]', 'M.A.');
await p.fill('input[name="startedOn-month"]', '9'); await p.fill('input[name="startedOn-year"]', '2018');
await p.getByRole('button', { name: 'Add this program' }).click(); await p.waitForLoadState('load'); await shot(p, 'en-education');
await p.getByLabel('Yes, I have completed this section').check(); await p.getByRole('button', { name: 'Save and continue' }).click(); await p.waitForLoadState('load');
await p.goto(`${t.origin}/fr/demandes/${id}/declarations`); await shot(p, 'fr-declarations');
await p.locator('input[name="answer-criminal"][value="no"]').check(); await p.getByRole('button', { name: 'Enregistrer et continuer' }).click(); await p.waitForLoadState('load');
await p.goto(`${t.origin}/en/applications/${id}/documents`);
await p.locator('input[type=file]').first().setInputFiles('/tmp/shots/id.pdf'); await p.getByRole('button', { name: 'Upload' }).click(); await p.waitForLoadState('load'); await shot(p, 'en-documents');
await p.goto(`${t.origin}/fr/demandes/${id}/verifier`); await shot(p, 'fr-check');
await p.getByRole('button', { name: 'Soumettre la demande' }).click(); await p.waitForLoadState('load'); await shot(p, 'fr-status');
await p.setViewportSize({ width: 390, height: 844 }); await shot(p, 'fr-status-390');
await p.goto(`${t.origin}/en/applications/${id}/documents`); await shot(p, 'en-documents-390');
const s = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
await s.goto(`${t.origin}/en/sign-in`);
await s.fill('input[name=email]', staffAccount.email); await s.fill('input[name=password]', FACTORY_PASSWORD);
await s.getByRole('button', { name: 'Sign in', exact: true }).click(); await s.waitForLoadState('load');
await s.fill('input[name=code]', codeAt(key, t.clock.now())); t.clock.advance(30000);
await s.getByRole('button', { name: 'Continue', exact: true }).click(); await s.waitForLoadState('load');
await s.goto(`${t.origin}/en/staff/applications`); await shot(s, 'en-queue');
await s.goto(`${t.origin}/fr/personnel/demandes`); await shot(s, 'fr-queue');
await s.goto(`${t.origin}/en/staff/applications/${id}`); await shot(s, 'en-review-before');
await s.getByRole('button', { name: 'Pick up' }).click().catch(async () => { await s.locator('form[action*="pick_up"] button').click(); }); await s.waitForLoadState('load'); await shot(s, 'en-review');
await s.setViewportSize({ width: 390, height: 844 }); await shot(s, 'en-review-390');
await s.goto(`${t.origin}/en/staff/accounts`); await shot(s, 'en-staff-home-390');
await browser.close(); await t.close();
