import { de } from './de.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';

/**
 * The languages loaded on demand, by code. Not imported by the widget itself: the build writes
 * each as `dist/widget/i18n/<code>.json` (widget/vite.config.ts), the server serves them.
 */
export const catalogues = { de, fr, es, nl };
