import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import zhCN from '../locales/zh-CN.json';
import antdZhCN from 'antd/locale/zh_CN';
import type { Locale } from 'antd/es/locale';

dayjs.extend(relativeTime);

// Each area of the app keeps its strings in src/locales/<area>/<lang>.json
// under top-level keys of its own; they join the shared files here. Two files
// defining the same top-level key is a mistake test/unit/i18n.test.mjs catches.
// zh-CN ships with the first screen; English (strings, dayjs and antd
// locale) is its own chunk, loaded when a person reads English.
const zhAreas = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/zh-CN.json', { eager: true });
const enAreas = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/en.json');

function merge(base: Record<string, unknown>, areas: { default: Record<string, unknown> }[]): Record<string, unknown> {
  const out = { ...base };
  for (const mod of areas) Object.assign(out, mod.default);
  return out;
}

export type Lang = 'zh-CN' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'en'];

export function normalizeLang(l: string | undefined | null): Lang {
  return l && l.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

// zh-CN is the default. A missing key is not silently shown in the other
// language: test/unit/i18n.test.mjs fails when either file lacks a key the
// code uses, and at run time the key itself shows (easy to spot).
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: merge(zhCN, Object.values(zhAreas)) } },
  lng: 'zh-CN',
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

let english: Promise<void> | undefined;
let antdEnglish: Locale | undefined;

/** antd's strings (and so the date picker's) for a language already applied. */
export function antdLocale(lang: Lang): Locale {
  return lang === 'en' && antdEnglish ? antdEnglish : antdZhCN;
}

function loadEnglish(): Promise<void> {
  english ??= (async () => {
    const [base, areas, antd] = await Promise.all([
      import('../locales/en.json'),
      Promise.all(Object.values(enAreas).map((load) => load())),
      import('antd/locale/en_US'),
      import('dayjs/locale/en'),
    ]);
    antdEnglish = antd.default;
    i18n.addResourceBundle('en', 'translation', merge(base.default, areas));
  })();
  return english;
}

/** Switches the app, dayjs and the page's lang; English loads first if needed. */
export async function applyLang(lang: Lang): Promise<void> {
  if (lang === 'en') await loadEnglish();
  await i18n.changeLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
}

export default i18n;
