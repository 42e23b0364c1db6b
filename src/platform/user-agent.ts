import type { Translate } from './i18n/index.ts';

/**
 * A readable name for the browser and system of a user agent ("Chrome on Linux", "Safari on
 * iPhone"), for the list of a person's sessions: a few rules, in the order that tells browsers
 * apart (Edge and Opera say "Chrome" too, Chrome says "Safari"), no dependency.
 */
export interface DeviceName {
  browser: string | null;
  system: string | null;
}

const browsers: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera|OPT)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\bYaBrowser\//, 'Yandex'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/(Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\b(iPhone|iPad).*AppleWebKit\/(?!.*Safari\/)/, 'Safari'],
  [/\bTrident\/|\bMSIE /, 'Internet Explorer'],
  [/\bcurl\//, 'curl'],
];

const systems: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

export function deviceName(userAgent: string | null | undefined): DeviceName {
  const ua = userAgent ?? '';
  const browser = browsers.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  const system = systems.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  return { browser, system };
}

/** The device as a person reads it: "Chrome sur Linux", "Safari on iPhone", or what is known of it. */
export function deviceText(t: Translate, userAgent: string | null | undefined): string {
  const { browser, system } = deviceName(userAgent);
  if (browser && system) return t('device.browserOnSystem', { browser, system });
  return browser ?? system ?? t('device.unknown');
}
