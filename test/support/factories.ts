// The one set of data factories (src/demo/factories.ts), shared with the demo data.
export {
  answerQuestion,
  buildAccount,
  buildApplicationType,
  buildAuthority,
  buildOrganization,
  buildOrganizationKind,
  buildQuestion,
  buildRegistrationCategory,
  buildStaff,
  FACTORY_PASSWORD,
  unique,
} from '../../src/demo/factories.ts';
