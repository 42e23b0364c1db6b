import type { questionnaireFr } from './questionnaire.fr.ts';

export const questionnaireEn: { readonly [K in keyof typeof questionnaireFr]: string } = {
  'licensing.questionnaire.title': 'Find out your application type',
};
