import dayjs from 'dayjs';
import type { Lang } from './i18n';

// Money arrives in minor units (fen). zh-CN readers count in 万 and 亿, so
// amounts from 10,000 yuan up are shown that way there; English shows whole
// yuan with thousands separators. The exact amount is in the title.
export function money(minor: number | null | undefined, lang: Lang): string {
  if (minor === null || minor === undefined) return '—';
  const yuan = minor / 100;
  const abs = Math.abs(yuan);
  if (lang === 'zh-CN' && abs >= 10_000) {
    const [unit, div] = abs >= 100_000_000 ? ['亿', 100_000_000] : ['万', 10_000];
    const n = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2, minimumFractionDigits: 0 }).format(yuan / div);
    return `¥${n}${unit}`;
  }
  return '¥' + new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: abs >= 100 ? 0 : 2 }).format(yuan);
}

export function moneyExact(minor: number | null | undefined, lang: Lang): string {
  if (minor === null || minor === undefined) return '';
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { style: 'currency', currency: 'CNY' }).format(minor / 100);
}

export function num(n: number | null | undefined, lang: Lang, digits = 0): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits }).format(n);
}

export function date(t: string | null | undefined, lang: Lang): string {
  if (!t) return '—';
  return dayjs(t).format(lang === 'en' ? 'MMM D, YYYY' : 'YYYY年M月D日');
}

// Dates without a time of day (due dates, period bounds) are stored as UTC
// midnight; reading them in the browser's zone could move them a day back.
export function day(t: string | null | undefined, lang: Lang): string {
  if (!t) return '—';
  const d = dayjs(t.slice(0, 10));
  return d.format(lang === 'en' ? 'MMM D, YYYY' : 'YYYY年M月D日');
}

export function dateTime(t: string | null | undefined, lang: Lang): string {
  if (!t) return '—';
  return dayjs(t).format(lang === 'en' ? 'MMM D, YYYY HH:mm' : 'YYYY年M月D日 HH:mm');
}

export function fromNow(t: string | null | undefined): string {
  if (!t) return '—';
  return dayjs(t).fromNow();
}

// A calendar day as the API's Time: UTC midnight of that day.
export function dayToTime(d: dayjs.Dayjs): string {
  return d.format('YYYY-MM-DD') + 'T00:00:00Z';
}

export function todayUTC(): string {
  return new Date().toISOString().slice(0, 10) + 'T00:00:00Z';
}
