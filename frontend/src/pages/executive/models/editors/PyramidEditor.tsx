import { Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClassMapping, EditorProps } from './types';
import { ClassMappingEditor, MetricSelect, Num, RowsEditor, Text } from './parts';

interface Tier {
  level: string;
  percent: number;
}
interface PyramidConfig {
  metric: string;
  basis?: string;
  tiers: Tier[];
  class_mapping: ClassMapping;
}

/** PYRAMID: rank by a metric and cut tiers (top first) by share of accounts or of value; shares sum to 100. */
export function PyramidEditor({ config, onChange, readOnly, metrics }: EditorProps<PyramidConfig>) {
  const { t } = useTranslation();
  const total = (config.tiers ?? []).reduce((a, x) => a + (Number(x.percent) || 0), 0);
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <span>{t('models.rankBy')}</span>
        <MetricSelect label={t('models.rankBy')} value={config.metric} metrics={metrics} disabled={readOnly} onChange={(metric) => onChange({ ...config, metric })} />
        <span>{t('models.basis')}</span>
        <Select
          aria-label={t('models.basis')}
          style={{ width: 200 }}
          value={config.basis ?? 'account_count'}
          disabled={readOnly}
          onChange={(basis) => onChange({ ...config, basis })}
          options={['account_count', 'value_share'].map((b) => ({ value: b, label: t(`models.basisKind.${b}`) }))}
        />
      </Flex>
      <Flex justify="space-between">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('models.tiers')}
        </Typography.Title>
        <Typography.Text type={total === 100 ? 'success' : 'danger'}>{t('models.shareTotal', { total })}</Typography.Text>
      </Flex>
      <RowsEditor<Tier>
        rows={config.tiers ?? []}
        onChange={(tiers) => onChange({ ...config, tiers })}
        readOnly={readOnly}
        addLabel={t('models.addTier')}
        newRow={() => ({ level: '', percent: 0 })}
        columns={[
          { key: 'level', title: t('models.level'), render: (r, set) => <Text label={t('models.level')} value={r.level} disabled={readOnly} onChange={(v) => set({ level: v })} /> },
          { key: 'percent', title: t('models.percent'), render: (r, set) => <Num label={t('models.percent')} value={r.percent} disabled={readOnly} onChange={(v) => set({ percent: v ?? 0 })} /> },
        ]}
      />
      <ClassMappingEditor levels={(config.tiers ?? []).map((x) => x.level)} mapping={config.class_mapping} readOnly={readOnly} onChange={(class_mapping) => onChange({ ...config, class_mapping })} />
    </Flex>
  );
}
