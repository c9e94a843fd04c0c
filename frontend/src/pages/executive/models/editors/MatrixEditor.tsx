import { Card, Col, Flex, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClassMapping, EditorProps } from './types';
import { ClassMappingEditor, MetricSelect, Num } from './parts';

interface Axis {
  metric: string;
  threshold: number;
}

/**
 * A 2×2 matrix: two axes, each a metric cut at a threshold (high at or
 * above). The axes' keys differ by kind: influence × volume, current ×
 * potential value.
 */
export function matrixEditor(axes: [string, string]) {
  return function MatrixEditor({ config, onChange, readOnly, metrics }: EditorProps<Record<string, Axis | ClassMapping>>) {
    const { t } = useTranslation();
    return (
      <Flex vertical gap={16}>
        <Row gutter={16}>
          {axes.map((a) => {
            const axis = (config[a] as Axis | undefined) ?? { metric: '', threshold: 0 };
            return (
              <Col span={12} key={a}>
                <Card size="small" title={t(`models.axis.${a}`)}>
                  <Flex vertical gap={8}>
                    <MetricSelect label={t('models.metric')} value={axis.metric} metrics={metrics} disabled={readOnly} onChange={(v) => onChange({ ...config, [a]: { ...axis, metric: v } })} />
                    <span>{t('models.highFrom')}</span>
                    <Num label={t('models.highFrom')} value={axis.threshold} disabled={readOnly} onChange={(v) => onChange({ ...config, [a]: { ...axis, threshold: v ?? 0 } })} />
                  </Flex>
                </Card>
              </Col>
            );
          })}
        </Row>
        <ClassMappingEditor levels={[]} mapping={(config.class_mapping as ClassMapping) ?? {}} readOnly={readOnly} onChange={(class_mapping) => onChange({ ...config, class_mapping })} />
      </Flex>
    );
  };
}
