import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClassMapping, EditorProps } from './types';
import { ClassMappingEditor, MetricSelect, Num, RowsEditor, Text } from './parts';

interface Range {
  min?: number;
  max?: number;
}
interface Segment {
  name: string;
  r?: Range;
  f?: Range;
  m?: Range;
}
interface RfmConfig {
  recency_metric: string;
  frequency_metric: string;
  monetary_metric: string;
  segments: Segment[];
  default_segment: string;
  class_mapping: ClassMapping;
}

const DIMS = ['r', 'f', 'm'] as const;

/** RFM: recency, frequency and monetary scores 1–5 (quintiles); the first segment whose ranges match wins. */
export function RfmEditor({ config, onChange, readOnly, metrics }: EditorProps<RfmConfig>) {
  const { t } = useTranslation();
  const metric = (k: 'recency_metric' | 'frequency_metric' | 'monetary_metric') => (
    <Flex gap={8} align="center">
      <span>{t(`models.rfm.${k}`)}</span>
      <MetricSelect label={t(`models.rfm.${k}`)} value={config[k]} metrics={metrics} disabled={readOnly} onChange={(v) => onChange({ ...config, [k]: v })} />
    </Flex>
  );
  const range = (d: (typeof DIMS)[number], end: 'min' | 'max') => ({
    key: `${d}${end}`,
    title: t(`models.rfm.${d}_${end}`),
    width: 80,
    render: (s: Segment, set: (p: Partial<Segment>) => void) => (
      <Num label={t(`models.rfm.${d}_${end}`)} value={s[d]?.[end]} disabled={readOnly} onChange={(v) => set({ [d]: { ...s[d], [end]: v } } as Partial<Segment>)} />
    ),
  });
  return (
    <Flex vertical gap={16}>
      <Flex gap={16} wrap>
        {metric('recency_metric')}
        {metric('frequency_metric')}
        {metric('monetary_metric')}
      </Flex>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('models.rfm.segments')}
      </Typography.Title>
      <RowsEditor<Segment>
        rows={config.segments ?? []}
        onChange={(segments) => onChange({ ...config, segments })}
        readOnly={readOnly}
        addLabel={t('models.rfm.addSegment')}
        newRow={() => ({ name: '' })}
        columns={[
          { key: 'name', title: t('models.level'), render: (s, set) => <Text label={t('models.level')} value={s.name} disabled={readOnly} onChange={(v) => set({ name: v })} /> },
          ...DIMS.flatMap((d) => [range(d, 'min'), range(d, 'max')]),
        ]}
      />
      <Flex gap={8} align="center">
        <span>{t('models.rfm.default')}</span>
        <div style={{ width: 200 }}>
          <Text label={t('models.rfm.default')} value={config.default_segment} disabled={readOnly} onChange={(default_segment) => onChange({ ...config, default_segment })} />
        </div>
      </Flex>
      <ClassMappingEditor levels={[...(config.segments ?? []).map((s) => s.name), config.default_segment]} mapping={config.class_mapping} readOnly={readOnly} onChange={(class_mapping) => onChange({ ...config, class_mapping })} />
    </Flex>
  );
}
