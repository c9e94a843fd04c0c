import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CreateModelVersionDocument,
  GradingModelsDocument,
  GradingModelDocument,
  PublishModelVersionDocument,
  RetireModelVersionDocument,
  SimulateModelDocument,
  UpdateModelVersionDocument,
  ValidateModelConfigDocument,
} from '../../../gql/graphql';
import type { GradingModelKind, GradingModelQuery, GradingModelsQuery, SimulateModelQuery } from '../../../gql/graphql';
import { ErrorState, useWriteFeedback } from '../../../app/errors';
import { InlineError } from '../../../app/InlineError';
import { dateTime, money, num } from '../../../app/format';
import { normalizeLang } from '../../../app/i18n';
import { GradingMetricLabels } from '../../../components/ClassExplanation';
import { ClassBadge } from '../../../components/ClassBadge';
import { NotFound } from '../../NotFound';
import { ClassMoveView, MoveExplanation } from '../MoveExplanation';
import { MoversMatrix } from '../MoversMatrix';
import { editorFor } from './editors';
import { ConfigDiff } from './ConfigDiff';

/* GraphQL */ `
  query GradingModels {
    gradingModels(first: 100) {
      edges { node { id key name nameEn kind scope versions { id number status publishedAt } } }
    }
  }
`;
/* GraphQL */ `
  query GradingModel($id: ID!) {
    node(id: $id) {
      ... on GradingModel {
        id key name nameEn description kind scope
        versions { id number status config notes createdAt publishedAt publishedBy { id name } createdBy { id name } }
      }
    }
  }
`;
/* GraphQL */ `
  query ValidateModelConfig($kind: GradingModelKind!, $config: JSON!) {
    validateGradingModelConfig(kind: $kind, config: $config) { valid problems { path message } }
  }
`;
/* GraphQL */ `
  query SimulateModel($v: ID!) {
    simulateGradingModel(versionID: $v, sample: 20) {
      total unclassified upgrades downgrades unchanged newlyClassified durationMs totalRevenue
      distribution { class count }
      currentDistribution { class count }
      movers { from to count }
      revenue { class revenue share }
      sample { accountID account { id name nameEn } from to level score revenue explanation }
    }
  }
`;
/* GraphQL */ `mutation CreateModelVersion($m: ID!, $config: JSON!, $notes: String) { createGradingModelVersion(modelID: $m, config: $config, notes: $notes) { id number status } }`;
/* GraphQL */ `mutation UpdateModelVersion($id: ID!, $config: JSON, $notes: String) { updateGradingModelVersion(id: $id, config: $config, notes: $notes) { id config notes } }`;
/* GraphQL */ `mutation PublishModelVersion($id: ID!) { publishGradingModelVersion(id: $id) { id status publishedAt } }`;
/* GraphQL */ `mutation RetireModelVersion($id: ID!) { retireGradingModelVersion(id: $id) { id status } }`;

type ModelRow = NonNullable<NonNullable<NonNullable<GradingModelsQuery['gradingModels']['edges']>[number]>['node']>;
type Model = Extract<NonNullable<GradingModelQuery['node']>, { versions: unknown }>;
type Version = NonNullable<Model['versions']>[number];
type Sim = SimulateModelQuery['simulateGradingModel'];
const STATUS_COLOR: Record<string, string> = { DRAFT: 'default', PUBLISHED: 'green', RETIRED: 'gold' };

/** The grading workbench: models and versions on the left, the chosen model on the right. */
export function ModelsPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const { data, loading, error, refetch } = useQuery(GradingModelsDocument, { fetchPolicy: 'cache-and-network' });
  const rows = (data?.gradingModels.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const columns: TableProps<ModelRow>['columns'] = [
    {
      title: t('models.col.name'),
      render: (_: unknown, m) => (
        <Link to={`/models/${m.id}`} style={{ fontWeight: m.id === id ? 600 : undefined }}>
          {lang === 'en' && m.nameEn ? m.nameEn : m.name}
        </Link>
      ),
    },
    { title: t('models.col.kind'), dataIndex: 'kind', render: (k: string) => t(`models.kind.${k}`) },
    { title: t('models.col.scope'), dataIndex: 'scope', width: 90, render: (s: string) => t(`reviews.scope.${s}`) },
    {
      title: t('models.col.published'),
      width: 80,
      render: (_: unknown, m) => {
        const v = (m.versions ?? []).find((x) => x.status === 'PUBLISHED');
        return v ? <Tag color="green">v{v.number}</Tag> : '—';
      },
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('models.title')}
      </Typography.Title>
      <Row gutter={16}>
        <Col span={id ? 8 : 24}>
          {error && !data ? (
            <ErrorState error={error} onRetry={() => void refetch()} />
          ) : (
            <Card size="small" styles={{ body: { padding: 0 } }}>
              <Table<ModelRow> rowKey="id" size="small" loading={loading && !data} dataSource={rows} columns={columns} pagination={false} locale={{ emptyText: <Empty description={t('models.empty')} /> }} />
            </Card>
          )}
          {!id && rows.length > 0 && <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('models.pick')}</Typography.Paragraph>}
        </Col>
        {id && (
          <Col span={16}>
            <ModelDetail id={id} />
          </Col>
        )}
      </Row>
    </Flex>
  );
}

function ModelDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const feedback = useWriteFeedback();
  const { data, loading, error, refetch } = useQuery(GradingModelDocument, { variables: { id } });
  const metrics = useQuery(GradingMetricLabels, { fetchPolicy: 'cache-first' }).data?.gradingMetrics ?? [];
  const model = data?.node && 'versions' in data.node ? (data.node as Model) : null;
  const versions = useMemo(() => [...(model?.versions ?? [])].sort((a, b) => b.number - a.number), [model]);
  const chosen = versions.find((v) => v.id === params.get('v')) ?? versions.find((v) => v.status === 'DRAFT') ?? versions.find((v) => v.status === 'PUBLISHED') ?? versions[0];
  const compareWith = versions.find((v) => v.id === params.get('cmp'));
  const [draft, setDraft] = useState<unknown>(null);
  const [notes, setNotes] = useState('');
  useEffect(() => {
    setDraft(chosen ? structuredClone(chosen.config) : null);
    setNotes(chosen?.notes ?? '');
  }, [chosen?.id, chosen?.config]); // eslint-disable-line react-hooks/exhaustive-deps
  const dirty = !!chosen && JSON.stringify(draft) !== JSON.stringify(chosen.config);
  const [debounced, setDebounced] = useState<unknown>(null);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(draft), 300);
    return () => clearTimeout(h);
  }, [draft]);
  const validation = useQuery(ValidateModelConfigDocument, {
    variables: { kind: (model?.kind ?? 'WEIGHTED_SCORECARD') as GradingModelKind, config: debounced },
    skip: !model || debounced === null,
  });
  const refetchQueries = ['GradingModel', 'GradingModels'];
  const [create, creating] = useMutation(CreateModelVersionDocument, { refetchQueries });
  const [update, updating] = useMutation(UpdateModelVersionDocument, { refetchQueries });
  const [publish, publishing] = useMutation(PublishModelVersionDocument, { refetchQueries });
  const [retire, retiring] = useMutation(RetireModelVersionDocument, { refetchQueries });
  const [simulate, sim] = useLazyQuery(SimulateModelDocument, { fetchPolicy: 'network-only' });

  if (error && !model) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (loading && !model) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (!model || !chosen) return <NotFound />;

  const choose = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const Editor = editorFor(model.kind);
  const editable = chosen.status === 'DRAFT';
  const valid = validation.data?.validateGradingModelConfig;

  const save = async () => {
    await update({ variables: { id: chosen.id, config: draft, notes: notes || null } });
  };
  const run = async (what: () => Promise<unknown>, ok: string) => {
    try {
      await what();
      feedback.ok(ok);
    } catch (e) {
      feedback.fail(e, () => void refetch());
    }
  };

  const versionColumns: TableProps<Version>['columns'] = [
    { title: t('models.col.version'), dataIndex: 'number', width: 70, render: (n: number) => `v${n}` },
    { title: t('models.col.status'), dataIndex: 'status', width: 100, render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`models.status.${s}`)}</Tag> },
    { title: t('models.col.notes'), dataIndex: 'notes', ellipsis: true },
    { title: t('models.col.when'), width: 170, render: (_: unknown, v) => dateTime(v.publishedAt ?? v.createdAt, lang) },
  ];

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={<span data-testid="model-title">{lang === 'en' && model.nameEn ? model.nameEn : model.name}</span>} extra={<Space><Tag>{t(`models.kind.${model.kind}`)}</Tag><Tag>{t(`reviews.scope.${model.scope}`)}</Tag></Space>}>
        {model.description && <Typography.Paragraph type="secondary">{model.description}</Typography.Paragraph>}
        <Table<Version>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={versions}
          columns={versionColumns}
          rowSelection={{ type: 'radio', selectedRowKeys: [chosen.id], onChange: (k) => choose('v', String(k[0])), getCheckboxProps: (v) => ({ 'aria-label': t('models.open') + ` v${v.number}` }) as never }}
          onRow={(v) => ({ onClick: () => choose('v', v.id) })}
        />
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Button
            loading={creating.loading}
            data-testid="new-draft"
            onClick={() =>
              run(async () => {
                const r = await create({ variables: { m: model.id, config: draft, notes: t('models.fromVersion', { n: chosen.number }) } });
                if (r.data) choose('v', r.data.createGradingModelVersion.id);
              }, t('models.created'))
            }
          >
            {t('models.newDraft', { n: chosen.number })}
          </Button>
          {chosen.status === 'DRAFT' && (
            <Button type="primary" loading={publishing.loading} disabled={dirty || valid?.valid === false} data-testid="publish-version" onClick={() => run(() => publish({ variables: { id: chosen.id } }), t('models.published'))}>
              {t('models.publish')}
            </Button>
          )}
          {chosen.status !== 'RETIRED' && (
            <Button danger loading={retiring.loading} onClick={() => run(() => retire({ variables: { id: chosen.id } }), t('models.retired'))}>
              {t('models.retire')}
            </Button>
          )}
          <Select
            allowClear
            aria-label={t('models.compareWith')}
            placeholder={t('models.compareWith')}
            style={{ width: 200 }}
            value={compareWith?.id}
            onChange={(v) => choose('cmp', v ?? null)}
            options={versions.filter((v) => v.id !== chosen.id).map((v) => ({ value: v.id, label: `v${v.number} · ${t(`models.status.${v.status}`)}` }))}
          />
        </Flex>
      </Card>

      {compareWith && (
        <Card size="small" title={t('models.compareTitle', { a: chosen.number, b: compareWith.number })}>
          <ConfigDiff left={compareWith.config} right={chosen.config} leftLabel={`v${compareWith.number}`} rightLabel={`v${chosen.number}`} />
        </Card>
      )}

      <Card
        size="small"
        title={t('models.editorTitle', { n: chosen.number })}
        extra={
          editable ? (
            <Space>
              {dirty && <Typography.Text type="warning">{t('models.unsaved')}</Typography.Text>}
              <Button type="primary" disabled={!dirty || valid?.valid === false} loading={updating.loading} onClick={() => run(save, t('common.saved'))} data-testid="save-version">
                {t('common.save')}
              </Button>
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('models.readOnly')}</Typography.Text>
          )
        }
      >
        <div aria-live="polite" style={{ marginBottom: 12 }} data-testid="validation">
          {validation.error ? (
            <InlineError error={validation.error} />
          ) : valid ? (
            valid.valid ? (
              <Alert type="success" showIcon title={t('models.valid')} />
            ) : (
              <Alert
                type="error"
                showIcon
                title={t('models.invalid', { count: valid.problems.length })}
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {valid.problems.map((p) => (
                      <li key={p.path + p.message}>
                        <Typography.Text code>{p.path}</Typography.Text> {p.message}
                      </li>
                    ))}
                  </ul>
                }
              />
            )
          ) : null}
        </div>
        {editable && (
          <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
            <label htmlFor="version-notes">{t('models.col.notes')}</label>
            <Input id="version-notes" value={notes} onChange={(e) => setNotes(e.target.value)} style={{ maxWidth: 480 }} />
          </Flex>
        )}
        {draft !== null && <Editor key={chosen.id} config={draft as never} onChange={(c: unknown) => setDraft(c)} readOnly={!editable} metrics={metrics} />}
      </Card>

      <Card
        size="small"
        title={t('models.simulate')}
        extra={
          <Button
            loading={sim.loading || updating.loading}
            disabled={valid?.valid === false}
            data-testid="simulate"
            onClick={() =>
              run(async () => {
                // A simulation grades a saved version: save the draft first.
                if (dirty && editable) await save();
                await simulate({ variables: { v: chosen.id } });
              }, t('models.simulated'))
            }
          >
            {dirty && editable ? t('models.saveAndSimulate') : t('models.runSimulation')}
          </Button>
        }
      >
        {sim.error ? <InlineError error={sim.error} /> : sim.data ? <Simulation s={sim.data.simulateGradingModel} /> : <Typography.Text type="secondary">{t('models.simulateHint')}</Typography.Text>}
      </Card>
      <Button type="link" onClick={() => void navigate('/reviews')} style={{ alignSelf: 'flex-start' }}>
        {t('models.toReviews')}
      </Button>
    </Flex>
  );
}

function Simulation({ s }: { s: Sim }) {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const classes = ['S', 'A', 'B', 'C'] as const;
  const dist = classes.map((c) => {
    const before = s.currentDistribution.find((d) => d.class === c)?.count ?? 0;
    const after = s.distribution.find((d) => d.class === c)?.count ?? 0;
    const rev = s.revenue.find((r) => r.class === c);
    return { c, before, after, delta: after - before, share: rev?.share ?? 0 };
  });
  return (
    <Flex vertical gap={16} data-testid="simulation">
      <Flex gap={24} wrap>
        <Statistic title={t('models.sim.total')} value={s.total} />
        <Statistic title={t('reviews.upgrades')} value={s.upgrades} styles={{ content: { color: '#237804' } }} />
        <Statistic title={t('reviews.downgrades')} value={s.downgrades} styles={{ content: { color: '#a8071a' } }} />
        <Statistic title={t('reviews.unchanged')} value={s.unchanged} />
        <Statistic title={t('reviews.newly')} value={s.newlyClassified} />
        <Statistic title={t('models.sim.duration')} value={`${num(s.durationMs, lang)} ms`} />
      </Flex>
      <Row gutter={16}>
        <Col span={11}>
          <Typography.Title level={5}>{t('models.sim.distribution')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="c"
            dataSource={dist}
            columns={[
              { title: t('accounts.col.class'), dataIndex: 'c', render: (c: string) => <ClassBadge cls={c} /> },
              { title: t('models.sim.before'), dataIndex: 'before', align: 'right' },
              { title: t('models.sim.after'), dataIndex: 'after', align: 'right' },
              { title: t('models.sim.delta'), dataIndex: 'delta', align: 'right', render: (d: number) => <span style={{ color: d > 0 ? '#237804' : d < 0 ? '#a8071a' : undefined }}>{d > 0 ? `+${d}` : d}</span> },
              { title: t('models.sim.revenueShare'), dataIndex: 'share', align: 'right', render: (v: number) => num(v * 100, lang, 1) + '%' },
            ]}
          />
        </Col>
        <Col span={13}>
          <Typography.Title level={5}>{t('reviews.movers')}</Typography.Title>
          <MoversMatrix movers={s.movers} />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('models.sim.sample')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="accountID"
        pagination={false}
        dataSource={s.sample}
        data-testid="sample-movers"
        locale={{ emptyText: <Empty description={t('models.sim.noMovers')} /> }}
        expandable={{ expandedRowRender: (m) => <MoveExplanation explanation={m.explanation} /> }}
        columns={[
          { title: t('approvals.col.account'), render: (_: unknown, m) => (m.account ? <Link to={`/accounts/${m.accountID}`}>{lang === 'en' && m.account.nameEn ? m.account.nameEn : m.account.name}</Link> : t('models.sim.hidden')) },
          { title: t('reviews.col.move'), width: 170, render: (_: unknown, m) => <ClassMoveView from={m.from} to={m.to} /> },
          { title: t('reviews.col.level'), dataIndex: 'level', width: 100 },
          { title: t('class.score'), dataIndex: 'score', width: 90, align: 'right', render: (v?: number | null) => num(v, lang, 2) },
          { title: t('accounts.col.revenue'), dataIndex: 'revenue', width: 130, align: 'right', render: (v: number) => money(v, lang) },
        ]}
      />
    </Flex>
  );
}
