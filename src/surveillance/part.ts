import { partsOf } from '../platform/module.ts';
import type { SurveillanceCore } from './core.ts';

/** One part of the module (see platform's `ModulePart`), on the module's shared core. */
export const definePart = partsOf<SurveillanceCore>();
