import type { fr } from './fr.ts';

export const en: { readonly [K in keyof typeof fr]: string } = {
  'dashboard.title': 'Dashboard',
  'dashboard.lead': 'What is waiting for you and what you can start, for each authority and organization you act for.',
  'dashboard.start': 'What you can start',
  'dashboard.nothingWaiting': 'Nothing is waiting for you right now.',
  'dashboard.nothingWaitingOrganization': 'Nothing is waiting for you for this organization right now.',
  'dashboard.roles': 'Your roles: {roles}',
  'dashboard.openStaff': 'Open the staff console',
  'dashboard.organizationOf': 'Authority: {authority}',
  'dashboard.organizationRole': 'Your role: {role}',
  'dashboard.openOrganization': 'Open the organization’s pages',
  'dashboard.accountHeading': 'Your account',
  'dashboard.accountLead': 'Your details, password, two-step verification and sessions are in your account settings.',
  'dashboard.accountLink': 'Open the account settings',
};
