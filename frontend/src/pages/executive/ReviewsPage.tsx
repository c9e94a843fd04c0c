import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Flex, Form, Input, Modal, Progress, Select, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { PublishedModelVersionsDocument, ReviewCyclesDocument, StartReviewCycleDocument } from '../../gql/graphql';
import type { ReviewCyclesQuery, ReviewCycleScope } from '../../gql/graphql';
import { ErrorState, useWriteFeedback } from '../../app/errors';
import { InlineError } from '../../app/InlineError';
import { dateTime, day, dayToTime } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { useMe } from '../../app/session';

/* GraphQL */ `
  query ReviewCycles {
    reviewCycles(first: 50) {
      edges {
        node {
          id name status scope trigger periodStart totalAccounts createdAt publishedAt
          modelVersion { id number model { id name nameEn } }
          progress { total done }
        }
      }
    }
  }
`;
/* GraphQL */ `
  query PublishedModelVersions {
    gradingModels(first: 100) {
      edges { node { id name nameEn scope kind versions { id number status } } }
    }
  }
`;
/* GraphQL */ `
  mutation StartReviewCycle($scope: ReviewCycleScope!, $v: ID!, $name: String!, $asOf: Time) {
    startReviewCycle(scope: $scope, modelVersionID: $v, name: $name, asOf: $asOf) { id status }
  }
`;

type Cycle = NonNullable<NonNullable<NonNullable<ReviewCyclesQuery['reviewCycles']['edges']>[number]>['node']>;
export const SCOPES: ReviewCycleScope[] = ['ALL', 'END_CUSTOMER', 'B2B', 'DISTRIBUTOR', 'INTERNAL', 'PROSPECT'];
export const CYCLE_COLORS: Record<string, string> = { RUNNING: 'blue', IN_REVIEW: 'gold', PUBLISHING: 'blue', PUBLISHED: 'green', FAILED: 'red', CANCELLED: 'default', SCHEDULED: 'default' };

/** Review cycles, newest first; admins start one with a scope and a published model version. */
export function ReviewsPage() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const me = useMe();
  const isAdmin = me.roles.includes('ADMIN');
  const { data, loading, error, refetch } = useQuery(ReviewCyclesDocument, { fetchPolicy: 'cache-and-network' });
  const [starting, setStarting] = useState(false);
  const rows = (data?.reviewCycles.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

  const columns: TableProps<Cycle>['columns'] = [
    { title: t('reviews.col.name'), dataIndex: 'name', render: (n: string, c) => <Link to={`/reviews/${c.id}`}>{n}</Link> },
    { title: t('reviews.col.status'), dataIndex: 'status', width: 130, render: (s: string) => <Tag color={CYCLE_COLORS[s]}>{t(`reviews.status.${s}`)}</Tag> },
    { title: t('reviews.col.scope'), dataIndex: 'scope', width: 120, render: (s: string) => t(`reviews.scope.${s}`) },
    {
      title: t('reviews.col.model'),
      render: (_: unknown, c) => `${lang === 'en' && c.modelVersion.model.nameEn ? c.modelVersion.model.nameEn : c.modelVersion.model.name} v${c.modelVersion.number}`,
    },
    { title: t('reviews.col.period'), dataIndex: 'periodStart', width: 150, render: (d: string) => day(d, lang) },
    {
      title: t('reviews.col.progress'),
      width: 180,
      render: (_: unknown, c) => <Progress percent={c.progress.total ? Math.floor((100 * c.progress.done) / c.progress.total) : 100} size="small" aria-label={t('reviews.progressOf', { done: c.progress.done, total: c.progress.total })} />,
    },
    { title: t('reviews.col.created'), dataIndex: 'createdAt', width: 170, render: (d: string) => dateTime(d, lang) },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('reviews.title')}
        </Typography.Title>
        {isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setStarting(true)} data-testid="start-review">
            {t('reviews.start')}
          </Button>
        )}
      </Flex>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Cycle>
            rowKey="id"
            loading={loading && !data}
            dataSource={rows}
            columns={columns}
            pagination={false}
            locale={{ emptyText: <Empty description={isAdmin ? t('reviews.emptyAdmin') : t('reviews.empty')} /> }}
          />
        </Card>
      )}
      {starting && <StartCycle onClose={() => setStarting(false)} />}
    </Flex>
  );
}

function StartCycle({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const navigate = useNavigate();
  const feedback = useWriteFeedback();
  const models = useQuery(PublishedModelVersionsDocument);
  const [start, { loading, error }] = useMutation(StartReviewCycleDocument, { refetchQueries: ['ReviewCycles'] });
  const [form] = Form.useForm<{ name: string; scope: ReviewCycleScope; version: string; asOf?: Dayjs }>();
  const versions = (models.data?.gradingModels.edges ?? []).flatMap((e) =>
    (e?.node?.versions ?? [])
      .filter((v) => v.status === 'PUBLISHED')
      .map((v) => ({ value: v.id, scope: e!.node!.scope, label: `${lang === 'en' && e!.node!.nameEn ? e!.node!.nameEn : e!.node!.name} v${v.number} · ${t(`reviews.scope.${e!.node!.scope}`)}` })),
  );
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await start({ variables: { scope: v.scope, v: v.version, name: v.name, asOf: v.asOf ? dayToTime(v.asOf) : null } });
      feedback.ok(t('reviews.started'));
      onClose();
      if (r.data) void navigate(`/reviews/${r.data.startReviewCycle.id}`);
    } catch {
      /* shown inline */
    }
  };
  return (
    <Modal open title={t('reviews.start')} okText={t('reviews.startOk')} cancelText={t('common.cancel')} onOk={() => void submit()} onCancel={onClose} okButtonProps={{ loading, 'data-testid': 'start-ok' } as never}>
      <Form form={form} layout="vertical" initialValues={{ scope: 'ALL' }}>
        <Form.Item name="name" label={t('reviews.col.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input data-testid="cycle-name" />
        </Form.Item>
        <Form.Item name="scope" label={t('reviews.col.scope')} rules={[{ required: true }]}>
          <Select options={SCOPES.map((s) => ({ value: s, label: t(`reviews.scope.${s}`) }))} />
        </Form.Item>
        <Form.Item name="version" label={t('reviews.col.model')} rules={[{ required: true, message: t('common.required') }]} extra={t('reviews.modelHint')}>
          <Select loading={models.loading} options={versions} data-testid="cycle-model" />
        </Form.Item>
        <Form.Item name="asOf" label={t('reviews.asOf')} extra={t('reviews.asOfHint')}>
          <DatePicker />
        </Form.Item>
      </Form>
      {error && <InlineError error={error} />}
    </Modal>
  );
}
