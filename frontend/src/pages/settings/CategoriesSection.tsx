import { Empty, Table } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { SettingsCategoriesDocument } from '../../gql/graphql';
import type { SettingsCategoriesQuery } from '../../gql/graphql';
import { ErrorState } from '../../app/errors';

/* GraphQL */ `
  query SettingsCategories {
    categories(first: 200) { totalCount edges { node { id code name nameEn description } } }
  }
`;

type Category = NonNullable<NonNullable<NonNullable<SettingsCategoriesQuery['categories']['edges']>[number]>['node']>;

/** Account categories (read here; created by import or the API). */
export function CategoriesSection() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(SettingsCategoriesDocument);
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const rows = (data?.categories.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  return (
    <Table<Category>
      rowKey="id"
      size="middle"
      loading={loading && !data}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty description={t('settings.categories.empty')} /> }}
      columns={[
        { title: t('settings.categories.code'), dataIndex: 'code', width: 160 },
        { title: t('settings.categories.name'), dataIndex: 'name' },
        { title: t('settings.categories.nameEn'), dataIndex: 'nameEn' },
        { title: t('settings.categories.description'), dataIndex: 'description' },
      ]}
    />
  );
}
