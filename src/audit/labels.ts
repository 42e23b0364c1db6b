import type { MessageKey, Translate } from '../platform/i18n/index.ts';

let labels: Readonly<Record<string, MessageKey>> = {};

/** The audit module installs every module's event labels when it registers (src/modules.ts order). */
export function installEventLabels(assembled: Readonly<Record<string, MessageKey>>): void {
  labels = assembled;
}

/** Every event a module declares. */
export function eventNames(): string[] {
  return Object.keys(labels);
}

/** An event's label; an event no module declares any more (an old row) shows its code. */
export function eventLabel(event: string): MessageKey | null {
  return labels[event] ?? null;
}

/** An event as a person reads it, in the page's language; an event no module declares any more shows its code. */
export function eventText(t: Translate, event: string): string {
  const key = labels[event];
  return key ? t(key) : event;
}
