import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import relativeTime from 'dayjs/plugin/relativeTime';
import zhCN from '../locales/zh-CN.json';
import en from '../locales/en.json';

dayjs.extend(relativeTime);

// Each area of the app keeps its strings in src/locales/<area>/<lang>.json
// under top-level keys of its own; they join the shared files here. Two files
// defining the same top-level key is a mistake test/unit/i18n.test.mjs catches.
const areaFiles = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true });

function withAreas(base: Record<string, unknown>, lang: string): Record<string, unknown> {
  const out = { ...base };
  for (const [path, mod] of Object.entries(areaFiles)) {
    if (path.endsWith(`/${lang}.json`)) Object.assign(out, mod.default);
  }
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
  resources: { 'zh-CN': { translation: withAreas(zhCN, 'zh-CN') }, en: { translation: withAreas(en, 'en') } },
  lng: 'zh-CN',
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function applyLang(lang: Lang): void {
  void i18n.changeLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
}

export default i18n;
