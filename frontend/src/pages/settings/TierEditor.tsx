import { Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { SetTierBenefitsDocument, SetTierRequirementsDocument, UpdatePartnerTierDocument } from '../../gql/graphql';
import type { PartnerTiersQuery, TierBenefitKind, TierRequirementCriterion } from '../../gql/graphql';
import { useWriteFeedback } from '../../app/errors';
import { InlineError } from '../../app/InlineError';

/* GraphQL */ `
  mutation UpdatePartnerTier($id: ID!, $input: UpdatePartnerTierInput!) {
    updatePartnerTier(id: $id, input: $input) { id code rank name nameEn description }
  }
`;
/* GraphQL */ `
  mutation SetTierRequirements($id: ID!, $requirements: [TierRequirementInput!]!) {
    setTierRequirements(tierID: $id, requirements: $requirements) { id requirements { id criterion customCode label minValue evidenceRequired } }
  }
`;
/* GraphQL */ `
  mutation SetTierBenefits($id: ID!, $benefits: [TierBenefitInput!]!) {
    setTierBenefits(tierID: $id, benefits: $benefits) { id benefits { id kind value description } }
  }
`;

type Tier = PartnerTiersQuery['partnerTiers'][number];
const CRITERIA: TierRequirementCriterion[] = ['REGISTERED_CAPITAL', 'ANNUAL_PERFORMANCE', 'CERTIFIED_STAFF', 'TOTAL_STAFF', 'SALES_STAFF', 'CUSTOM'];
const KINDS: TierBenefitKind[] = ['DISCOUNT', 'REBATE', 'MARKETING_FUND', 'TERRITORY', 'CREDIT_LIMIT', 'OTHER'];
const MONEY = (c?: string) => c === 'REGISTERED_CAPITAL' || c === 'ANNUAL_PERFORMANCE' || c === 'MARKETING_FUND' || c === 'CREDIT_LIMIT';
const PERCENT = (k?: string) => k === 'DISCOUNT' || k === 'REBATE';

interface Values {
  name: string;
  nameEn: string;
  description?: string;
  requirements: { criterion: TierRequirementCriterion; customCode?: string; label?: string; min: number; evidenceRequired?: boolean }[];
  benefits: { kind: TierBenefitKind; value?: number; description?: string }[];
}

// People enter money in yuan and rates in percent; the API keeps minor
// units (fen) and basis points.
function toForm(tier: Tier): Values {
  return {
    name: tier.name,
    nameEn: tier.nameEn,
    description: tier.description ?? undefined,
    requirements: (tier.requirements ?? []).map((r) => ({ criterion: r.criterion, customCode: r.customCode ?? undefined, label: r.label ?? undefined, min: MONEY(r.criterion) ? r.minValue / 100 : r.minValue, evidenceRequired: r.evidenceRequired })),
    benefits: (tier.benefits ?? []).map((b) => ({ kind: b.kind, value: PERCENT(b.kind) ? b.value / 100 : MONEY(b.kind) ? b.value / 100 : b.value, description: b.description ?? undefined })),
  };
}

/** Edits one tier: names, requirements and benefits (each change audited). */
export function TierEditor({ tier, onClose }: { tier: Tier; onClose: () => void }) {
  const { t } = useTranslation();
  const feedback = useWriteFeedback();
  const [form] = Form.useForm<Values>();
  const [update, u] = useMutation(UpdatePartnerTierDocument);
  const [setReq, r] = useMutation(SetTierRequirementsDocument);
  const [setBen, b] = useMutation(SetTierBenefitsDocument);
  const requirements = Form.useWatch('requirements', form) ?? [];
  const benefits = Form.useWatch('benefits', form) ?? [];

  const save = async () => {
    const v = await form.validateFields();
    try {
      await update({ variables: { id: tier.id, input: { name: v.name, nameEn: v.nameEn, description: v.description ?? '' } } });
      await setReq({
        variables: {
          id: tier.id,
          requirements: (v.requirements ?? []).map((x) => ({
            criterion: x.criterion,
            customCode: x.criterion === 'CUSTOM' ? x.customCode : null,
            label: x.criterion === 'CUSTOM' ? x.label : null,
            evidenceRequired: !!x.evidenceRequired,
            min: Math.round(MONEY(x.criterion) ? x.min * 100 : x.min),
          })),
        },
      });
      await setBen({
        variables: {
          id: tier.id,
          benefits: (v.benefits ?? []).map((x) => ({
            kind: x.kind,
            value: x.value == null ? null : Math.round(PERCENT(x.kind) || MONEY(x.kind) ? x.value * 100 : x.value),
            description: x.description || null,
          })),
        },
      });
      feedback.ok(t('settings.saved'));
      onClose();
    } catch {
      /* shown inline */
    }
  };

  return (
    <Modal open width={760} title={t('settings.ladder.editTitle', { tier: tier.name })} onCancel={onClose} onOk={() => void save()} okText={t('settings.confirm')} cancelText={t('common.cancel')} confirmLoading={u.loading || r.loading || b.loading} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={toForm(tier)}>
        <Space>
          <Form.Item name="name" label={t('settings.categories.name')} rules={[{ required: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('settings.categories.nameEn')} rules={[{ required: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('settings.categories.description')}>
          <Input />
        </Form.Item>
        <Form.List name="requirements">
          {(fields, { add, remove }) => (
            <Flex vertical gap={0}>
              <strong style={{ marginBottom: 8 }}>{t('settings.ladder.requirements')}</strong>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'criterion']} rules={[{ required: true, message: t('common.required') }]}>
                    <Select style={{ width: 170 }} aria-label={t('settings.ladder.criterionLabel')} options={CRITERIA.map((c) => ({ value: c, label: t(`settings.ladder.criterion.${c}`) }))} />
                  </Form.Item>
                  {requirements[f.name]?.criterion === 'CUSTOM' && (
                    <>
                      <Form.Item name={[f.name, 'customCode']} rules={[{ required: true, message: t('common.required') }]}>
                        <Input style={{ width: 130 }} placeholder="SHOWROOM_M2" aria-label={t('settings.ladder.customCode')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'label']}>
                        <Input style={{ width: 130 }} placeholder={t('settings.ladder.customLabel')} aria-label={t('settings.ladder.customLabel')} />
                      </Form.Item>
                    </>
                  )}
                  <Form.Item name={[f.name, 'min']} rules={[{ required: true, message: t('common.required') }]}>
                    <InputNumber min={0} style={{ width: 160 }} aria-label={t('settings.ladder.minimum')} addonAfter={MONEY(requirements[f.name]?.criterion) ? '¥' : undefined} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'evidenceRequired']} valuePropName="checked">
                    <Switch aria-label={t('partners.evidenceRequired')} checkedChildren={t('partners.evidenceRequired')} unCheckedChildren={t('partners.evidenceRequired')} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('settings.ladder.remove')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ criterion: 'CERTIFIED_STAFF', min: 1 })} style={{ marginBottom: 16 }}>
                {t('settings.ladder.addRequirement')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.List name="benefits">
          {(fields, { add, remove }) => (
            <Flex vertical gap={0}>
              <strong style={{ marginBottom: 8 }}>{t('settings.ladder.benefits')}</strong>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: t('common.required') }]}>
                    <Select style={{ width: 150 }} aria-label={t('settings.ladder.benefitKind')} options={KINDS.map((k) => ({ value: k, label: t(`partners.benefit.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'value']}>
                    <InputNumber min={0} style={{ width: 150 }} aria-label={t('settings.ladder.value')} addonAfter={PERCENT(benefits[f.name]?.kind) ? '%' : MONEY(benefits[f.name]?.kind) ? '¥' : undefined} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']}>
                    <Input style={{ width: 200 }} placeholder={t('settings.categories.description')} aria-label={t('settings.categories.description')} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('settings.ladder.remove')} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'DISCOUNT' })}>
                {t('settings.ladder.addBenefit')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
      <InlineError error={u.error ?? r.error ?? b.error} />
    </Modal>
  );
}
