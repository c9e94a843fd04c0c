import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = { S: 'red', A: 'orange', B: 'blue', C: 'default' };

/** S red, A orange, B blue, C grey; an account not yet graded says so. */
export function ClassBadge({ cls, ...rest }: { cls?: string | null } & React.HTMLAttributes<HTMLSpanElement>) {
  const { t } = useTranslation();
  if (!cls) {
    return (
      <Tag variant="outlined" {...rest} title={t('class.unclassifiedHint')}>
        {t('class.unclassified')}
      </Tag>
    );
  }
  return (
    <Tag color={COLORS[cls]} title={t(`class.name.${cls}`)} style={{ fontWeight: 700, minWidth: 28, textAlign: 'center' }} {...rest}>
      {cls}
    </Tag>
  );
}
