import { partsOf } from '../platform/module.ts';
import type { AccessCore } from './core.ts';

/** One part of the module (see platform's `ModulePart`), on the module's shared core. */
export const definePart = partsOf<AccessCore>();
