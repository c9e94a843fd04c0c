import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClassMapping, EditorProps } from './types';
import { ClassMappingEditor, MetricSelect, Num, RowsEditor, Text, ValueThresholds, type ValueThreshold } from './parts';

interface LadderConfig {
  metric: string;
  thresholds: ValueThreshold[];
  class_mapping: ClassMapping;
}

/** TIERED_LADDER: one metric, steps from the top (at or above min), the last step catching the rest. */
export function LadderEditor({ config, onChange, readOnly, metrics }: EditorProps<LadderConfig>) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center">
        <span>{t('models.metric')}</span>
        <MetricSelect label={t('models.metric')} value={config.metric} metrics={metrics} disabled={readOnly} onChange={(metric) => onChange({ ...config, metric })} />
      </Flex>
      <ValueThresholds rows={config.thresholds} readOnly={readOnly} onChange={(thresholds) => onChange({ ...config, thresholds })} />
      <ClassMappingEditor levels={(config.thresholds ?? []).map((x) => x.level)} mapping={config.class_mapping} readOnly={readOnly} onChange={(class_mapping) => onChange({ ...config, class_mapping })} />
    </Flex>
  );
}

interface Period {
  metric: string;
  weight: number;
}
interface SingleFactorConfig {
  periods: Period[];
  thresholds: ValueThreshold[];
  class_mapping: ClassMapping;
}

/** SINGLE_FACTOR: a weighted blend of periods of one measure, then value thresholds. */
export function SingleFactorEditor({ config, onChange, readOnly, metrics }: EditorProps<SingleFactorConfig>) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <RowsEditor<Period>
        rows={config.periods ?? []}
        onChange={(periods) => onChange({ ...config, periods })}
        readOnly={readOnly}
        addLabel={t('models.addPeriod')}
        newRow={() => ({ metric: '', weight: 0 })}
        columns={[
          { key: 'metric', title: t('models.metric'), render: (p, set) => <MetricSelect label={t('models.metric')} value={p.metric} metrics={metrics} disabled={readOnly} onChange={(v) => set({ metric: v })} /> },
          { key: 'weight', title: t('models.weight'), render: (p, set) => <Num label={t('models.weight')} value={p.weight} disabled={readOnly} onChange={(v) => set({ weight: v ?? 0 })} /> },
        ]}
      />
      <ValueThresholds rows={config.thresholds} readOnly={readOnly} onChange={(thresholds) => onChange({ ...config, thresholds })} />
      <ClassMappingEditor levels={(config.thresholds ?? []).map((x) => x.level)} mapping={config.class_mapping} readOnly={readOnly} onChange={(class_mapping) => onChange({ ...config, class_mapping })} />
    </Flex>
  );
}

interface CloseBand {
  level: string;
  within_months?: number;
}
interface ProspectConfig {
  bands: CloseBand[];
  class_mapping: ClassMapping;
}

/** PROSPECT_CLOSE: bands by months to the expected close; the last band (no months) catches the rest. */
export function ProspectCloseEditor({ config, onChange, readOnly }: EditorProps<ProspectConfig>) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <RowsEditor<CloseBand>
        rows={config.bands ?? []}
        onChange={(bands) => onChange({ ...config, bands })}
        readOnly={readOnly}
        addLabel={t('models.addBand')}
        newRow={() => ({ level: '' })}
        columns={[
          { key: 'level', title: t('models.level'), render: (b, set) => <Text label={t('models.level')} value={b.level} disabled={readOnly} onChange={(v) => set({ level: v })} /> },
          { key: 'months', title: t('models.withinMonths'), render: (b, set) => <Num label={t('models.withinMonths')} value={b.within_months} disabled={readOnly} onChange={(v) => set({ within_months: v })} /> },
        ]}
      />
      <ClassMappingEditor levels={(config.bands ?? []).map((x) => x.level)} mapping={config.class_mapping} readOnly={readOnly} onChange={(class_mapping) => onChange({ ...config, class_mapping })} />
    </Flex>
  );
}
