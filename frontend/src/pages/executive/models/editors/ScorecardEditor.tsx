import { Card, Flex, Input, Radio, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClassMapping, EditorProps } from './types';
import { ClassMappingEditor, MetricSelect, Num, RowsEditor, ScoreThresholds, type ScoreThreshold } from './parts';

interface Band {
  min?: number;
  max?: number;
  points: number;
}
interface Criterion {
  name: string;
  metric: string;
  weight: number;
  bands?: Band[];
  linear?: { zero_at: number; full_at: number };
}
export interface ScorecardConfig {
  criteria: Criterion[];
  thresholds: ScoreThreshold[];
  class_mapping: ClassMapping;
}

/**
 * WEIGHTED_SCORECARD: criteria (a metric scored 0–100 by bands or a linear
 * scale, with a weight; weights sum to 100), score thresholds to levels, and
 * levels to classes.
 */
export function ScorecardEditor({ config, onChange, readOnly, metrics }: EditorProps<ScorecardConfig>) {
  const { t } = useTranslation();
  const criteria = config.criteria ?? [];
  const setCriterion = (i: number, patch: Partial<Criterion>) => onChange({ ...config, criteria: criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const total = criteria.reduce((a, c) => a + (Number(c.weight) || 0), 0);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('models.criteria')}
        </Typography.Title>
        <Typography.Text type={total === 100 ? 'success' : 'danger'} data-testid="weight-total">
          {t('models.weightTotal', { total })}
        </Typography.Text>
      </Flex>
      {criteria.map((c, i) => (
        <Card
          key={i}
          size="small"
          data-testid={`criterion-${i}`}
          title={
            <Flex gap={8} align="center" wrap>
              <Input aria-label={t('models.criterionName')} value={c.name} disabled={readOnly} onChange={(e) => setCriterion(i, { name: e.target.value })} style={{ width: 200 }} />
              <MetricSelect label={t('models.metric')} value={c.metric} metrics={metrics} disabled={readOnly} onChange={(v) => setCriterion(i, { metric: v })} />
              <span>{t('models.weight')}</span>
              <div style={{ width: 90 }}>
                <Num label={t('models.weightOf', { name: c.name })} value={c.weight} disabled={readOnly} min={0} onChange={(v) => setCriterion(i, { weight: v ?? 0 })} testid={`weight-${i}`} />
              </div>
            </Flex>
          }
          extra={
            !readOnly && (
              <Button type="text" danger onClick={() => onChange({ ...config, criteria: criteria.filter((_x, j) => j !== i) })}>
                {t('models.removeCriterion')}
              </Button>
            )
          }
        >
          <Radio.Group
            disabled={readOnly}
            value={c.linear ? 'linear' : 'bands'}
            onChange={(e) => setCriterion(i, e.target.value === 'linear' ? { linear: { zero_at: 0, full_at: 100 }, bands: undefined } : { bands: [{ points: 0 }], linear: undefined })}
            options={[
              { value: 'bands', label: t('models.bands') },
              { value: 'linear', label: t('models.linear') },
            ]}
            style={{ marginBottom: 8 }}
          />
          {c.linear ? (
            <Flex gap={12}>
              <span>{t('models.zeroAt')}</span>
              <Num label={t('models.zeroAt')} value={c.linear.zero_at} disabled={readOnly} onChange={(v) => setCriterion(i, { linear: { ...c.linear!, zero_at: v ?? 0 } })} />
              <span>{t('models.fullAt')}</span>
              <Num label={t('models.fullAt')} value={c.linear.full_at} disabled={readOnly} onChange={(v) => setCriterion(i, { linear: { ...c.linear!, full_at: v ?? 0 } })} />
            </Flex>
          ) : (
            <RowsEditor<Band>
              rows={c.bands ?? []}
              onChange={(bands) => setCriterion(i, { bands })}
              readOnly={readOnly}
              addLabel={t('models.addBand')}
              newRow={() => ({ min: c.bands?.[c.bands.length - 1]?.max, points: 0 })}
              columns={[
                { key: 'min', title: t('models.min'), render: (b, set) => <Num label={t('models.min')} value={b.min} disabled={readOnly} onChange={(v) => set({ min: v })} /> },
                { key: 'max', title: t('models.max'), render: (b, set) => <Num label={t('models.max')} value={b.max} disabled={readOnly} onChange={(v) => set({ max: v })} /> },
                { key: 'points', title: t('models.points'), render: (b, set) => <Num label={t('models.points')} value={b.points} disabled={readOnly} onChange={(v) => set({ points: v ?? 0 })} /> },
              ]}
            />
          )}
        </Card>
      ))}
      {!readOnly && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange({ ...config, criteria: [...criteria, { name: '', metric: '', weight: 0, bands: [{ points: 0 }] }] })}>
          {t('models.addCriterion')}
        </Button>
      )}
      <ScoreThresholds rows={config.thresholds} readOnly={readOnly} onChange={(thresholds) => onChange({ ...config, thresholds })} />
      <ClassMappingEditor levels={(config.thresholds ?? []).map((x) => x.level)} mapping={config.class_mapping} readOnly={readOnly} onChange={(class_mapping) => onChange({ ...config, class_mapping })} />
    </Flex>
  );
}
