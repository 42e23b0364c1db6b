import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { StaffActor } from '../actors.ts';
import type { StaffCard } from '../module.ts';
import type { PageContext } from './layout.tsx';

/** A staff card that has something to say, with the name it was declared under. */
export interface ShownStaffCard {
  name: string;
  node: VNode;
}

/** The staff home's cards (every module's `staffCards`) that answer something, in the modules' order. */
export async function shownStaffCards(cards: readonly StaffCard[], request: FastifyRequest, staff: StaffActor, ctx: PageContext): Promise<ShownStaffCard[]> {
  const nodes = await Promise.all(cards.map((card) => card.render(request, staff, ctx)));
  return cards.flatMap((card, i) => {
    const node = nodes[i];
    return node ? [{ name: card.name, node }] : [];
  });
}
