import type { DeadlineRule } from './calendar.ts';

/**
 * One step of a journey: from which states an action may be taken, the state it leads to, the
 * audit event it writes and the roles that may take it. A `deadline` is the time limit the new
 * state starts (an access request's 30 days), counted on the legal calendar by `deadline()`.
 */
export interface Transition<State extends string, Event extends string, Role extends string> {
  from: readonly State[];
  to: State;
  event: Event;
  who: readonly Role[];
  deadline?: DeadlineRule;
}

/**
 * Why a transition is refused: the actor holds none of the roles that may take it (`forbidden`,
 * said before anything about the state, so that it tells them nothing), or the thing is not in a
 * state the action starts from (`not_allowed_from`: approving what is already approved).
 */
export type Refusal = 'not_allowed_from' | 'forbidden';

export interface Transitions<State extends string, Action extends string, Event extends string, Role extends string> {
  readonly rules: Readonly<Record<Action, Transition<State, Event, Role>>>;
  /**
   * The transition to apply to a row the caller has locked (`select … for update` in its own
   * transaction, since platform owns no table), or why not. The caller then writes `rule.to`
   * and records `rule.event` in that same transaction.
   */
  check(current: State, action: Action, roles: readonly Role[]): Transition<State, Event, Role> | Refusal;
  allowed(from: State, action: Action, roles: readonly Role[]): boolean;
  /** The actions these roles may take from this state, in the table's order: the choices a page offers. */
  available(from: State, roles: readonly Role[]): Action[];
}

/**
 * A module's transition table, keyed by action, as in `src/organizations/states.ts`. The type
 * parameters are the module's own unions, so that a state, action, event or role that does not
 * exist, or an action left out, is a type error.
 */
export function defineTransitions<State extends string, Action extends string, Event extends string, Role extends string>(
  rules: Record<Action, Transition<State, Event, Role>>,
): Transitions<State, Action, Event, Role> {
  const check = (current: State, action: Action, roles: readonly Role[]) => {
    const rule = rules[action];
    if (!rule.who.some((role) => roles.includes(role))) return 'forbidden' as const;
    if (!rule.from.includes(current)) return 'not_allowed_from' as const;
    return rule;
  };
  const allowed = (from: State, action: Action, roles: readonly Role[]) => typeof check(from, action, roles) !== 'string';
  return {
    rules,
    check,
    allowed,
    available: (from, roles) => (Object.keys(rules) as Action[]).filter((action) => allowed(from, action, roles)),
  };
}
