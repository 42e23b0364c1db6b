import { definePart } from '../part.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { paths } from './paths.ts';

/** (to be written by the part's author) */
export default definePart({
  paths,
  catalog: { fr, en },
  register() {
    return {};
  },
});
