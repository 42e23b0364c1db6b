import { and, eq } from 'drizzle-orm';
import { authorities } from '../authorities/index.ts';
import type { StagedFile } from '../documents/index.ts';
import { accounts } from '../identity/index.ts';
import { addCalendarDays, type LocalDate, localDateAt } from '../platform/calendar.ts';
import type { Database } from '../platform/db.ts';
import type { ModuleServices } from '../platform/module.ts';
import type { NewRequestInput } from './workspace/schemas.ts';
import { accessSettings } from './schema.ts';

const nowhere = { ip: null, userAgent: null };

/** A demo step that did not do what it says stops the seed, naming what came back. */
function ok(result: unknown) {
  const kind = typeof result === 'object' && result !== null && 'kind' in result ? result.kind : result;
  if (kind !== 'ok') throw new Error(`access demo: a step answered ${String(kind)}`);
}

/** A one-page PDF for the demo's records (the documents module sniffs the type from the content). */
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** Seed 004: the module on for the ATIP office (the demo seed's first step, with the database alone). */
export async function enableAccessDemo(db: Database, authorityId: string) {
  await db.insert(accessSettings).values({ authorityId, commissionerEmail: 'avis@commissaire-information.demo.guichet.ca' }).onConflictDoNothing();
}

/**
 * Seed 004's requests, made through the module's own services once the app is built (so that
 * each extension has its notice letters and each release its response letter, as real PDFs): in
 * each institution, requests in every state — awaiting the fee, new, due soon, overdue, awaiting
 * clarification, extended for a consultation (with the Commissioner's notice), transferred,
 * released in full and in part, closed with no records, abandoned — and a Privacy Act request
 * from an account.
 */
export async function seedAccessDemo(db: Database, services: ModuleServices, o: { slug: string; requesterEmail: string; now?: Date }) {
  const access = services.accessRequests;
  const [office] = await db.select({ id: authorities.id }).from(authorities).where(eq(authorities.slug, o.slug));
  if (!office) return;
  const now = o.now ?? new Date();
  const today = localDateAt(now);
  const day = (offset: number): LocalDate => addCalendarDays(today, offset);
  const institutions = await access.core.institutions(office.id);
  const members = await Promise.all(
    institutions.map(async (i) => {
      const people = await access.core.practitioners(db, i.id);
      return people.map((p) => ({ accountId: p.id, organizationId: i.id, authorityId: office.id }));
    }),
  );
  const [parks, fisheries] = members;
  if (!parks?.[0] || !parks[1] || !fisheries?.[0]) return;
  const [manager, practitioner] = [parks[0], parks[1]];
  const stage = async (name: string): Promise<StagedFile> => {
    const staged = await services.documents.stage({ fileName: name, source: pdf(name), maxBytes: 1_000_000 });
    if (!staged.ok) throw new Error(`access demo: ${name} was refused`);
    return staged.file;
  };
  const enter = async (m: typeof manager, daysAgo: number, input: Partial<NewRequestInput> & Pick<NewRequestInput, 'requesterName' | 'description'>) => {
    const entered = await access.workspace.enter(
      m,
      { channel: 'mail', receivedOn: day(-daysAgo), act: 'access', requesterEmail: `${input.requesterName.toLowerCase().split(' ')[0]}@demandeurs.demo.guichet.ca`, requesterPhone: null, requesterAddress: null, requesterLocale: 'fr', requesterCategory: 'public', fee: 'paid', feeNote: 'Chèque no 1042', ...input } as NewRequestInput,
      nowhere,
    );
    if (entered.kind !== 'ok') throw new Error('access demo: request refused');
    return entered.request;
  };

  // Sent on the public service without an account: its $5 invoice is open, the clock waits for it.
  const draft = await access.public.saveAnswers(undefined, office.id, { act: 'access', organizationId: manager.organizationId, description: 'Les rapports d’inspection des refuges du parc de la Jacques-Cartier, 2024 à 2026.', format: 'electronic', name: 'Roxanne Demers', email: 'roxanne@demandeurs.demo.guichet.ca', phone: null, category: 'public' });
  const sent = await access.public.submit(draft.token, office.id, null, 'fr', nowhere);
  if (sent.kind !== 'sent') throw new Error(`access demo: the online request answered ${sent.kind}`);

  // New, unassigned; due soon and assigned; overdue.
  await enter(manager, 2, { requesterName: 'Chloé Bergeron', requesterCategory: 'media', description: 'Les notes d’information préparées pour le président de l’Agence au sujet de la fermeture du parc de la Mauricie en 2026.' });
  const dueSoon = await enter(manager, 26, { requesterName: 'Liam O’Connor', requesterLocale: 'en', requesterCategory: 'academia', channel: 'email', description: 'All briefing notes on visitor numbers at Banff National Park, January to June 2026.' });
  await access.workspace.assign(manager, dueSoon.id, practitioner.accountId, nowhere);
  const overdue = await enter(manager, 44, { requesterName: 'Sophie Tremblay', requesterCategory: 'business', channel: 'paper', description: 'Les contrats d’entretien des sentiers signés en 2025, avec leurs modifications.' });
  await access.workspace.assign(manager, overdue.id, manager.accountId, nowhere);

  // Awaiting the requester's clarification: the clock is on hold.
  const unclear = await enter(manager, 9, { requesterName: 'Marc Gagnon', description: 'Tous les documents sur les castors.' });
  await access.workspace.askClarification(manager, unclear.id, 'Pouvez-vous préciser le parc, la période et le type de documents (rapports, courriels, photos) que vous cherchez\u00a0?', nowhere);

  // Extended for a consultation with the Fisheries Office (over 30 days: the Commissioner is notified), and a third party consulted.
  const extended = await enter(manager, 18, { requesterName: 'Amira Haddad', requesterLocale: 'en', requesterCategory: 'organization', description: 'Records of consultations with First Nations on the marine conservation area in 2025.' });
  await access.workspace.assign(manager, extended.id, practitioner.accountId, nowhere);
  await access.workspace.consult(practitioner, extended.id, { kind: 'institution', consultedOrganizationId: fisheries[0].organizationId, partyName: '', partyEmail: '', question: 'Les documents joints contiennent des renseignements de votre institution. Avez-vous des objections à leur communication\u00a0?', dueDays: 30 }, nowhere);
  await access.workspace.consult(practitioner, extended.id, { kind: 'third_party', consultedOrganizationId: '', partyName: 'Pêcheries Côte-Nord inc.', partyEmail: 'juridique@pecheries-cote-nord.demo.guichet.ca', question: 'Des renseignements commerciaux vous concernant figurent dans les documents demandés (article 27). Vos observations sont attendues.', dueDays: 20 }, nowhere);
  await access.workspace.takeExtension(practitioner, extended.id, 'atia_9_1_b', 45, nowhere);

  // Released in full, and in part with the sections cited.
  const full = await enter(manager, 28, { requesterName: 'Julien Roy', description: 'Le budget de fonctionnement du parc national Forillon pour 2025-2026.' });
  ok(await access.release.addRecord(manager, full.id, { title: 'Budget de fonctionnement 2025-2026', pages: 12 }, await stage('budget-forillon.pdf'), nowhere));
  for (const record of (await access.release.view(full)).records) ok(await access.release.decide(manager, full.id, record.id, { decision: 'released_in_full', exemptions: [], pagesReleased: null }, null, nowhere));
  ok(await access.release.deliver(manager, full.id, { disposition: 'all_disclosed', summaryFr: 'Budget de fonctionnement du parc national Forillon pour 2025-2026.', summaryEn: 'Operating budget of Forillon National Park for 2025-26.' }, nowhere));

  const partial = await enter(manager, 35, { requesterName: 'Grace Wilson', requesterLocale: 'en', requesterCategory: 'media', description: 'Incident reports involving bears at campgrounds in 2025.' });
  ok(await access.release.addRecord(manager, partial.id, { title: 'Incident reports, campgrounds, 2025', pages: 40 }, await stage('incidents-2025.pdf'), nowhere));
  ok(await access.release.addRecord(manager, partial.id, { title: 'Legal advice on campground closures', pages: 6 }, await stage('avis-juridique.pdf'), nowhere));
  const gathered = (await access.release.view(partial)).records;
  const reports = gathered.find((r) => r.pages === 40);
  const advice = gathered.find((r) => r.pages === 6);
  if (!reports || !advice) throw new Error('access demo: records missing');
  ok(await access.release.decide(manager, partial.id, reports.id, { decision: 'released_in_part', exemptions: ['19(1)'], pagesReleased: 38 }, await stage('incidents-2025-caviarde.pdf'), nowhere));
  ok(await access.release.decide(manager, partial.id, advice.id, { decision: 'withheld', exemptions: ['23'], pagesReleased: null }, null, nowhere));
  ok(await access.release.deliver(manager, partial.id, { disposition: 'disclosed_in_part', summaryFr: 'Rapports d’incidents impliquant des ours dans les terrains de camping en 2025.', summaryEn: 'Incident reports involving bears at campgrounds in 2025.' }, nowhere));

  // Closed with no records, and abandoned after a clarification that never came.
  const none = await enter(manager, 20, { requesterName: 'Paul Lévesque', description: 'Les études sur un téléphérique au parc de la Gaspésie.' });
  ok(await access.release.close(manager, none.id, { disposition: 'no_records_exist', summaryFr: 'Études sur un projet de téléphérique au parc de la Gaspésie.', summaryEn: 'Studies on a cable car project in Gaspésie park.' }, nowhere));
  const silent = await enter(manager, 15, { requesterName: 'Inès Morel', description: 'Tout ce que vous avez sur moi.' });
  await access.workspace.askClarification(manager, silent.id, 'Votre demande vise-t-elle vos renseignements personnels\u00a0? Si oui, il s’agit d’une demande en vertu de la Loi sur la protection des renseignements personnels.', nowhere);
  ok(await access.release.close(manager, silent.id, { disposition: 'abandoned', summaryFr: 'Demande abandonnée.', summaryEn: 'Request abandoned.' }, nowhere));

  // The Fisheries Office: one of its requests transferred to the Parks Agency (the clock kept), one awaiting a fee waiver decision, one in progress.
  const misdirected = await enter(fisheries[0], 6, { requesterName: 'Nadia Côté', description: 'Les plans de gestion des visiteurs du parc marin du Saguenay–Saint-Laurent.' });
  await access.workspace.transfer(fisheries[0], misdirected.id, manager.organizationId, 'Le parc marin relève de l’Agence des parcs.', nowhere);
  await enter(fisheries[0], 3, { requesterName: 'Owen Clarke', requesterLocale: 'en', requesterCategory: 'business', fee: 'due', feeNote: null, description: 'Quota allocations for snow crab in area 12, 2024 to 2026.' });
  await enter(fisheries[0], 12, { requesterName: 'Émilie Fournier', requesterCategory: 'academia', channel: 'email', description: 'Les données d’observation des baleines noires recueillies en 2025.' });

  // A Privacy Act request made signed in (its requester's tracking page lists it under “My access requests”).
  const [requester] = await db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.email, o.requesterEmail)));
  if (requester) {
    await db.transaction((tx) =>
      access.core.receive(tx, {
        authorityId: office.id,
        organizationId: fisheries[0]!.organizationId,
        act: 'privacy',
        channel: 'online',
        requesterAccountId: requester.id,
        requesterName: 'Daniel Wong',
        requesterEmail: o.requesterEmail,
        requesterLocale: 'en',
        requesterCategory: 'public',
        description: 'My fishing licence file, including every inspection report that names me, since 2020.',
        fee: 'none',
        receivedOn: day(-5),
        origin: nowhere,
        at: now,
      }),
    );
  }
}
