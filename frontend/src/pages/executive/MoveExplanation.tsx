import { Descriptions, Space, Table, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ClassBadge } from '../../components/ClassBadge';
import { GradingMetricLabels, type Criterion, type Explanation } from '../../components/ClassExplanation';
import { money, num } from '../../app/format';
import { normalizeLang } from '../../app/i18n';

export const CLASS_ORDER = ['S', 'A', 'B', 'C'] as const;
const rank = (c: string | null | undefined) => (c ? CLASS_ORDER.indexOf(c as (typeof CLASS_ORDER)[number]) : 99);

/** up, down or same: S is the top class; no class is below C. */
export function direction(from: string | null | undefined, to: string | null | undefined): 'up' | 'down' | 'same' {
  const a = rank(from === 'UNCLASSIFIED' ? null : from);
  const b = rank(to === 'UNCLASSIFIED' ? null : to);
  return b < a ? 'up' : b > a ? 'down' : 'same';
}

/** "A → S" with the class colours; an arrow coloured by the direction. */
export function ClassMoveView({ from, to }: { from?: string | null; to?: string | null }) {
  const { t } = useTranslation();
  const dir = direction(from, to);
  const color = dir === 'up' ? '#237804' : dir === 'down' ? '#a8071a' : 'rgba(0,0,0,0.55)';
  const cls = (c?: string | null) => (c && c !== 'UNCLASSIFIED' ? c : null);
  return (
    <Space size={4} aria-label={t('reviews.moveLabel', { from: cls(from) ?? t('class.unclassified'), to: cls(to) ?? t('class.unclassified') })}>
      <ClassBadge cls={cls(from)} />
      <ArrowRightOutlined style={{ color }} aria-hidden />
      <ClassBadge cls={cls(to)} />
    </Space>
  );
}

/**
 * Why a model proposes a class: each criterion's value, points, weight and
 * contribution, the rank for pyramid models and the deciding rule. Anything
 * else in the explanation (a tier decision's criteria) is listed as it came.
 */
export function MoveExplanation({ explanation }: { explanation: unknown }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const metrics = useQuery(GradingMetricLabels, { fetchPolicy: 'cache-first' }).data?.gradingMetrics ?? [];
  if (!explanation || typeof explanation !== 'object') return <Typography.Text type="secondary">{t('reviews.noExplanation')}</Typography.Text>;
  const ex = explanation as Explanation & { inputs?: Record<string, number> };
  const metric = (name: string) => metrics.find((m) => m.name === name);
  const label = (name: string) => {
    const m = metric(name);
    return m ? (lang === 'en' ? m.labelEn : m.labelZh) : name;
  };
  const value = (name: string, v: number) => {
    const unit = metric(name)?.unit;
    if (unit === 'minor_currency') return money(v, lang);
    if (unit === 'ratio') return num(v * 100, lang, 1) + '%';
    return num(v, lang, 2);
  };
  if (!ex.criteria && !ex.decision && !ex.inputs) {
    return (
      <Descriptions size="small" column={1} bordered>
        {Object.entries(ex).map(([k, v]) => (
          <Descriptions.Item key={k} label={k}>
            {typeof v === 'object' ? JSON.stringify(v) : String(v)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    );
  }
  return (
    <div data-testid="move-explanation">
      {ex.criteria && ex.criteria.length > 0 ? (
        <Table<Criterion>
          size="small"
          pagination={false}
          rowKey="name"
          dataSource={ex.criteria}
          columns={[
            { title: t('class.criterion'), dataIndex: 'metric', render: (m: string) => label(m) },
            { title: t('class.value'), dataIndex: 'raw_value', align: 'right', render: (v: number, c) => (c.missing ? t('class.missing') : value(c.metric, v)) },
            { title: t('class.points'), dataIndex: 'points', align: 'right', render: (v: number) => num(v, lang, 2) },
            { title: t('class.weight'), dataIndex: 'weight', align: 'right', render: (v: number) => num(v, lang, 2) },
            { title: t('class.contribution'), dataIndex: 'contribution', align: 'right', render: (v: number) => <strong>{num(v, lang, 2)}</strong> },
          ]}
        />
      ) : (
        ex.inputs && (
          <Descriptions size="small" column={2} bordered>
            {Object.entries(ex.inputs).map(([k, v]) => (
              <Descriptions.Item key={k} label={label(k)}>
                {value(k, v)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )
      )}
      {ex.position && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('class.position', { rank: ex.position.rank, of: ex.position.of, top: num(ex.position.top_percent, lang, 1) })}
        </Typography.Paragraph>
      )}
      {ex.decision && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          <Typography.Text strong>{t('class.decidingRule')}:</Typography.Text> <Typography.Text code>{ex.decision.text}</Typography.Text>
        </Typography.Paragraph>
      )}
    </div>
  );
}
