import { Button, Select, Space, Switch, Tag } from 'antd';
import { useQuery } from '@apollo/client/react';
import type { SetURLSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AccountFilterOptionsDocument } from '../../gql/graphql';
import { normalizeLang } from '../../app/i18n';
import { useMe } from '../../app/session';
import { list } from './params';

/* GraphQL */ `
  query AccountFilterOptions {
    categories(first: 100) { edges { node { id name nameEn } } }
    users(first: 200, where: { hasOwnedAccounts: true }) { edges { node { id name } } }
  }
`;
const FilterOptions = AccountFilterOptionsDocument;

const CLASSES = ['S', 'A', 'B', 'C'];
const STAGES = ['EXPLORATION', 'FORMATION', 'STABLE', 'DECLINE', 'LOST'];
const RISKS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const KINDS = ['END_CUSTOMER', 'B2B', 'DISTRIBUTOR', 'INTERNAL'];
const REGIONS = ['EAST', 'NORTH', 'SOUTH', 'CENTRAL', 'WEST', 'NORTHEAST'];

/** The accounts list's filters; every choice is a URL parameter. */
export function AccountFilters({
  params,
  set,
  setParams,
  filtered,
}: {
  params: URLSearchParams;
  set: (k: string, v: string | string[] | null | undefined) => void;
  setParams: SetURLSearchParams;
  filtered: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const options = useQuery(FilterOptions, { fetchPolicy: 'cache-first' });
  const categories = options.data?.categories.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  const owners = options.data?.users.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [];
  return (
    <>
      <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('accounts.col.class')} aria-label={t('accounts.col.class')} value={list(params, 'class')} onChange={(v) => set('class', v)}
        options={[...CLASSES.map((c) => ({ value: c, label: c })), { value: 'none', label: t('class.unclassified') }]} />
      <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('accounts.col.stage')} aria-label={t('accounts.col.stage')} value={list(params, 'stage')} onChange={(v) => set('stage', v)}
        options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
      <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('accounts.col.risk')} aria-label={t('accounts.col.risk')} value={list(params, 'risk')} onChange={(v) => set('risk', v)}
        options={RISKS.map((s) => ({ value: s, label: t(`risk.level.${s}`) }))} />
      <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('accounts.kind')} aria-label={t('accounts.kind')} value={list(params, 'kind')} onChange={(v) => set('kind', v)}
        options={KINDS.map((s) => ({ value: s, label: t(`kind.${s}`) }))} />
      <Select allowClear style={{ minWidth: 140 }} placeholder={t('accounts.category')} aria-label={t('accounts.category')} value={params.get('category') ?? undefined} onChange={(v) => set('category', v)}
        options={categories.map((c) => ({ value: c.id, label: lang === 'en' && c.nameEn ? c.nameEn : c.name }))} />
      <Select mode="multiple" allowClear style={{ minWidth: 130 }} placeholder={t('accounts.region')} aria-label={t('accounts.region')} value={list(params, 'region')} onChange={(v) => set('region', v)}
        options={REGIONS.map((s) => ({ value: s, label: t(`region.${s}`) }))} />
      <Select allowClear showSearch optionFilterProp="label" style={{ minWidth: 140 }} placeholder={t('accounts.col.owner')} aria-label={t('accounts.col.owner')} value={params.get('owner') ?? undefined} onChange={(v) => set('owner', v)}
        options={[{ value: String(me.id), label: t('accounts.me') }, ...owners.filter((o) => o.id !== String(me.id)).map((o) => ({ value: o.id, label: o.name }))]} />
      <Space>
        <Switch checked={params.get('attention') === '1'} onChange={(v) => set('attention', v ? '1' : null)} aria-label={t('accounts.needsAttention')} data-testid="needs-attention" />
        <span>{t('accounts.needsAttention')}</span>
      </Space>
      {params.get('where') && (
        <Tag closable onClose={() => set('where', null)} data-testid="drill-filter">
          {t('portfolio.drillFilter')}
        </Tag>
      )}
      {filtered && (
        <Button type="link" onClick={() => setParams(new URLSearchParams(params.get('sort') ? { sort: params.get('sort')! } : {}))}>
          {t('accounts.clear')}
        </Button>
      )}
    </>
  );
}
