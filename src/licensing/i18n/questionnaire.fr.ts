/** The strings of the questionnaire and of the definitions of types (types/), in French: the source. */
export const questionnaireFr = {
  'licensing.questionnaire.title': 'Déterminer votre type de demande',
} as const;
