// The one set of data factories (src/demo/factories.ts), shared with the demo data.
export {
  buildAccount,
  buildAuthority,
  buildOrganization,
  buildOrganizationKind,
  buildStaff,
  FACTORY_PASSWORD,
  unique,
} from '../../src/demo/factories.ts';
