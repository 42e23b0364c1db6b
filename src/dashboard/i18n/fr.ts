export const fr = {
  'dashboard.title': 'Tableau de bord',
  'dashboard.lead': 'Ce qui vous attend et ce que vous pouvez commencer, pour chaque autorité et chaque organisation pour laquelle vous agissez.',
  'dashboard.start': 'Ce que vous pouvez commencer',
  'dashboard.nothingWaiting': 'Rien ne vous attend pour le moment.',
  'dashboard.nothingWaitingOrganization': 'Rien ne vous attend pour cette organisation pour le moment.',
  'dashboard.roles': 'Vos rôles\u00a0: {roles}',
  'dashboard.openStaff': 'Ouvrir la console du personnel',
  'dashboard.organizationOf': 'Autorité\u00a0: {authority}',
  'dashboard.organizationRole': 'Votre rôle\u00a0: {role}',
  'dashboard.openOrganization': 'Ouvrir les pages de l’organisation',
  'dashboard.accountHeading': 'Votre compte',
  'dashboard.accountLead': 'Vos renseignements, votre mot de passe, la vérification en deux étapes et vos sessions sont dans les réglages de votre compte.',
  'dashboard.accountLink': 'Ouvrir les réglages du compte',
} as const;

declare module '../../platform/i18n/index.ts' { interface Messages extends Record<keyof typeof fr, true> {} }
