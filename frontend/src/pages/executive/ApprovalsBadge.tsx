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
  // A plain element, not antd's Badge: the navigation is on the first
  // screen, whose JavaScript budget Badge's animation code would break.
  return (
    <span className="nav-count" aria-label={t('approvals.badge', { count: n })} data-testid="approvals-badge">
      {n > 999 ? '999+' : n}
    </span>
  );
}
