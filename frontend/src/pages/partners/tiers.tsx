import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { money, num } from '../../app/format';
import type { Lang } from '../../app/i18n';

// Shared pieces of the partners screens: a tier's name in the reader's
// language, a standing tag, and a criterion's value in its unit.

export interface TierLike {
  code: string;
  rank: number;
  name: string;
  nameEn: string;
}

export function tierName(t: TierLike | null | undefined, lang: Lang): string {
  if (!t) return '';
  return lang === 'en' ? t.nameEn : t.name;
}

// The top of the ladder in warm colours, the bottom in cool ones.
const RANK_COLOURS = ['volcano', 'orange', 'gold', 'geekblue', 'cyan'];

export function TierTag({ tier, lang }: { tier: TierLike | null | undefined; lang: Lang }) {
  const { t } = useTranslation();
  if (!tier) return <Tag data-testid="tier-tag">{t('partners.untiered')}</Tag>;
  return (
    <Tag color={RANK_COLOURS[tier.rank - 1] ?? 'default'} data-testid="tier-tag">
      {tierName(tier, lang)}
    </Tag>
  );
}

export function StandingTag({ standing }: { standing: string }) {
  const { t } = useTranslation();
  const colour = standing === 'ABOVE' ? 'green' : standing === 'BELOW' ? 'red' : 'default';
  return <Tag color={colour}>{t(`partners.standing.${standing}`)}</Tag>;
}

const MONEY_CRITERIA = ['REGISTERED_CAPITAL', 'ANNUAL_PERFORMANCE'];

/** A requirement's minimum or a partner's value, in the criterion's unit. */
export function criterionValue(criterion: string, value: number | string, lang: Lang): string {
  const n = Number(value);
  return MONEY_CRITERIA.includes(criterion) ? money(n, lang) : num(n, lang);
}

/** A benefit in words: a percentage, an amount, or its description. */
export function benefitText(b: { kind: string; value: number | string; description?: string | null }, lang: Lang, t: (k: string, o?: Record<string, unknown>) => string): string {
  const v = Number(b.value);
  const label = t(`partners.benefit.${b.kind}`);
  if (b.kind === 'DISCOUNT' || b.kind === 'REBATE') return `${label} ${num(v / 100, lang, 2)}%`;
  if (b.kind === 'MARKETING_FUND' || b.kind === 'CREDIT_LIMIT') return `${label} ${money(v, lang)}`;
  return b.description ? `${label}: ${b.description}` : label;
}
