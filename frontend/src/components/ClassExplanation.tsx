import { Descriptions, Empty, Popover, Skeleton, Table, Typography } from 'antd';
import { useLazyQuery, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { GradingMetricLabelsDocument, LatestClassDocument } from '../gql/graphql';
import { ClassBadge } from './ClassBadge';
import { dateTime, money, num } from '../app/format';
import { normalizeLang } from '../app/i18n';
import { InlineError } from '../app/InlineError';

/* GraphQL */ `
  query GradingMetricLabels { gradingMetrics { name unit labelZh labelEn } }
`;
export const GradingMetricLabels = GradingMetricLabelsDocument;

/* GraphQL */ `
  query LatestClass($id: ID!) {
    node(id: $id) {
      ... on Account {
        id
        currentClass
        classHistory(first: 5) {
          edges { node { ...ClassDecision } }
        }
      }
    }
  }
`;
const LatestClass = LatestClassDocument;

/* GraphQL */ `
  fragment ClassDecision on ClassAssignment {
    id
    class
    previousClass
    levelLabel
    score
    explanation
    source
    reason
    approvalStatus
    approvedAt
    effectiveAt
    createdAt
    approvalNote
    decidedBy { id name }
    approvedBy { id name }
    modelVersion { id number model { id name nameEn } }
    reviewCycle { id name }
  }
`;

export interface Criterion {
  name: string;
  metric: string;
  raw_value: number;
  missing?: boolean;
  points: number;
  weight: number;
  contribution: number;
  rule: string;
}

export interface Explanation {
  model_kind?: string;
  criteria?: Criterion[];
  decision?: { text: string; rule: string; level: string; class: string };
  position?: { rank: number; of: number; top_percent: number };
}

interface Decision {
  class: string;
  score?: number | null;
  levelLabel?: string | null;
  explanation?: Explanation | null;
  source: string;
  reason?: string | null;
  approvalStatus: string;
  approvedAt?: string | null;
  effectiveAt?: string | null;
  createdAt: string;
  decidedBy?: { name: string } | null;
  approvedBy?: { name: string } | null;
  modelVersion?: { number: number; model: { name: string; nameEn?: string | null } } | null;
  reviewCycle?: { name: string } | null;
}

/** Why an account has its class: each criterion and the deciding rule. */
export function ExplanationView({ d }: { d: Decision }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const metrics = useQuery(GradingMetricLabels, { fetchPolicy: 'cache-first' }).data?.gradingMetrics ?? [];
  const metric = (name: string) => metrics.find((m) => m.name === name);
  const value = (c: Criterion) => {
    if (c.missing) return t('class.missing');
    const unit = metric(c.metric)?.unit;
    if (unit === 'minor_currency') return money(c.raw_value, lang);
    if (unit === 'ratio') return num(c.raw_value * 100, lang, 1) + '%';
    return num(c.raw_value, lang, 2);
  };
  const ex = d.explanation ?? {};
  const model = d.modelVersion ? `${lang === 'en' && d.modelVersion.model.nameEn ? d.modelVersion.model.nameEn : d.modelVersion.model.name} v${d.modelVersion.number}` : t('class.noModel');
  return (
    <div data-testid="class-explanation">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('class.class')}>
          <ClassBadge cls={d.class} /> {d.levelLabel}
        </Descriptions.Item>
        <Descriptions.Item label={t('class.score')}>{num(d.score, lang, 2)}</Descriptions.Item>
        <Descriptions.Item label={t('class.model')}>{model}</Descriptions.Item>
        <Descriptions.Item label={t('class.source')}>{t(`class.sources.${d.source}`)}</Descriptions.Item>
        <Descriptions.Item label={t('class.decidedBy')}>{d.decidedBy?.name ?? (d.reviewCycle ? d.reviewCycle.name : '—')}</Descriptions.Item>
        <Descriptions.Item label={t('class.approvedBy')}>
          {d.approvedBy?.name ?? t(`class.approval.${d.approvalStatus}`)} {d.approvedAt ? `· ${dateTime(d.approvedAt, lang)}` : ''}
        </Descriptions.Item>
      </Descriptions>
      {ex.criteria && ex.criteria.length > 0 && (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          pagination={false}
          rowKey="name"
          dataSource={ex.criteria}
          columns={[
            {
              title: t('class.criterion'),
              dataIndex: 'name',
              render: (n: string, c) => {
                const m = metric(c.metric);
                return m ? (lang === 'en' ? m.labelEn : m.labelZh) : n;
              },
            },
            { title: t('class.value'), dataIndex: 'raw_value', align: 'right', render: (_: number, c) => value(c) },
            { title: t('class.points'), dataIndex: 'points', align: 'right', render: (v: number) => num(v, lang, 2) },
            { title: t('class.weight'), dataIndex: 'weight', align: 'right', render: (v: number) => num(v, lang, 2) },
            { title: t('class.contribution'), dataIndex: 'contribution', align: 'right', render: (v: number) => <strong>{num(v, lang, 2)}</strong> },
          ]}
        />
      )}
      {ex.position && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          {t('class.position', { rank: ex.position.rank, of: ex.position.of, top: num(ex.position.top_percent, lang, 1) })}
        </Typography.Paragraph>
      )}
      {ex.decision && (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="class-decision">
          <Typography.Text strong>{t('class.decidingRule')}:</Typography.Text> <Typography.Text code>{ex.decision.text}</Typography.Text>
        </Typography.Paragraph>
      )}
      {d.reason && (
        <Typography.Paragraph>
          <Typography.Text strong>{t('class.reason')}:</Typography.Text> {d.reason}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** The header's class badge: click (or Enter) shows why. */
export function ClassBadgeWithWhy({ accountId, cls }: { accountId: string; cls?: string | null }) {
  const { t } = useTranslation();
  const [load, { data, loading, error }] = useLazyQuery(LatestClass);
  const acc = data?.node && 'classHistory' in data.node ? data.node : null;
  const latest = acc?.classHistory.edges?.map((e) => e?.node).find((n) => n && n.approvalStatus !== 'PENDING' && n.approvalStatus !== 'REJECTED');
  const content = (
    <div style={{ width: 560, maxWidth: '80vw' }}>
      {error ? (
        <InlineError error={error} />
      ) : loading || !data ? (
        <Skeleton active />
      ) : !latest ? (
        <Empty description={t('class.noHistory')} />
      ) : (
        <ExplanationView d={latest as unknown as Decision} />
      )}
    </div>
  );
  return (
    <Popover
      trigger="click"
      title={t('class.why')}
      content={content}
      onOpenChange={(o) => {
        if (o) void load({ variables: { id: accountId } });
      }}
    >
      <button type="button" className="link-button" aria-label={t('class.whyFor', { cls: cls ?? t('class.unclassified') })} data-testid="class-badge">
        <ClassBadge cls={cls} style={{ fontSize: 16, padding: '2px 10px', cursor: 'pointer' }} />
      </button>
    </Popover>
  );
}
