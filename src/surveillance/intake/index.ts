import { definePart } from '../part.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { paths } from './paths.ts';

/** The intake part of surveillance (see docs in /work/notes/issue16-plan.md until it is built). */
export default definePart({
  paths,
  catalog: { fr, en },
  register(_app, _kit, _core) {
    return {};
  },
});
