import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { SessionAccount } from '../platform/actors.ts';
import type { Database } from '../platform/db.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import type { DashboardCard, ModuleServices } from '../platform/module.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import { authoritiesOf as relatedAuthorities } from '../authorities/index.ts';
import { authoritiesOf } from './places.ts';
import { dashboardAuthorities } from './queries.ts';
import { Dashboard, type Shown } from './views.tsx';

type Group = DashboardCard['group'];

/** What a page that sends the person here may announce (`?notice=`): a given password replaced at sign-in. */
const notices = { passwordChanged: 'account.passwordChanged' } as const satisfies Record<string, MessageKey>;
type CardOf<G extends Group> = Extract<DashboardCard, { group: G }>;

/** The cards' answers that say something, in the order the modules declared them. */
async function shown(cards: readonly { name: string; kind: Shown['kind'] }[], answers: Promise<VNode | null>[]): Promise<Shown[]> {
  const nodes = await Promise.all(answers);
  return cards.flatMap((card, i) => {
    const node = nodes[i];
    return node ? [{ name: card.name, kind: card.kind, node }] : [];
  });
}

export function registerDashboardRoutes(app: FastifyInstance, deps: { db: Database; organizations: ModuleServices['organizations']; cards: readonly DashboardCard[] }) {
  const of = <G extends Group>(group: G) => deps.cards.filter((card): card is CardOf<G> => card.group === group);
  const accountCards = of('account');
  const authorityCards = of('authority');
  const organizationCards = of('organization');

  async function sections(request: FastifyRequest, account: SessionAccount, ctx: PageContext) {
    const [memberships, related] = await Promise.all([deps.organizations.memberships(account.id), relatedAuthorities(deps.db, account.id)]);
    const authorities = await dashboardAuthorities(deps.db, authoritiesOf(account, related, memberships), account.id);
    return Promise.all(
      authorities.map(async (authority) => ({
        authority,
        cards: await shown(authorityCards, authorityCards.map((card) => card.render(request, account, ctx, authority))),
        organizations: await Promise.all(
          memberships
            .filter((m) => m.authorityId === authority.id)
            .map(async (organization) => ({
              organization,
              cards: await shown(organizationCards, organizationCards.map((card) => card.render(request, account, ctx, organization))),
            })),
        ),
      })),
    );
  }

  page(
    app,
    'GET',
    'dashboard',
    async (request, reply, ctx, account) => {
      const [forAccount, byAuthority] = await Promise.all([
        shown(accountCards, accountCards.map((card) => card.render(request, account, ctx))),
        sections(request, account, ctx),
      ]);
      return sendHtml(reply, <Dashboard ctx={ctx} notice={noticeOf(request, notices)} account={forAccount} authorities={byAuthority} />);
    },
    { access: 'account' },
  );
}
