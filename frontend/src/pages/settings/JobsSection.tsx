import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { BackgroundJobsDocument, RetryBackgroundJobDocument } from '../../gql/graphql';
import type { BackgroundJobsQuery } from '../../gql/graphql';
import { dateTime } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ErrorState, useWriteFeedback } from '../../app/errors';

/* GraphQL */ `
  query BackgroundJobs {
    backgroundJobs(failures: 50) {
      counts { kind state count }
      failures { id kind state attempt maxAttempts error failedAt scheduledAt }
    }
  }
`;
/* GraphQL */ `
  mutation RetryBackgroundJob($id: Int!) {
    retryBackgroundJob(id: $id) { counts { kind state count } }
  }
`;

const STATES = ['available', 'scheduled', 'running', 'retryable', 'discarded', 'completed'];
type Failure = BackgroundJobsQuery['backgroundJobs']['failures'][number];

/** River's queues: jobs by kind and state, the latest failures, retry one. */
export function JobsSection() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const feedback = useWriteFeedback();
  const { data, loading, error, refetch } = useQuery(BackgroundJobsDocument, { pollInterval: 15_000 });
  const [retry] = useMutation(RetryBackgroundJobDocument);
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const counts = data?.backgroundJobs.counts ?? [];
  const kinds = [...new Set(counts.map((c) => c.kind))];
  const countOf = (kind: string, state: string) => counts.find((c) => c.kind === kind && c.state === state)?.count ?? 0;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('settings.jobs.queues')}</Typography.Title>
      <Table
        rowKey="kind"
        size="small"
        loading={loading && !data}
        pagination={false}
        dataSource={kinds.map((k) => ({ kind: k }))}
        locale={{ emptyText: <Empty description={t('settings.jobs.empty')} /> }}
        columns={[
          { title: t('settings.jobs.kind'), dataIndex: 'kind' },
          ...STATES.map((s) => ({
            title: t(`settings.jobs.state.${s}`),
            width: 110,
            align: 'right' as const,
            render: (_: unknown, r: { kind: string }) => {
              const n = countOf(r.kind, s);
              return (s === 'discarded' || s === 'retryable') && n > 0 ? <Tag color="red">{n}</Tag> : n;
            },
          })),
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('settings.jobs.failures')}</Typography.Title>
      <Table<Failure>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data?.backgroundJobs.failures ?? []}
        locale={{ emptyText: <Empty description={t('settings.jobs.noFailures')} /> }}
        columns={[
          { title: t('settings.jobs.kind'), dataIndex: 'kind', width: 200 },
          { title: t('settings.jobs.stateCol'), width: 110, render: (_: unknown, f) => t(`settings.jobs.state.${f.state}`) },
          { title: t('settings.jobs.attempts'), width: 90, render: (_: unknown, f) => `${f.attempt}/${f.maxAttempts}` },
          { title: t('settings.jobs.error'), render: (_: unknown, f) => <Typography.Text type="danger">{f.error}</Typography.Text> },
          { title: t('settings.jobs.failedAt'), width: 170, render: (_: unknown, f) => dateTime(f.failedAt, lang) },
          {
            title: t('settings.actions'),
            width: 100,
            render: (_: unknown, f) => (
              <Button size="small" onClick={async () => {
                try {
                  await retry({ variables: { id: f.id } });
                  feedback.ok(t('settings.jobs.retried'));
                  void refetch();
                } catch (e) {
                  feedback.fail(e);
                }
              }}>
                {t('settings.jobs.retry')}
              </Button>
            ),
          },
        ]}
      />
    </Flex>
  );
}
