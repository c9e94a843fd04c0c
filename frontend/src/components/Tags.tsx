import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

const RISK: Record<string, string> = { CRITICAL: 'magenta', HIGH: 'volcano', MEDIUM: 'gold', LOW: 'green' };
const STAGE: Record<string, string> = { EXPLORATION: 'cyan', FORMATION: 'geekblue', STABLE: 'green', DECLINE: 'volcano', LOST: 'default' };
const PLAN: Record<string, string> = { DRAFT: 'default', SUBMITTED: 'gold', APPROVED: 'cyan', ACTIVE: 'green', CLOSED: 'default' };

export function RiskTag({ level, score, notAssessed }: { level?: string | null; score?: number | null; notAssessed?: string | null }) {
  const { t } = useTranslation();
  if (!level) {
    return (
      <Tooltip title={notAssessed ?? undefined}>
        <span style={{ color: 'rgba(0,0,0,0.55)' }}>{t('risk.none')}</span>
      </Tooltip>
    );
  }
  return (
    <Tag color={RISK[level]}>
      {t(`risk.level.${level}`)}
      {score !== null && score !== undefined ? ` ${score}` : ''}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: string }) {
  const { t } = useTranslation();
  return <Tag color={RISK[severity]}>{t(`risk.level.${severity}`)}</Tag>;
}

export function StageTag({ stage }: { stage: string }) {
  const { t } = useTranslation();
  return <Tag color={STAGE[stage]}>{t(`stage.${stage}`)}</Tag>;
}

export function PlanStatusTag({ status }: { status?: string | null }) {
  const { t } = useTranslation();
  if (!status) return <span style={{ color: 'rgba(0,0,0,0.55)' }}>{t('plan.none')}</span>;
  return <Tag color={PLAN[status]}>{t(`plan.status.${status}`)}</Tag>;
}
