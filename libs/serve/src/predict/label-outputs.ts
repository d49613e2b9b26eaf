import { HeadConfig, ModelCard } from '@mimo/core';

/**
 * One head's answer for one example, in the head's own terms: a binary head's probability and the class it decides
 * (at the bundle's threshold), a multiclass head's class and every class's probability, a multilabel head's
 * classes at or above 0.5, a regression head's value(s).
 */
export type HeadPrediction =
  | number
  | number[]
  | { class: string; probability: number }
  | { class: string; probabilities: Record<string, number> }
  | { classes: string[]; probabilities: Record<string, number> };

/** What turns a head's numbers into its answer: the type, class names (index strings when unnamed) and threshold. */
export interface HeadLabels {
  type: HeadConfig['type'];
  classes: string[];
  threshold: number;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** Each head's labels from the spec and the card's `classes` and `thresholds`. */
export function headLabels(heads: Record<string, HeadConfig>, card: Pick<ModelCard, 'classes' | 'thresholds'>): Record<string, HeadLabels> {
  return Object.fromEntries(
    Object.entries(heads).map(([name, head]) => {
      const units = head.type === 'binary' ? 2 : head.type === 'multiclass' ? head.classes : head.type === 'multilabel' ? head.labels : 0;
      const named = card.classes?.[name];
      const classes = named?.length === units ? named : Array.from({ length: units }, (_, i) => String(i));
      return [name, { type: head.type, classes, threshold: card.thresholds?.[name] ?? 0.5 }];
    }),
  );
}

/** What a client needs to know of a head's answers: class names (classification heads), threshold (binary heads). */
export function answerFacts(labels: HeadLabels): { classes?: string[]; threshold?: number } {
  if (labels.type === 'regression') return {};
  return { classes: labels.classes, ...(labels.type === 'binary' ? { threshold: labels.threshold } : {}) };
}

/** A head's output values for one example → its answer (probabilities rounded to 6 decimals). */
export function labelPrediction(values: readonly number[], labels: HeadLabels): HeadPrediction {
  const byClass = () => Object.fromEntries(labels.classes.map((name, i) => [name, round(values[i])]));
  switch (labels.type) {
    case 'binary':
      return { class: labels.classes[values[0] >= labels.threshold ? 1 : 0], probability: round(values[0]) };
    case 'multiclass':
      return { class: labels.classes[values.indexOf(Math.max(...values))], probabilities: byClass() };
    case 'multilabel':
      return { classes: labels.classes.filter((_, i) => values[i] >= 0.5), probabilities: byClass() };
    default:
      return values.length === 1 ? round(values[0]) : values.map(round);
  }
}
