import { Badge } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { ApprovalsCountDocument } from '../../gql/graphql';

/* GraphQL */ `
  query ApprovalsCount { approvalsCount }
`;

/** The navigation's count of what awaits the viewer's decision; refreshed every minute. */
export function ApprovalsBadge() {
  const { t } = useTranslation();
  const { data } = useQuery(ApprovalsCountDocument, { pollInterval: 60_000 });
  const n = data?.approvalsCount ?? 0;
  if (n === 0) return null;
  return (
    <Badge
      count={n}
      overflowCount={999}
      size="small"
      style={{ marginInlineStart: 6, boxShadow: 'none' }}
      aria-label={t('approvals.badge', { count: n })}
      data-testid="approvals-badge"
    />
  );
}
