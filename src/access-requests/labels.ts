import type { MessageKey } from '../platform/i18n/index.ts';
import { statusTag } from '../platform/views/tag.tsx';
import type { Act, Channel, ConsultationKind, ConsultationStatus, Disposition, ExtensionReason, FeeStatus, RecordDecision, RequesterCategory, RequestStatus, SupportTopic } from './states.ts';

/** The words of a request's values, the same on the public pages, the workspace and the office's. */
export const actLabels = { access: 'access.act.access', privacy: 'access.act.privacy' } as const satisfies Record<Act, MessageKey>;
export const lawLabels = { access: 'access.actLaw.access', privacy: 'access.actLaw.privacy' } as const satisfies Record<Act, MessageKey>;

export const statusLabels = {
  awaiting_fee: 'access.status.awaiting_fee',
  in_progress: 'access.status.in_progress',
  awaiting_clarification: 'access.status.awaiting_clarification',
  closed: 'access.status.closed',
} as const satisfies Record<RequestStatus, MessageKey>;

export const StatusTag = statusTag(statusLabels, {
  awaiting_fee: 'govuk-tag--orange',
  in_progress: 'govuk-tag--blue',
  awaiting_clarification: 'govuk-tag--yellow',
  closed: 'govuk-tag--green',
});

export const channelLabels = {
  online: 'access.channel.online',
  api: 'access.channel.api',
  paper: 'access.channel.paper',
  mail: 'access.channel.mail',
  email: 'access.channel.email',
} as const satisfies Record<Channel, MessageKey>;

export const dispositionLabels = {
  all_disclosed: 'access.disposition.all_disclosed',
  disclosed_in_part: 'access.disposition.disclosed_in_part',
  all_exempted: 'access.disposition.all_exempted',
  all_excluded: 'access.disposition.all_excluded',
  no_records_exist: 'access.disposition.no_records_exist',
  neither_confirmed_nor_denied: 'access.disposition.neither_confirmed_nor_denied',
  abandoned: 'access.disposition.abandoned',
} as const satisfies Record<Disposition, MessageKey>;

export const reasonLabels = {
  atia_9_1_a: 'access.reason.atia_9_1_a',
  atia_9_1_b: 'access.reason.atia_9_1_b',
  atia_9_1_c: 'access.reason.atia_9_1_c',
  pa_15_a_i: 'access.reason.pa_15_a_i',
  pa_15_a_ii: 'access.reason.pa_15_a_ii',
  pa_15_b: 'access.reason.pa_15_b',
} as const satisfies Record<ExtensionReason, MessageKey>;

export const feeLabels = {
  none: 'access.fee.none',
  due: 'access.fee.due',
  paid: 'access.fee.paid',
  waived: 'access.fee.waived',
  refunded: 'access.fee.refunded',
} as const satisfies Record<FeeStatus, MessageKey>;

export const decisionLabels = {
  pending: 'access.decision.pending',
  released_in_full: 'access.decision.released_in_full',
  released_in_part: 'access.decision.released_in_part',
  withheld: 'access.decision.withheld',
} as const satisfies Record<RecordDecision, MessageKey>;

export const consultationKindLabels = { institution: 'access.consultationKind.institution', third_party: 'access.consultationKind.third_party' } as const satisfies Record<ConsultationKind, MessageKey>;

export const consultationStatusLabels = {
  sent: 'access.consultationStatus.sent',
  answered: 'access.consultationStatus.answered',
  withdrawn: 'access.consultationStatus.withdrawn',
  overdue: 'access.consultationStatus.overdue',
} as const satisfies Record<ConsultationStatus | 'overdue', MessageKey>;

export const ConsultationTag = statusTag(consultationStatusLabels, { sent: 'govuk-tag--blue', answered: 'govuk-tag--green', withdrawn: 'govuk-tag--grey', overdue: 'govuk-tag--red' });

export const categoryLabels = {
  media: 'access.category.media',
  academia: 'access.category.academia',
  business: 'access.category.business',
  organization: 'access.category.organization',
  public: 'access.category.public',
  declined: 'access.category.declined',
} as const satisfies Record<RequesterCategory, MessageKey>;

export const topicLabels = {
  access_code: 'access.topic.access_code',
  training: 'access.topic.training',
  technical: 'access.topic.technical',
  release_transmission: 'access.topic.release_transmission',
  refund: 'access.topic.refund',
} as const satisfies Record<SupportTopic, MessageKey>;
