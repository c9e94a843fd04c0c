import { useMemo } from 'react';
import { Button, DatePicker, Empty, Flex, Input, Table, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuditLogDocument } from '../../gql/graphql';
import type { AuditEventWhereInput, AuditLogQuery } from '../../gql/graphql';
import { dateTime } from '../../app/format';
import { normalizeLang } from '../../app/i18n';
import { ErrorState } from '../../app/errors';
import { AuditDiff } from './AuditDiff';

/* GraphQL */ `
  query AuditLog($first: Int, $after: Cursor, $where: AuditEventWhereInput) {
    auditEvents(first: $first, after: $after, where: $where, orderBy: [{ field: OCCURRED_AT, direction: DESC }]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id occurredAt actorKind actorLabel entityType entityID action before after reason } }
    }
  }
`;

type Event = NonNullable<NonNullable<NonNullable<AuditLogQuery['auditEvents']['edges']>[number]>['node']>;

/** The audit log, filtered by actor, entity, action and date (all in the URL). */
export function AuditSection() {
  const { t, i18n } = useTranslation();
  const lang = normalizeLang(i18n.language);
  const [params, setParams] = useSearchParams();
  const where = useMemo<AuditEventWhereInput>(() => {
    const and: AuditEventWhereInput[] = [];
    const actor = params.get('actor');
    if (actor) and.push({ actorLabelContainsFold: actor });
    const entity = params.get('entity');
    if (entity) {
      const [type, id] = entity.split(':');
      and.push({ entityTypeEqualFold: type });
      if (id && /^\d+$/.test(id)) and.push({ entityID: Number(id) });
    }
    const action = params.get('action');
    if (action) and.push({ actionHasPrefix: action });
    const from = params.get('from');
    if (from) and.push({ occurredAtGTE: dayjs(from).startOf('day').toISOString() });
    const to = params.get('to');
    if (to) and.push({ occurredAtLT: dayjs(to).add(1, 'day').startOf('day').toISOString() });
    return { and };
  }, [params]);
  const after = params.get('after');
  const { data, previousData, loading, error, refetch } = useQuery(AuditLogDocument, { variables: { first: 50, after, where } });
  const shown = data ?? previousData;
  const rows = (shown?.auditEvents.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const set = (k: string, v: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('after');
    setParams(next);
  };
  const from = params.get('from');
  const to = params.get('to');

  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }} role="search" aria-label={t('settings.audit.filters')}>
        <Input.Search allowClear style={{ width: 200 }} placeholder={t('settings.audit.actor')} aria-label={t('settings.audit.actor')} defaultValue={params.get('actor') ?? ''} onSearch={(v) => set('actor', v.trim())} data-testid="audit-actor" />
        <Input.Search allowClear style={{ width: 220 }} placeholder={t('settings.audit.entityHint')} aria-label={t('settings.audit.entity')} defaultValue={params.get('entity') ?? ''} onSearch={(v) => set('entity', v.trim())} data-testid="audit-entity" />
        <Input.Search allowClear style={{ width: 200 }} placeholder={t('settings.audit.actionHint')} aria-label={t('settings.audit.action')} defaultValue={params.get('action') ?? ''} onSearch={(v) => set('action', v.trim())} data-testid="audit-action" />
        <DatePicker.RangePicker aria-label={t('settings.audit.date')} value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          onChange={(r) => {
            const next = new URLSearchParams(params);
            next.delete('after');
            if (r?.[0]) next.set('from', r[0].format('YYYY-MM-DD'));
            else next.delete('from');
            if (r?.[1]) next.set('to', r[1].format('YYYY-MM-DD'));
            else next.delete('to');
            setParams(next);
          }} />
        {shown && <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>{t('settings.audit.count', { count: shown.auditEvents.totalCount })}</Typography.Text>}
      </Flex>
      {error && !shown ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <Table<Event>
            rowKey="id"
            size="small"
            loading={loading && !shown}
            dataSource={rows}
            pagination={false}
            data-testid="audit-table"
            expandable={{ expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} />, rowExpandable: (e) => e.before != null || e.after != null }}
            locale={{ emptyText: <Empty description={t('settings.audit.empty')} /> }}
            columns={[
              { title: t('settings.audit.when'), width: 170, render: (_: unknown, e) => dateTime(e.occurredAt, lang) },
              { title: t('settings.audit.actor'), width: 220, render: (_: unknown, e) => e.actorLabel },
              { title: t('settings.audit.action'), width: 200, render: (_: unknown, e) => <Typography.Text code>{e.action}</Typography.Text> },
              { title: t('settings.audit.entity'), width: 200, render: (_: unknown, e) => `${e.entityType} #${e.entityID}` },
              { title: t('settings.audit.reason'), render: (_: unknown, e) => e.reason ?? '' },
            ]}
          />
          <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
            <Button icon={<LeftOutlined />} disabled={!after} onClick={() => set('after', null)}>
              {t('settings.audit.newest')}
            </Button>
            <Button disabled={!shown?.auditEvents.pageInfo.hasNextPage} onClick={() => set('after', shown?.auditEvents.pageInfo.endCursor)}>
              {t('common.next')} <RightOutlined />
            </Button>
          </Flex>
        </>
      )}
    </>
  );
}
