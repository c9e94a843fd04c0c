/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CommandSearch($query: String!) {\n    searchAccounts(query: $query, first: 10) {\n      score\n      account { id code name nameEn currentClass }\n    }\n  }\n": typeof types.CommandSearchDocument,
    "\n  query UnreadCount { unreadNotificationCount }\n": typeof types.UnreadCountDocument,
    "\n  query RecentNotifications {\n    myNotifications(first: 6) {\n      edges { node { id kind title body createdAt readAt entityType entityID } }\n    }\n  }\n": typeof types.RecentNotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all) { marked unreadCount }\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  mutation UpdateMyLocale($locale: String!) {\n    updateMyLocale(locale: $locale) { id locale }\n  }\n": typeof types.UpdateMyLocaleDocument,
    "\n  fragment AlertFields on ChurnAlert {\n    id\n    alertType\n    status\n    severity\n    riskScore\n    openedAt\n    responseDueAt\n    acknowledgedAt\n    resolvedAt\n    outcome\n    outcomeNote\n    ageDays\n    overdue\n    escalationLevel\n    accountClass\n    winBackStartedAt\n    winBackPlan { id period }\n    owner { id name }\n    account { id name nameEn code currentClass }\n    firedSignals { code label labelZh severity detail detailZh }\n  }\n": typeof types.AlertFieldsFragmentDoc,
    "mutation AcknowledgeAlert($id: ID!, $note: String) { acknowledgeChurnAlert(id: $id, note: $note) { ...AlertFields } }": typeof types.AcknowledgeAlertDocument,
    "mutation StartWinBack($alertID: ID!) { startWinBack(alertID: $alertID) { planCreated plan { id period } actions { id } alert { ...AlertFields } } }": typeof types.StartWinBackDocument,
    "mutation ResolveAlert($id: ID!, $outcome: ChurnAlertResolution!, $reason: String!) { resolveChurnAlert(id: $id, outcome: $outcome, reason: $reason) { ...AlertFields } }": typeof types.ResolveAlertDocument,
    "\n  query GradingMetricLabels { gradingMetrics { name unit labelZh labelEn } }\n": typeof types.GradingMetricLabelsDocument,
    "\n  query LatestClass($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        currentClass\n        classHistory(first: 5) {\n          edges { node { ...ClassDecision } }\n        }\n      }\n    }\n  }\n": typeof types.LatestClassDocument,
    "\n  fragment ClassDecision on ClassAssignment {\n    id\n    class\n    previousClass\n    levelLabel\n    score\n    explanation\n    source\n    reason\n    approvalStatus\n    approvedAt\n    effectiveAt\n    createdAt\n    approvalNote\n    decidedBy { id name }\n    approvedBy { id name }\n    modelVersion { id number model { id name nameEn } }\n    reviewCycle { id name }\n  }\n": typeof types.ClassDecisionFragmentDoc,
    "\n  query AccountHeader($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Account {\n        id\n        version\n        code\n        name\n        nameEn\n        kind\n        currentClass\n        lifecycleStage\n        region\n        province\n        city\n        industry\n        archived\n        receivablesMinor\n        overdueReceivablesMinor\n        creditLimitMinor\n        paymentTermsDays\n        owner { id name }\n        category { id name nameEn }\n        ancestors { id name nameEn code }\n        children { id name nameEn code currentClass }\n        rollup { revenueMinor openAlerts teamSize accounts }\n        churnRisk {\n          assessed\n          level\n          score\n          summary\n          summaryZh\n          notAssessedReason\n          notAssessedReasonZh\n          signals { code label labelZh severity detail detailZh }\n        }\n        planHealth {\n          planID\n          planPeriod\n          planStatus\n          objectivesOnTrack\n          objectivesTotal\n          overdueActions\n          lastTouchpointAt\n          daysSinceLastTouchpoint\n          contactCadenceDays\n          contactOverdue\n          missingTeamRoles\n        }\n      }\n    }\n  }\n": typeof types.AccountHeaderDocument,
    "\n  query AccountAlerts($filter: ChurnAlertFilter!) {\n    churnAlerts(first: 50, filter: $filter) { totalCount edges { node { ...AlertFields } } }\n  }\n": typeof types.AccountAlertsDocument,
    "\n  query ClassHistory($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        classHistory(first: 50) { edges { node { ...ClassDecision } } }\n      }\n    }\n  }\n": typeof types.ClassHistoryDocument,
    "\n  mutation OverrideClass($accountID: ID!, $class: AccountCurrentClass!, $reason: String!) {\n    overrideClass(accountID: $accountID, class: $class, reason: $reason) { id approvalStatus class }\n  }\n": typeof types.OverrideClassDocument,
    "\n  query AccountPlans($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        plans(first: 20, orderBy: [{ field: PERIOD, direction: DESC }]) {\n          edges {\n            node {\n              id\n              version\n              period\n              periodStart\n              periodEnd\n              status\n              classAtCreation\n              strategyStatement\n              swot\n              outcome\n              rejectionReason\n              submittedAt\n              approvedAt\n              approvedBy { id name }\n              objectives {\n                id\n                title\n                metric\n                unit\n                targetValue\n                weight\n                dueOn\n                status\n                measure { actual target percentDone onTrack expectedToDate source }\n              }\n              actions(first: 100, orderBy: [{ field: DUE_ON, direction: ASC }]) {\n                edges { node { id title dueOn status objectiveID owner { id name } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AccountPlansDocument,
    "\n  mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { id status version } }\n": typeof types.CreatePlanDocument,
    "\n  mutation UpdatePlan($id: ID!, $version: Int!, $input: UpdatePlanInput!) { updatePlan(id: $id, version: $version, input: $input) { id version strategyStatement swot } }\n": typeof types.UpdatePlanDocument,
    "mutation SubmitPlan($id: ID!, $version: Int!) { submitPlan(id: $id, version: $version) { id status version } }": typeof types.SubmitPlanDocument,
    "mutation ActivatePlan($id: ID!, $version: Int!) { activatePlan(id: $id, version: $version) { id status version } }": typeof types.ActivatePlanDocument,
    "mutation ApprovePlan($id: ID!, $version: Int!, $note: String) { approvePlan(id: $id, version: $version, note: $note) { id status version } }": typeof types.ApprovePlanDocument,
    "mutation ClosePlan($id: ID!, $version: Int!, $outcome: String!) { closePlan(id: $id, version: $version, outcome: $outcome) { id status version } }": typeof types.ClosePlanDocument,
    "\n  mutation RollForwardPlan($id: ID!, $period: String!, $periodStart: Time!, $periodEnd: Time!) {\n    rollForwardPlan(id: $id, period: $period, periodStart: $periodStart, periodEnd: $periodEnd) { id status }\n  }\n": typeof types.RollForwardPlanDocument,
    "mutation AddObjective($planID: ID!, $input: ObjectiveInput!) { addObjective(planID: $planID, input: $input) { id } }": typeof types.AddObjectiveDocument,
    "mutation CreateAction($input: CreateActionInput!) { createAction(input: $input) { id } }": typeof types.CreateActionDocument,
    "mutation CompleteAction($id: ID!) { completeAction(id: $id) { id status } }": typeof types.CompleteActionDocument,
    "\n  query AccountContacts($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        contacts(first: 200, orderBy: [{ field: NAME, direction: ASC }]) {\n          edges { node { id name title department email phone buyingRole attitude relationshipStrength reportsToID active leftAt lastTouchedAt } }\n        }\n      }\n    }\n  }\n": typeof types.AccountContactsDocument,
    "mutation CreateContact($input: CreateContactInput!) { createContact(input: $input) { id } }": typeof types.CreateContactDocument,
    "mutation UpdateContact($id: ID!, $input: UpdateContactInput!) { updateContact(id: $id, input: $input) { id } }": typeof types.UpdateContactDocument,
    "mutation MarkContactLeft($id: ID!) { markContactLeft(id: $id) { id active leftAt } }": typeof types.MarkContactLeftDocument,
    "\n  query AccountTeam($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        teamMembers { id role accessLevel createdAt user { id name email title } }\n      }\n    }\n  }\n": typeof types.AccountTeamDocument,
    "\n  query TeamCandidates {\n    users(first: 200, orderBy: [{ field: NAME, direction: ASC }]) { edges { node { id name email } } }\n  }\n": typeof types.TeamCandidatesDocument,
    "mutation AddTeamMember($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }": typeof types.AddTeamMemberDocument,
    "mutation UpdateTeamMember($id: ID!, $input: UpdateTeamMemberInput!) { updateTeamMember(id: $id, input: $input) { id role accessLevel } }": typeof types.UpdateTeamMemberDocument,
    "mutation RemoveTeamMember($id: ID!, $reason: String!) { removeTeamMember(id: $id, reason: $reason) }": typeof types.RemoveTeamMemberDocument,
    "\n  query AccountTouchpoints($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        touchpoints(first: 50, orderBy: [{ field: OCCURRED_AT, direction: DESC }]) {\n          totalCount\n          edges { node { id kind occurredAt summary nextStep nextStepDueOn createdBy { id name } staff { id name } contacts { id name } } }\n        }\n        contacts(first: 200, where: { active: true }) { edges { node { id name } } }\n        teamMembers { id user { id name } }\n      }\n    }\n  }\n": typeof types.AccountTouchpointsDocument,
    "mutation LogTouchpoint($input: LogTouchpointInput!) { logTouchpoint(input: $input) { id } }": typeof types.LogTouchpointDocument,
    "\n  query AccountFilterOptions {\n    categories(first: 100) { edges { node { id name nameEn } } }\n    users(first: 200, where: { hasOwnedAccounts: true }) { edges { node { id name } } }\n  }\n": typeof types.AccountFilterOptionsDocument,
    "\n  query AccountList(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: AccountWhereInput\n    $orderBy: [AccountOrder!]\n    $rank: AccountListRank\n    $rankDirection: OrderDirection\n    $attention: Boolean\n    $today: Time!\n  ) {\n    accounts: accountList(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      where: $where\n      orderBy: $orderBy\n      rank: $rank\n      rankDirection: $rankDirection\n      needsAttention: $attention\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id\n          code\n          name\n          nameEn\n          kind\n          currentClass\n          lifecycleStage\n          region\n          owner { id name }\n          rollup { revenueMinor }\n          churnRisk { assessed level score }\n          planHealth { planStatus objectivesOnTrack objectivesTotal overdueActions lastTouchpointAt contactOverdue }\n          actions(first: 1, where: { statusIn: [OPEN, IN_PROGRESS, BLOCKED], dueOnNotNil: true, dueOnGTE: $today }, orderBy: [{ field: DUE_ON, direction: ASC }]) {\n            edges { node { id title dueOn } }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AccountListDocument,
    "\n  query AlertsInbox($filter: ChurnAlertFilter!, $after: Cursor) {\n    churnAlerts(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...AlertFields } }\n    }\n  }\n": typeof types.AlertsInboxDocument,
    "\n  query ApprovalsCount { approvalsCount }\n": typeof types.ApprovalsCountDocument,
    "\n  query ApprovalQueue($kinds: [ApprovalKind!], $first: Int, $offset: Int) {\n    approvals(kinds: $kinds, first: $first, offset: $offset) {\n      totalCount\n      byKind { kind count }\n      items { kind id version accountID accountName accountClass requestedAt requestedByName from to reason explanation cycleID }\n    }\n  }\n": typeof types.ApprovalQueueDocument,
    "mutation ApproveOverride($id: ID!, $note: String) { approveClassAssignment(id: $id, note: $note) { id approvalStatus } }": typeof types.ApproveOverrideDocument,
    "mutation RejectOverride($id: ID!, $note: String!) { rejectClassAssignment(id: $id, note: $note) { id approvalStatus } }": typeof types.RejectOverrideDocument,
    "mutation ApprovePlanFromQueue($id: ID!, $version: Int!, $note: String) { approvePlan(id: $id, version: $version, note: $note) { id status version } }": typeof types.ApprovePlanFromQueueDocument,
    "mutation RejectPlanFromQueue($id: ID!, $version: Int!, $reason: String!) { rejectPlan(id: $id, version: $version, reason: $reason) { id status version } }": typeof types.RejectPlanFromQueueDocument,
    "mutation ApproveResults($ids: [ID!]!, $note: String) { approveReviewResults(ids: $ids, note: $note) { id status } }": typeof types.ApproveResultsDocument,
    "mutation RejectResults($ids: [ID!]!, $note: String!) { rejectReviewResults(ids: $ids, note: $note) { id status } }": typeof types.RejectResultsDocument,
    "mutation ApproveTier($id: ID!, $note: String) { approveTierEvaluation(id: $id, note: $note) { id } }": typeof types.ApproveTierDocument,
    "mutation RejectTier($id: ID!, $note: String!) { rejectTierEvaluation(id: $id, note: $note) { id } }": typeof types.RejectTierDocument,
    "\n  query Portfolio($filter: PortfolioFilter) {\n    approvalsCount\n    portfolio(filter: $filter) {\n      asOf\n      pyramid {\n        accounts revenueMinor marginMinor\n        classes { class accounts accountShare revenueMinor revenueShare marginMinor marginShare }\n      }\n      migration {\n        from { date cycle { id name } }\n        to { date cycle { id name } }\n        cells { from to accounts revenueMinor accountsWhere }\n        upgrades downgrades unchanged\n      }\n      concentration(lorenzPoints: 20) {\n        accounts revenueMinor hhi\n        top { percent accounts revenueMinor share }\n        lorenz { accountShare revenueShare }\n      }\n      atRisk(first: 8) {\n        alerts accounts revenueAtStakeMinor accountsWhere\n        bySeverity { severity alerts accounts revenueMinor }\n        items { alertID accountID accountName class severity status overdue revenueMinor }\n      }\n      coverage {\n        total { accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }\n        classes { class accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }\n      }\n      trend(cycles: 6) { periodStart cycle { id name } counts { class accounts } }\n    }\n  }\n": typeof types.PortfolioDocument,
    "\n  query ReviewCycle($id: ID!) {\n    node(id: $id) {\n      ... on ReviewCycle {\n        id name status scope periodStart periodEnd totalAccounts startedAt computedAt publishedAt\n        modelVersion { id number model { id name nameEn } }\n        progress {\n          total done chunks chunksDone upgrades downgrades unchanged newlyClassified\n          byClass { class count }\n          byStatus { status count }\n          movers { from to count }\n        }\n      }\n    }\n  }\n": typeof types.ReviewCycleDocument,
    "\n  query ReviewResults($id: ID!, $where: ReviewResultWhereInput, $first: Int) {\n    node(id: $id) {\n      ... on ReviewCycle {\n        id\n        results(first: $first, where: $where) {\n          totalCount\n          edges { node { id accountID previousClass proposedClass finalClass levelLabel score status contestReason explanation account { id name nameEn } } }\n        }\n      }\n    }\n  }\n": typeof types.ReviewResultsDocument,
    "mutation ContestResult($id: ID!, $reason: String!) { contestReviewResult(id: $id, reason: $reason) { id status contestReason } }": typeof types.ContestResultDocument,
    "mutation PublishCycle($id: ID!) { publishReviewCycle(id: $id) { id status } }": typeof types.PublishCycleDocument,
    "\n  query ReviewCycles {\n    reviewCycles(first: 50) {\n      edges {\n        node {\n          id name status scope trigger periodStart totalAccounts createdAt publishedAt\n          modelVersion { id number model { id name nameEn } }\n          progress { total done }\n        }\n      }\n    }\n  }\n": typeof types.ReviewCyclesDocument,
    "\n  query PublishedModelVersions {\n    gradingModels(first: 100) {\n      edges { node { id name nameEn scope kind versions { id number status } } }\n    }\n  }\n": typeof types.PublishedModelVersionsDocument,
    "\n  mutation StartReviewCycle($scope: ReviewCycleScope!, $v: ID!, $name: String!, $asOf: Time) {\n    startReviewCycle(scope: $scope, modelVersionID: $v, name: $name, asOf: $asOf) { id status }\n  }\n": typeof types.StartReviewCycleDocument,
    "\n  query GradingModels {\n    gradingModels(first: 100) {\n      edges { node { id key name nameEn kind scope versions { id number status publishedAt } } }\n    }\n  }\n": typeof types.GradingModelsDocument,
    "\n  query GradingModel($id: ID!) {\n    node(id: $id) {\n      ... on GradingModel {\n        id key name nameEn description kind scope\n        versions { id number status config notes createdAt publishedAt publishedBy { id name } createdBy { id name } }\n      }\n    }\n  }\n": typeof types.GradingModelDocument,
    "\n  query ValidateModelConfig($kind: GradingModelKind!, $config: JSON!) {\n    validateGradingModelConfig(kind: $kind, config: $config) { valid problems { path message } }\n  }\n": typeof types.ValidateModelConfigDocument,
    "\n  query SimulateModel($v: ID!) {\n    simulateGradingModel(versionID: $v, sample: 20) {\n      total unclassified upgrades downgrades unchanged newlyClassified durationMs totalRevenue\n      distribution { class count }\n      currentDistribution { class count }\n      movers { from to count }\n      revenue { class revenue share }\n      sample { accountID account { id name nameEn } from to level score revenue explanation }\n    }\n  }\n": typeof types.SimulateModelDocument,
    "mutation CreateModelVersion($m: ID!, $config: JSON!, $notes: String) { createGradingModelVersion(modelID: $m, config: $config, notes: $notes) { id number status } }": typeof types.CreateModelVersionDocument,
    "mutation UpdateModelVersion($id: ID!, $config: JSON, $notes: String) { updateGradingModelVersion(id: $id, config: $config, notes: $notes) { id config notes } }": typeof types.UpdateModelVersionDocument,
    "mutation PublishModelVersion($id: ID!) { publishGradingModelVersion(id: $id) { id status publishedAt } }": typeof types.PublishModelVersionDocument,
    "mutation RetireModelVersion($id: ID!) { retireGradingModelVersion(id: $id) { id status } }": typeof types.RetireModelVersionDocument,
    "\n  query MyNotifications($after: Cursor, $unreadOnly: Boolean) {\n    myNotifications(first: 30, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind title body createdAt readAt } }\n    }\n  }\n": typeof types.MyNotificationsDocument,
};
const documents: Documents = {
    "\n  query CommandSearch($query: String!) {\n    searchAccounts(query: $query, first: 10) {\n      score\n      account { id code name nameEn currentClass }\n    }\n  }\n": types.CommandSearchDocument,
    "\n  query UnreadCount { unreadNotificationCount }\n": types.UnreadCountDocument,
    "\n  query RecentNotifications {\n    myNotifications(first: 6) {\n      edges { node { id kind title body createdAt readAt entityType entityID } }\n    }\n  }\n": types.RecentNotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all) { marked unreadCount }\n  }\n": types.MarkNotificationsReadDocument,
    "\n  mutation UpdateMyLocale($locale: String!) {\n    updateMyLocale(locale: $locale) { id locale }\n  }\n": types.UpdateMyLocaleDocument,
    "\n  fragment AlertFields on ChurnAlert {\n    id\n    alertType\n    status\n    severity\n    riskScore\n    openedAt\n    responseDueAt\n    acknowledgedAt\n    resolvedAt\n    outcome\n    outcomeNote\n    ageDays\n    overdue\n    escalationLevel\n    accountClass\n    winBackStartedAt\n    winBackPlan { id period }\n    owner { id name }\n    account { id name nameEn code currentClass }\n    firedSignals { code label labelZh severity detail detailZh }\n  }\n": types.AlertFieldsFragmentDoc,
    "mutation AcknowledgeAlert($id: ID!, $note: String) { acknowledgeChurnAlert(id: $id, note: $note) { ...AlertFields } }": types.AcknowledgeAlertDocument,
    "mutation StartWinBack($alertID: ID!) { startWinBack(alertID: $alertID) { planCreated plan { id period } actions { id } alert { ...AlertFields } } }": types.StartWinBackDocument,
    "mutation ResolveAlert($id: ID!, $outcome: ChurnAlertResolution!, $reason: String!) { resolveChurnAlert(id: $id, outcome: $outcome, reason: $reason) { ...AlertFields } }": types.ResolveAlertDocument,
    "\n  query GradingMetricLabels { gradingMetrics { name unit labelZh labelEn } }\n": types.GradingMetricLabelsDocument,
    "\n  query LatestClass($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        currentClass\n        classHistory(first: 5) {\n          edges { node { ...ClassDecision } }\n        }\n      }\n    }\n  }\n": types.LatestClassDocument,
    "\n  fragment ClassDecision on ClassAssignment {\n    id\n    class\n    previousClass\n    levelLabel\n    score\n    explanation\n    source\n    reason\n    approvalStatus\n    approvedAt\n    effectiveAt\n    createdAt\n    approvalNote\n    decidedBy { id name }\n    approvedBy { id name }\n    modelVersion { id number model { id name nameEn } }\n    reviewCycle { id name }\n  }\n": types.ClassDecisionFragmentDoc,
    "\n  query AccountHeader($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Account {\n        id\n        version\n        code\n        name\n        nameEn\n        kind\n        currentClass\n        lifecycleStage\n        region\n        province\n        city\n        industry\n        archived\n        receivablesMinor\n        overdueReceivablesMinor\n        creditLimitMinor\n        paymentTermsDays\n        owner { id name }\n        category { id name nameEn }\n        ancestors { id name nameEn code }\n        children { id name nameEn code currentClass }\n        rollup { revenueMinor openAlerts teamSize accounts }\n        churnRisk {\n          assessed\n          level\n          score\n          summary\n          summaryZh\n          notAssessedReason\n          notAssessedReasonZh\n          signals { code label labelZh severity detail detailZh }\n        }\n        planHealth {\n          planID\n          planPeriod\n          planStatus\n          objectivesOnTrack\n          objectivesTotal\n          overdueActions\n          lastTouchpointAt\n          daysSinceLastTouchpoint\n          contactCadenceDays\n          contactOverdue\n          missingTeamRoles\n        }\n      }\n    }\n  }\n": types.AccountHeaderDocument,
    "\n  query AccountAlerts($filter: ChurnAlertFilter!) {\n    churnAlerts(first: 50, filter: $filter) { totalCount edges { node { ...AlertFields } } }\n  }\n": types.AccountAlertsDocument,
    "\n  query ClassHistory($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        classHistory(first: 50) { edges { node { ...ClassDecision } } }\n      }\n    }\n  }\n": types.ClassHistoryDocument,
    "\n  mutation OverrideClass($accountID: ID!, $class: AccountCurrentClass!, $reason: String!) {\n    overrideClass(accountID: $accountID, class: $class, reason: $reason) { id approvalStatus class }\n  }\n": types.OverrideClassDocument,
    "\n  query AccountPlans($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        plans(first: 20, orderBy: [{ field: PERIOD, direction: DESC }]) {\n          edges {\n            node {\n              id\n              version\n              period\n              periodStart\n              periodEnd\n              status\n              classAtCreation\n              strategyStatement\n              swot\n              outcome\n              rejectionReason\n              submittedAt\n              approvedAt\n              approvedBy { id name }\n              objectives {\n                id\n                title\n                metric\n                unit\n                targetValue\n                weight\n                dueOn\n                status\n                measure { actual target percentDone onTrack expectedToDate source }\n              }\n              actions(first: 100, orderBy: [{ field: DUE_ON, direction: ASC }]) {\n                edges { node { id title dueOn status objectiveID owner { id name } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.AccountPlansDocument,
    "\n  mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { id status version } }\n": types.CreatePlanDocument,
    "\n  mutation UpdatePlan($id: ID!, $version: Int!, $input: UpdatePlanInput!) { updatePlan(id: $id, version: $version, input: $input) { id version strategyStatement swot } }\n": types.UpdatePlanDocument,
    "mutation SubmitPlan($id: ID!, $version: Int!) { submitPlan(id: $id, version: $version) { id status version } }": types.SubmitPlanDocument,
    "mutation ActivatePlan($id: ID!, $version: Int!) { activatePlan(id: $id, version: $version) { id status version } }": types.ActivatePlanDocument,
    "mutation ApprovePlan($id: ID!, $version: Int!, $note: String) { approvePlan(id: $id, version: $version, note: $note) { id status version } }": types.ApprovePlanDocument,
    "mutation ClosePlan($id: ID!, $version: Int!, $outcome: String!) { closePlan(id: $id, version: $version, outcome: $outcome) { id status version } }": types.ClosePlanDocument,
    "\n  mutation RollForwardPlan($id: ID!, $period: String!, $periodStart: Time!, $periodEnd: Time!) {\n    rollForwardPlan(id: $id, period: $period, periodStart: $periodStart, periodEnd: $periodEnd) { id status }\n  }\n": types.RollForwardPlanDocument,
    "mutation AddObjective($planID: ID!, $input: ObjectiveInput!) { addObjective(planID: $planID, input: $input) { id } }": types.AddObjectiveDocument,
    "mutation CreateAction($input: CreateActionInput!) { createAction(input: $input) { id } }": types.CreateActionDocument,
    "mutation CompleteAction($id: ID!) { completeAction(id: $id) { id status } }": types.CompleteActionDocument,
    "\n  query AccountContacts($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        contacts(first: 200, orderBy: [{ field: NAME, direction: ASC }]) {\n          edges { node { id name title department email phone buyingRole attitude relationshipStrength reportsToID active leftAt lastTouchedAt } }\n        }\n      }\n    }\n  }\n": types.AccountContactsDocument,
    "mutation CreateContact($input: CreateContactInput!) { createContact(input: $input) { id } }": types.CreateContactDocument,
    "mutation UpdateContact($id: ID!, $input: UpdateContactInput!) { updateContact(id: $id, input: $input) { id } }": types.UpdateContactDocument,
    "mutation MarkContactLeft($id: ID!) { markContactLeft(id: $id) { id active leftAt } }": types.MarkContactLeftDocument,
    "\n  query AccountTeam($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        teamMembers { id role accessLevel createdAt user { id name email title } }\n      }\n    }\n  }\n": types.AccountTeamDocument,
    "\n  query TeamCandidates {\n    users(first: 200, orderBy: [{ field: NAME, direction: ASC }]) { edges { node { id name email } } }\n  }\n": types.TeamCandidatesDocument,
    "mutation AddTeamMember($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }": types.AddTeamMemberDocument,
    "mutation UpdateTeamMember($id: ID!, $input: UpdateTeamMemberInput!) { updateTeamMember(id: $id, input: $input) { id role accessLevel } }": types.UpdateTeamMemberDocument,
    "mutation RemoveTeamMember($id: ID!, $reason: String!) { removeTeamMember(id: $id, reason: $reason) }": types.RemoveTeamMemberDocument,
    "\n  query AccountTouchpoints($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        touchpoints(first: 50, orderBy: [{ field: OCCURRED_AT, direction: DESC }]) {\n          totalCount\n          edges { node { id kind occurredAt summary nextStep nextStepDueOn createdBy { id name } staff { id name } contacts { id name } } }\n        }\n        contacts(first: 200, where: { active: true }) { edges { node { id name } } }\n        teamMembers { id user { id name } }\n      }\n    }\n  }\n": types.AccountTouchpointsDocument,
    "mutation LogTouchpoint($input: LogTouchpointInput!) { logTouchpoint(input: $input) { id } }": types.LogTouchpointDocument,
    "\n  query AccountFilterOptions {\n    categories(first: 100) { edges { node { id name nameEn } } }\n    users(first: 200, where: { hasOwnedAccounts: true }) { edges { node { id name } } }\n  }\n": types.AccountFilterOptionsDocument,
    "\n  query AccountList(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: AccountWhereInput\n    $orderBy: [AccountOrder!]\n    $rank: AccountListRank\n    $rankDirection: OrderDirection\n    $attention: Boolean\n    $today: Time!\n  ) {\n    accounts: accountList(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      where: $where\n      orderBy: $orderBy\n      rank: $rank\n      rankDirection: $rankDirection\n      needsAttention: $attention\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id\n          code\n          name\n          nameEn\n          kind\n          currentClass\n          lifecycleStage\n          region\n          owner { id name }\n          rollup { revenueMinor }\n          churnRisk { assessed level score }\n          planHealth { planStatus objectivesOnTrack objectivesTotal overdueActions lastTouchpointAt contactOverdue }\n          actions(first: 1, where: { statusIn: [OPEN, IN_PROGRESS, BLOCKED], dueOnNotNil: true, dueOnGTE: $today }, orderBy: [{ field: DUE_ON, direction: ASC }]) {\n            edges { node { id title dueOn } }\n          }\n        }\n      }\n    }\n  }\n": types.AccountListDocument,
    "\n  query AlertsInbox($filter: ChurnAlertFilter!, $after: Cursor) {\n    churnAlerts(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...AlertFields } }\n    }\n  }\n": types.AlertsInboxDocument,
    "\n  query ApprovalsCount { approvalsCount }\n": types.ApprovalsCountDocument,
    "\n  query ApprovalQueue($kinds: [ApprovalKind!], $first: Int, $offset: Int) {\n    approvals(kinds: $kinds, first: $first, offset: $offset) {\n      totalCount\n      byKind { kind count }\n      items { kind id version accountID accountName accountClass requestedAt requestedByName from to reason explanation cycleID }\n    }\n  }\n": types.ApprovalQueueDocument,
    "mutation ApproveOverride($id: ID!, $note: String) { approveClassAssignment(id: $id, note: $note) { id approvalStatus } }": types.ApproveOverrideDocument,
    "mutation RejectOverride($id: ID!, $note: String!) { rejectClassAssignment(id: $id, note: $note) { id approvalStatus } }": types.RejectOverrideDocument,
    "mutation ApprovePlanFromQueue($id: ID!, $version: Int!, $note: String) { approvePlan(id: $id, version: $version, note: $note) { id status version } }": types.ApprovePlanFromQueueDocument,
    "mutation RejectPlanFromQueue($id: ID!, $version: Int!, $reason: String!) { rejectPlan(id: $id, version: $version, reason: $reason) { id status version } }": types.RejectPlanFromQueueDocument,
    "mutation ApproveResults($ids: [ID!]!, $note: String) { approveReviewResults(ids: $ids, note: $note) { id status } }": types.ApproveResultsDocument,
    "mutation RejectResults($ids: [ID!]!, $note: String!) { rejectReviewResults(ids: $ids, note: $note) { id status } }": types.RejectResultsDocument,
    "mutation ApproveTier($id: ID!, $note: String) { approveTierEvaluation(id: $id, note: $note) { id } }": types.ApproveTierDocument,
    "mutation RejectTier($id: ID!, $note: String!) { rejectTierEvaluation(id: $id, note: $note) { id } }": types.RejectTierDocument,
    "\n  query Portfolio($filter: PortfolioFilter) {\n    approvalsCount\n    portfolio(filter: $filter) {\n      asOf\n      pyramid {\n        accounts revenueMinor marginMinor\n        classes { class accounts accountShare revenueMinor revenueShare marginMinor marginShare }\n      }\n      migration {\n        from { date cycle { id name } }\n        to { date cycle { id name } }\n        cells { from to accounts revenueMinor accountsWhere }\n        upgrades downgrades unchanged\n      }\n      concentration(lorenzPoints: 20) {\n        accounts revenueMinor hhi\n        top { percent accounts revenueMinor share }\n        lorenz { accountShare revenueShare }\n      }\n      atRisk(first: 8) {\n        alerts accounts revenueAtStakeMinor accountsWhere\n        bySeverity { severity alerts accounts revenueMinor }\n        items { alertID accountID accountName class severity status overdue revenueMinor }\n      }\n      coverage {\n        total { accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }\n        classes { class accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }\n      }\n      trend(cycles: 6) { periodStart cycle { id name } counts { class accounts } }\n    }\n  }\n": types.PortfolioDocument,
    "\n  query ReviewCycle($id: ID!) {\n    node(id: $id) {\n      ... on ReviewCycle {\n        id name status scope periodStart periodEnd totalAccounts startedAt computedAt publishedAt\n        modelVersion { id number model { id name nameEn } }\n        progress {\n          total done chunks chunksDone upgrades downgrades unchanged newlyClassified\n          byClass { class count }\n          byStatus { status count }\n          movers { from to count }\n        }\n      }\n    }\n  }\n": types.ReviewCycleDocument,
    "\n  query ReviewResults($id: ID!, $where: ReviewResultWhereInput, $first: Int) {\n    node(id: $id) {\n      ... on ReviewCycle {\n        id\n        results(first: $first, where: $where) {\n          totalCount\n          edges { node { id accountID previousClass proposedClass finalClass levelLabel score status contestReason explanation account { id name nameEn } } }\n        }\n      }\n    }\n  }\n": types.ReviewResultsDocument,
    "mutation ContestResult($id: ID!, $reason: String!) { contestReviewResult(id: $id, reason: $reason) { id status contestReason } }": types.ContestResultDocument,
    "mutation PublishCycle($id: ID!) { publishReviewCycle(id: $id) { id status } }": types.PublishCycleDocument,
    "\n  query ReviewCycles {\n    reviewCycles(first: 50) {\n      edges {\n        node {\n          id name status scope trigger periodStart totalAccounts createdAt publishedAt\n          modelVersion { id number model { id name nameEn } }\n          progress { total done }\n        }\n      }\n    }\n  }\n": types.ReviewCyclesDocument,
    "\n  query PublishedModelVersions {\n    gradingModels(first: 100) {\n      edges { node { id name nameEn scope kind versions { id number status } } }\n    }\n  }\n": types.PublishedModelVersionsDocument,
    "\n  mutation StartReviewCycle($scope: ReviewCycleScope!, $v: ID!, $name: String!, $asOf: Time) {\n    startReviewCycle(scope: $scope, modelVersionID: $v, name: $name, asOf: $asOf) { id status }\n  }\n": types.StartReviewCycleDocument,
    "\n  query GradingModels {\n    gradingModels(first: 100) {\n      edges { node { id key name nameEn kind scope versions { id number status publishedAt } } }\n    }\n  }\n": types.GradingModelsDocument,
    "\n  query GradingModel($id: ID!) {\n    node(id: $id) {\n      ... on GradingModel {\n        id key name nameEn description kind scope\n        versions { id number status config notes createdAt publishedAt publishedBy { id name } createdBy { id name } }\n      }\n    }\n  }\n": types.GradingModelDocument,
    "\n  query ValidateModelConfig($kind: GradingModelKind!, $config: JSON!) {\n    validateGradingModelConfig(kind: $kind, config: $config) { valid problems { path message } }\n  }\n": types.ValidateModelConfigDocument,
    "\n  query SimulateModel($v: ID!) {\n    simulateGradingModel(versionID: $v, sample: 20) {\n      total unclassified upgrades downgrades unchanged newlyClassified durationMs totalRevenue\n      distribution { class count }\n      currentDistribution { class count }\n      movers { from to count }\n      revenue { class revenue share }\n      sample { accountID account { id name nameEn } from to level score revenue explanation }\n    }\n  }\n": types.SimulateModelDocument,
    "mutation CreateModelVersion($m: ID!, $config: JSON!, $notes: String) { createGradingModelVersion(modelID: $m, config: $config, notes: $notes) { id number status } }": types.CreateModelVersionDocument,
    "mutation UpdateModelVersion($id: ID!, $config: JSON, $notes: String) { updateGradingModelVersion(id: $id, config: $config, notes: $notes) { id config notes } }": types.UpdateModelVersionDocument,
    "mutation PublishModelVersion($id: ID!) { publishGradingModelVersion(id: $id) { id status publishedAt } }": types.PublishModelVersionDocument,
    "mutation RetireModelVersion($id: ID!) { retireGradingModelVersion(id: $id) { id status } }": types.RetireModelVersionDocument,
    "\n  query MyNotifications($after: Cursor, $unreadOnly: Boolean) {\n    myNotifications(first: 30, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind title body createdAt readAt } }\n    }\n  }\n": types.MyNotificationsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommandSearch($query: String!) {\n    searchAccounts(query: $query, first: 10) {\n      score\n      account { id code name nameEn currentClass }\n    }\n  }\n"): (typeof documents)["\n  query CommandSearch($query: String!) {\n    searchAccounts(query: $query, first: 10) {\n      score\n      account { id code name nameEn currentClass }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadCount { unreadNotificationCount }\n"): (typeof documents)["\n  query UnreadCount { unreadNotificationCount }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentNotifications {\n    myNotifications(first: 6) {\n      edges { node { id kind title body createdAt readAt entityType entityID } }\n    }\n  }\n"): (typeof documents)["\n  query RecentNotifications {\n    myNotifications(first: 6) {\n      edges { node { id kind title body createdAt readAt entityType entityID } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all) { marked unreadCount }\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {\n    markNotificationsRead(ids: $ids, all: $all) { marked unreadCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMyLocale($locale: String!) {\n    updateMyLocale(locale: $locale) { id locale }\n  }\n"): (typeof documents)["\n  mutation UpdateMyLocale($locale: String!) {\n    updateMyLocale(locale: $locale) { id locale }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertFields on ChurnAlert {\n    id\n    alertType\n    status\n    severity\n    riskScore\n    openedAt\n    responseDueAt\n    acknowledgedAt\n    resolvedAt\n    outcome\n    outcomeNote\n    ageDays\n    overdue\n    escalationLevel\n    accountClass\n    winBackStartedAt\n    winBackPlan { id period }\n    owner { id name }\n    account { id name nameEn code currentClass }\n    firedSignals { code label labelZh severity detail detailZh }\n  }\n"): (typeof documents)["\n  fragment AlertFields on ChurnAlert {\n    id\n    alertType\n    status\n    severity\n    riskScore\n    openedAt\n    responseDueAt\n    acknowledgedAt\n    resolvedAt\n    outcome\n    outcomeNote\n    ageDays\n    overdue\n    escalationLevel\n    accountClass\n    winBackStartedAt\n    winBackPlan { id period }\n    owner { id name }\n    account { id name nameEn code currentClass }\n    firedSignals { code label labelZh severity detail detailZh }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AcknowledgeAlert($id: ID!, $note: String) { acknowledgeChurnAlert(id: $id, note: $note) { ...AlertFields } }"): (typeof documents)["mutation AcknowledgeAlert($id: ID!, $note: String) { acknowledgeChurnAlert(id: $id, note: $note) { ...AlertFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartWinBack($alertID: ID!) { startWinBack(alertID: $alertID) { planCreated plan { id period } actions { id } alert { ...AlertFields } } }"): (typeof documents)["mutation StartWinBack($alertID: ID!) { startWinBack(alertID: $alertID) { planCreated plan { id period } actions { id } alert { ...AlertFields } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResolveAlert($id: ID!, $outcome: ChurnAlertResolution!, $reason: String!) { resolveChurnAlert(id: $id, outcome: $outcome, reason: $reason) { ...AlertFields } }"): (typeof documents)["mutation ResolveAlert($id: ID!, $outcome: ChurnAlertResolution!, $reason: String!) { resolveChurnAlert(id: $id, outcome: $outcome, reason: $reason) { ...AlertFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GradingMetricLabels { gradingMetrics { name unit labelZh labelEn } }\n"): (typeof documents)["\n  query GradingMetricLabels { gradingMetrics { name unit labelZh labelEn } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LatestClass($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        currentClass\n        classHistory(first: 5) {\n          edges { node { ...ClassDecision } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LatestClass($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        currentClass\n        classHistory(first: 5) {\n          edges { node { ...ClassDecision } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClassDecision on ClassAssignment {\n    id\n    class\n    previousClass\n    levelLabel\n    score\n    explanation\n    source\n    reason\n    approvalStatus\n    approvedAt\n    effectiveAt\n    createdAt\n    approvalNote\n    decidedBy { id name }\n    approvedBy { id name }\n    modelVersion { id number model { id name nameEn } }\n    reviewCycle { id name }\n  }\n"): (typeof documents)["\n  fragment ClassDecision on ClassAssignment {\n    id\n    class\n    previousClass\n    levelLabel\n    score\n    explanation\n    source\n    reason\n    approvalStatus\n    approvedAt\n    effectiveAt\n    createdAt\n    approvalNote\n    decidedBy { id name }\n    approvedBy { id name }\n    modelVersion { id number model { id name nameEn } }\n    reviewCycle { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountHeader($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Account {\n        id\n        version\n        code\n        name\n        nameEn\n        kind\n        currentClass\n        lifecycleStage\n        region\n        province\n        city\n        industry\n        archived\n        receivablesMinor\n        overdueReceivablesMinor\n        creditLimitMinor\n        paymentTermsDays\n        owner { id name }\n        category { id name nameEn }\n        ancestors { id name nameEn code }\n        children { id name nameEn code currentClass }\n        rollup { revenueMinor openAlerts teamSize accounts }\n        churnRisk {\n          assessed\n          level\n          score\n          summary\n          summaryZh\n          notAssessedReason\n          notAssessedReasonZh\n          signals { code label labelZh severity detail detailZh }\n        }\n        planHealth {\n          planID\n          planPeriod\n          planStatus\n          objectivesOnTrack\n          objectivesTotal\n          overdueActions\n          lastTouchpointAt\n          daysSinceLastTouchpoint\n          contactCadenceDays\n          contactOverdue\n          missingTeamRoles\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountHeader($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Account {\n        id\n        version\n        code\n        name\n        nameEn\n        kind\n        currentClass\n        lifecycleStage\n        region\n        province\n        city\n        industry\n        archived\n        receivablesMinor\n        overdueReceivablesMinor\n        creditLimitMinor\n        paymentTermsDays\n        owner { id name }\n        category { id name nameEn }\n        ancestors { id name nameEn code }\n        children { id name nameEn code currentClass }\n        rollup { revenueMinor openAlerts teamSize accounts }\n        churnRisk {\n          assessed\n          level\n          score\n          summary\n          summaryZh\n          notAssessedReason\n          notAssessedReasonZh\n          signals { code label labelZh severity detail detailZh }\n        }\n        planHealth {\n          planID\n          planPeriod\n          planStatus\n          objectivesOnTrack\n          objectivesTotal\n          overdueActions\n          lastTouchpointAt\n          daysSinceLastTouchpoint\n          contactCadenceDays\n          contactOverdue\n          missingTeamRoles\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountAlerts($filter: ChurnAlertFilter!) {\n    churnAlerts(first: 50, filter: $filter) { totalCount edges { node { ...AlertFields } } }\n  }\n"): (typeof documents)["\n  query AccountAlerts($filter: ChurnAlertFilter!) {\n    churnAlerts(first: 50, filter: $filter) { totalCount edges { node { ...AlertFields } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClassHistory($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        classHistory(first: 50) { edges { node { ...ClassDecision } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClassHistory($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        classHistory(first: 50) { edges { node { ...ClassDecision } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OverrideClass($accountID: ID!, $class: AccountCurrentClass!, $reason: String!) {\n    overrideClass(accountID: $accountID, class: $class, reason: $reason) { id approvalStatus class }\n  }\n"): (typeof documents)["\n  mutation OverrideClass($accountID: ID!, $class: AccountCurrentClass!, $reason: String!) {\n    overrideClass(accountID: $accountID, class: $class, reason: $reason) { id approvalStatus class }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountPlans($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        plans(first: 20, orderBy: [{ field: PERIOD, direction: DESC }]) {\n          edges {\n            node {\n              id\n              version\n              period\n              periodStart\n              periodEnd\n              status\n              classAtCreation\n              strategyStatement\n              swot\n              outcome\n              rejectionReason\n              submittedAt\n              approvedAt\n              approvedBy { id name }\n              objectives {\n                id\n                title\n                metric\n                unit\n                targetValue\n                weight\n                dueOn\n                status\n                measure { actual target percentDone onTrack expectedToDate source }\n              }\n              actions(first: 100, orderBy: [{ field: DUE_ON, direction: ASC }]) {\n                edges { node { id title dueOn status objectiveID owner { id name } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountPlans($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        plans(first: 20, orderBy: [{ field: PERIOD, direction: DESC }]) {\n          edges {\n            node {\n              id\n              version\n              period\n              periodStart\n              periodEnd\n              status\n              classAtCreation\n              strategyStatement\n              swot\n              outcome\n              rejectionReason\n              submittedAt\n              approvedAt\n              approvedBy { id name }\n              objectives {\n                id\n                title\n                metric\n                unit\n                targetValue\n                weight\n                dueOn\n                status\n                measure { actual target percentDone onTrack expectedToDate source }\n              }\n              actions(first: 100, orderBy: [{ field: DUE_ON, direction: ASC }]) {\n                edges { node { id title dueOn status objectiveID owner { id name } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { id status version } }\n"): (typeof documents)["\n  mutation CreatePlan($input: CreatePlanInput!) { createPlan(input: $input) { id status version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePlan($id: ID!, $version: Int!, $input: UpdatePlanInput!) { updatePlan(id: $id, version: $version, input: $input) { id version strategyStatement swot } }\n"): (typeof documents)["\n  mutation UpdatePlan($id: ID!, $version: Int!, $input: UpdatePlanInput!) { updatePlan(id: $id, version: $version, input: $input) { id version strategyStatement swot } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SubmitPlan($id: ID!, $version: Int!) { submitPlan(id: $id, version: $version) { id status version } }"): (typeof documents)["mutation SubmitPlan($id: ID!, $version: Int!) { submitPlan(id: $id, version: $version) { id status version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ActivatePlan($id: ID!, $version: Int!) { activatePlan(id: $id, version: $version) { id status version } }"): (typeof documents)["mutation ActivatePlan($id: ID!, $version: Int!) { activatePlan(id: $id, version: $version) { id status version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApprovePlan($id: ID!, $version: Int!, $note: String) { approvePlan(id: $id, version: $version, note: $note) { id status version } }"): (typeof documents)["mutation ApprovePlan($id: ID!, $version: Int!, $note: String) { approvePlan(id: $id, version: $version, note: $note) { id status version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ClosePlan($id: ID!, $version: Int!, $outcome: String!) { closePlan(id: $id, version: $version, outcome: $outcome) { id status version } }"): (typeof documents)["mutation ClosePlan($id: ID!, $version: Int!, $outcome: String!) { closePlan(id: $id, version: $version, outcome: $outcome) { id status version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollForwardPlan($id: ID!, $period: String!, $periodStart: Time!, $periodEnd: Time!) {\n    rollForwardPlan(id: $id, period: $period, periodStart: $periodStart, periodEnd: $periodEnd) { id status }\n  }\n"): (typeof documents)["\n  mutation RollForwardPlan($id: ID!, $period: String!, $periodStart: Time!, $periodEnd: Time!) {\n    rollForwardPlan(id: $id, period: $period, periodStart: $periodStart, periodEnd: $periodEnd) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddObjective($planID: ID!, $input: ObjectiveInput!) { addObjective(planID: $planID, input: $input) { id } }"): (typeof documents)["mutation AddObjective($planID: ID!, $input: ObjectiveInput!) { addObjective(planID: $planID, input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateAction($input: CreateActionInput!) { createAction(input: $input) { id } }"): (typeof documents)["mutation CreateAction($input: CreateActionInput!) { createAction(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CompleteAction($id: ID!) { completeAction(id: $id) { id status } }"): (typeof documents)["mutation CompleteAction($id: ID!) { completeAction(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountContacts($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        contacts(first: 200, orderBy: [{ field: NAME, direction: ASC }]) {\n          edges { node { id name title department email phone buyingRole attitude relationshipStrength reportsToID active leftAt lastTouchedAt } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountContacts($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        contacts(first: 200, orderBy: [{ field: NAME, direction: ASC }]) {\n          edges { node { id name title department email phone buyingRole attitude relationshipStrength reportsToID active leftAt lastTouchedAt } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateContact($input: CreateContactInput!) { createContact(input: $input) { id } }"): (typeof documents)["mutation CreateContact($input: CreateContactInput!) { createContact(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateContact($id: ID!, $input: UpdateContactInput!) { updateContact(id: $id, input: $input) { id } }"): (typeof documents)["mutation UpdateContact($id: ID!, $input: UpdateContactInput!) { updateContact(id: $id, input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MarkContactLeft($id: ID!) { markContactLeft(id: $id) { id active leftAt } }"): (typeof documents)["mutation MarkContactLeft($id: ID!) { markContactLeft(id: $id) { id active leftAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountTeam($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        teamMembers { id role accessLevel createdAt user { id name email title } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountTeam($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        teamMembers { id role accessLevel createdAt user { id name email title } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamCandidates {\n    users(first: 200, orderBy: [{ field: NAME, direction: ASC }]) { edges { node { id name email } } }\n  }\n"): (typeof documents)["\n  query TeamCandidates {\n    users(first: 200, orderBy: [{ field: NAME, direction: ASC }]) { edges { node { id name email } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AddTeamMember($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }"): (typeof documents)["mutation AddTeamMember($input: AddTeamMemberInput!) { addTeamMember(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateTeamMember($id: ID!, $input: UpdateTeamMemberInput!) { updateTeamMember(id: $id, input: $input) { id role accessLevel } }"): (typeof documents)["mutation UpdateTeamMember($id: ID!, $input: UpdateTeamMemberInput!) { updateTeamMember(id: $id, input: $input) { id role accessLevel } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RemoveTeamMember($id: ID!, $reason: String!) { removeTeamMember(id: $id, reason: $reason) }"): (typeof documents)["mutation RemoveTeamMember($id: ID!, $reason: String!) { removeTeamMember(id: $id, reason: $reason) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountTouchpoints($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        touchpoints(first: 50, orderBy: [{ field: OCCURRED_AT, direction: DESC }]) {\n          totalCount\n          edges { node { id kind occurredAt summary nextStep nextStepDueOn createdBy { id name } staff { id name } contacts { id name } } }\n        }\n        contacts(first: 200, where: { active: true }) { edges { node { id name } } }\n        teamMembers { id user { id name } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountTouchpoints($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        touchpoints(first: 50, orderBy: [{ field: OCCURRED_AT, direction: DESC }]) {\n          totalCount\n          edges { node { id kind occurredAt summary nextStep nextStepDueOn createdBy { id name } staff { id name } contacts { id name } } }\n        }\n        contacts(first: 200, where: { active: true }) { edges { node { id name } } }\n        teamMembers { id user { id name } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LogTouchpoint($input: LogTouchpointInput!) { logTouchpoint(input: $input) { id } }"): (typeof documents)["mutation LogTouchpoint($input: LogTouchpointInput!) { logTouchpoint(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountFilterOptions {\n    categories(first: 100) { edges { node { id name nameEn } } }\n    users(first: 200, where: { hasOwnedAccounts: true }) { edges { node { id name } } }\n  }\n"): (typeof documents)["\n  query AccountFilterOptions {\n    categories(first: 100) { edges { node { id name nameEn } } }\n    users(first: 200, where: { hasOwnedAccounts: true }) { edges { node { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountList(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: AccountWhereInput\n    $orderBy: [AccountOrder!]\n    $rank: AccountListRank\n    $rankDirection: OrderDirection\n    $attention: Boolean\n    $today: Time!\n  ) {\n    accounts: accountList(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      where: $where\n      orderBy: $orderBy\n      rank: $rank\n      rankDirection: $rankDirection\n      needsAttention: $attention\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id\n          code\n          name\n          nameEn\n          kind\n          currentClass\n          lifecycleStage\n          region\n          owner { id name }\n          rollup { revenueMinor }\n          churnRisk { assessed level score }\n          planHealth { planStatus objectivesOnTrack objectivesTotal overdueActions lastTouchpointAt contactOverdue }\n          actions(first: 1, where: { statusIn: [OPEN, IN_PROGRESS, BLOCKED], dueOnNotNil: true, dueOnGTE: $today }, orderBy: [{ field: DUE_ON, direction: ASC }]) {\n            edges { node { id title dueOn } }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountList(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: AccountWhereInput\n    $orderBy: [AccountOrder!]\n    $rank: AccountListRank\n    $rankDirection: OrderDirection\n    $attention: Boolean\n    $today: Time!\n  ) {\n    accounts: accountList(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      where: $where\n      orderBy: $orderBy\n      rank: $rank\n      rankDirection: $rankDirection\n      needsAttention: $attention\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges {\n        node {\n          id\n          code\n          name\n          nameEn\n          kind\n          currentClass\n          lifecycleStage\n          region\n          owner { id name }\n          rollup { revenueMinor }\n          churnRisk { assessed level score }\n          planHealth { planStatus objectivesOnTrack objectivesTotal overdueActions lastTouchpointAt contactOverdue }\n          actions(first: 1, where: { statusIn: [OPEN, IN_PROGRESS, BLOCKED], dueOnNotNil: true, dueOnGTE: $today }, orderBy: [{ field: DUE_ON, direction: ASC }]) {\n            edges { node { id title dueOn } }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertsInbox($filter: ChurnAlertFilter!, $after: Cursor) {\n    churnAlerts(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...AlertFields } }\n    }\n  }\n"): (typeof documents)["\n  query AlertsInbox($filter: ChurnAlertFilter!, $after: Cursor) {\n    churnAlerts(first: 25, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { ...AlertFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovalsCount { approvalsCount }\n"): (typeof documents)["\n  query ApprovalsCount { approvalsCount }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovalQueue($kinds: [ApprovalKind!], $first: Int, $offset: Int) {\n    approvals(kinds: $kinds, first: $first, offset: $offset) {\n      totalCount\n      byKind { kind count }\n      items { kind id version accountID accountName accountClass requestedAt requestedByName from to reason explanation cycleID }\n    }\n  }\n"): (typeof documents)["\n  query ApprovalQueue($kinds: [ApprovalKind!], $first: Int, $offset: Int) {\n    approvals(kinds: $kinds, first: $first, offset: $offset) {\n      totalCount\n      byKind { kind count }\n      items { kind id version accountID accountName accountClass requestedAt requestedByName from to reason explanation cycleID }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveOverride($id: ID!, $note: String) { approveClassAssignment(id: $id, note: $note) { id approvalStatus } }"): (typeof documents)["mutation ApproveOverride($id: ID!, $note: String) { approveClassAssignment(id: $id, note: $note) { id approvalStatus } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectOverride($id: ID!, $note: String!) { rejectClassAssignment(id: $id, note: $note) { id approvalStatus } }"): (typeof documents)["mutation RejectOverride($id: ID!, $note: String!) { rejectClassAssignment(id: $id, note: $note) { id approvalStatus } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApprovePlanFromQueue($id: ID!, $version: Int!, $note: String) { approvePlan(id: $id, version: $version, note: $note) { id status version } }"): (typeof documents)["mutation ApprovePlanFromQueue($id: ID!, $version: Int!, $note: String) { approvePlan(id: $id, version: $version, note: $note) { id status version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectPlanFromQueue($id: ID!, $version: Int!, $reason: String!) { rejectPlan(id: $id, version: $version, reason: $reason) { id status version } }"): (typeof documents)["mutation RejectPlanFromQueue($id: ID!, $version: Int!, $reason: String!) { rejectPlan(id: $id, version: $version, reason: $reason) { id status version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveResults($ids: [ID!]!, $note: String) { approveReviewResults(ids: $ids, note: $note) { id status } }"): (typeof documents)["mutation ApproveResults($ids: [ID!]!, $note: String) { approveReviewResults(ids: $ids, note: $note) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectResults($ids: [ID!]!, $note: String!) { rejectReviewResults(ids: $ids, note: $note) { id status } }"): (typeof documents)["mutation RejectResults($ids: [ID!]!, $note: String!) { rejectReviewResults(ids: $ids, note: $note) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveTier($id: ID!, $note: String) { approveTierEvaluation(id: $id, note: $note) { id } }"): (typeof documents)["mutation ApproveTier($id: ID!, $note: String) { approveTierEvaluation(id: $id, note: $note) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectTier($id: ID!, $note: String!) { rejectTierEvaluation(id: $id, note: $note) { id } }"): (typeof documents)["mutation RejectTier($id: ID!, $note: String!) { rejectTierEvaluation(id: $id, note: $note) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Portfolio($filter: PortfolioFilter) {\n    approvalsCount\n    portfolio(filter: $filter) {\n      asOf\n      pyramid {\n        accounts revenueMinor marginMinor\n        classes { class accounts accountShare revenueMinor revenueShare marginMinor marginShare }\n      }\n      migration {\n        from { date cycle { id name } }\n        to { date cycle { id name } }\n        cells { from to accounts revenueMinor accountsWhere }\n        upgrades downgrades unchanged\n      }\n      concentration(lorenzPoints: 20) {\n        accounts revenueMinor hhi\n        top { percent accounts revenueMinor share }\n        lorenz { accountShare revenueShare }\n      }\n      atRisk(first: 8) {\n        alerts accounts revenueAtStakeMinor accountsWhere\n        bySeverity { severity alerts accounts revenueMinor }\n        items { alertID accountID accountName class severity status overdue revenueMinor }\n      }\n      coverage {\n        total { accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }\n        classes { class accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }\n      }\n      trend(cycles: 6) { periodStart cycle { id name } counts { class accounts } }\n    }\n  }\n"): (typeof documents)["\n  query Portfolio($filter: PortfolioFilter) {\n    approvalsCount\n    portfolio(filter: $filter) {\n      asOf\n      pyramid {\n        accounts revenueMinor marginMinor\n        classes { class accounts accountShare revenueMinor revenueShare marginMinor marginShare }\n      }\n      migration {\n        from { date cycle { id name } }\n        to { date cycle { id name } }\n        cells { from to accounts revenueMinor accountsWhere }\n        upgrades downgrades unchanged\n      }\n      concentration(lorenzPoints: 20) {\n        accounts revenueMinor hhi\n        top { percent accounts revenueMinor share }\n        lorenz { accountShare revenueShare }\n      }\n      atRisk(first: 8) {\n        alerts accounts revenueAtStakeMinor accountsWhere\n        bySeverity { severity alerts accounts revenueMinor }\n        items { alertID accountID accountName class severity status overdue revenueMinor }\n      }\n      coverage {\n        total { accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }\n        classes { class accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }\n      }\n      trend(cycles: 6) { periodStart cycle { id name } counts { class accounts } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewCycle($id: ID!) {\n    node(id: $id) {\n      ... on ReviewCycle {\n        id name status scope periodStart periodEnd totalAccounts startedAt computedAt publishedAt\n        modelVersion { id number model { id name nameEn } }\n        progress {\n          total done chunks chunksDone upgrades downgrades unchanged newlyClassified\n          byClass { class count }\n          byStatus { status count }\n          movers { from to count }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewCycle($id: ID!) {\n    node(id: $id) {\n      ... on ReviewCycle {\n        id name status scope periodStart periodEnd totalAccounts startedAt computedAt publishedAt\n        modelVersion { id number model { id name nameEn } }\n        progress {\n          total done chunks chunksDone upgrades downgrades unchanged newlyClassified\n          byClass { class count }\n          byStatus { status count }\n          movers { from to count }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewResults($id: ID!, $where: ReviewResultWhereInput, $first: Int) {\n    node(id: $id) {\n      ... on ReviewCycle {\n        id\n        results(first: $first, where: $where) {\n          totalCount\n          edges { node { id accountID previousClass proposedClass finalClass levelLabel score status contestReason explanation account { id name nameEn } } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewResults($id: ID!, $where: ReviewResultWhereInput, $first: Int) {\n    node(id: $id) {\n      ... on ReviewCycle {\n        id\n        results(first: $first, where: $where) {\n          totalCount\n          edges { node { id accountID previousClass proposedClass finalClass levelLabel score status contestReason explanation account { id name nameEn } } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ContestResult($id: ID!, $reason: String!) { contestReviewResult(id: $id, reason: $reason) { id status contestReason } }"): (typeof documents)["mutation ContestResult($id: ID!, $reason: String!) { contestReviewResult(id: $id, reason: $reason) { id status contestReason } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PublishCycle($id: ID!) { publishReviewCycle(id: $id) { id status } }"): (typeof documents)["mutation PublishCycle($id: ID!) { publishReviewCycle(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewCycles {\n    reviewCycles(first: 50) {\n      edges {\n        node {\n          id name status scope trigger periodStart totalAccounts createdAt publishedAt\n          modelVersion { id number model { id name nameEn } }\n          progress { total done }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReviewCycles {\n    reviewCycles(first: 50) {\n      edges {\n        node {\n          id name status scope trigger periodStart totalAccounts createdAt publishedAt\n          modelVersion { id number model { id name nameEn } }\n          progress { total done }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublishedModelVersions {\n    gradingModels(first: 100) {\n      edges { node { id name nameEn scope kind versions { id number status } } }\n    }\n  }\n"): (typeof documents)["\n  query PublishedModelVersions {\n    gradingModels(first: 100) {\n      edges { node { id name nameEn scope kind versions { id number status } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartReviewCycle($scope: ReviewCycleScope!, $v: ID!, $name: String!, $asOf: Time) {\n    startReviewCycle(scope: $scope, modelVersionID: $v, name: $name, asOf: $asOf) { id status }\n  }\n"): (typeof documents)["\n  mutation StartReviewCycle($scope: ReviewCycleScope!, $v: ID!, $name: String!, $asOf: Time) {\n    startReviewCycle(scope: $scope, modelVersionID: $v, name: $name, asOf: $asOf) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GradingModels {\n    gradingModels(first: 100) {\n      edges { node { id key name nameEn kind scope versions { id number status publishedAt } } }\n    }\n  }\n"): (typeof documents)["\n  query GradingModels {\n    gradingModels(first: 100) {\n      edges { node { id key name nameEn kind scope versions { id number status publishedAt } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GradingModel($id: ID!) {\n    node(id: $id) {\n      ... on GradingModel {\n        id key name nameEn description kind scope\n        versions { id number status config notes createdAt publishedAt publishedBy { id name } createdBy { id name } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query GradingModel($id: ID!) {\n    node(id: $id) {\n      ... on GradingModel {\n        id key name nameEn description kind scope\n        versions { id number status config notes createdAt publishedAt publishedBy { id name } createdBy { id name } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ValidateModelConfig($kind: GradingModelKind!, $config: JSON!) {\n    validateGradingModelConfig(kind: $kind, config: $config) { valid problems { path message } }\n  }\n"): (typeof documents)["\n  query ValidateModelConfig($kind: GradingModelKind!, $config: JSON!) {\n    validateGradingModelConfig(kind: $kind, config: $config) { valid problems { path message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimulateModel($v: ID!) {\n    simulateGradingModel(versionID: $v, sample: 20) {\n      total unclassified upgrades downgrades unchanged newlyClassified durationMs totalRevenue\n      distribution { class count }\n      currentDistribution { class count }\n      movers { from to count }\n      revenue { class revenue share }\n      sample { accountID account { id name nameEn } from to level score revenue explanation }\n    }\n  }\n"): (typeof documents)["\n  query SimulateModel($v: ID!) {\n    simulateGradingModel(versionID: $v, sample: 20) {\n      total unclassified upgrades downgrades unchanged newlyClassified durationMs totalRevenue\n      distribution { class count }\n      currentDistribution { class count }\n      movers { from to count }\n      revenue { class revenue share }\n      sample { accountID account { id name nameEn } from to level score revenue explanation }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateModelVersion($m: ID!, $config: JSON!, $notes: String) { createGradingModelVersion(modelID: $m, config: $config, notes: $notes) { id number status } }"): (typeof documents)["mutation CreateModelVersion($m: ID!, $config: JSON!, $notes: String) { createGradingModelVersion(modelID: $m, config: $config, notes: $notes) { id number status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateModelVersion($id: ID!, $config: JSON, $notes: String) { updateGradingModelVersion(id: $id, config: $config, notes: $notes) { id config notes } }"): (typeof documents)["mutation UpdateModelVersion($id: ID!, $config: JSON, $notes: String) { updateGradingModelVersion(id: $id, config: $config, notes: $notes) { id config notes } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PublishModelVersion($id: ID!) { publishGradingModelVersion(id: $id) { id status publishedAt } }"): (typeof documents)["mutation PublishModelVersion($id: ID!) { publishGradingModelVersion(id: $id) { id status publishedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RetireModelVersion($id: ID!) { retireGradingModelVersion(id: $id) { id status } }"): (typeof documents)["mutation RetireModelVersion($id: ID!) { retireGradingModelVersion(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyNotifications($after: Cursor, $unreadOnly: Boolean) {\n    myNotifications(first: 30, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind title body createdAt readAt } }\n    }\n  }\n"): (typeof documents)["\n  query MyNotifications($after: Cursor, $unreadOnly: Boolean) {\n    myNotifications(first: 30, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id kind title body createdAt readAt } }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;