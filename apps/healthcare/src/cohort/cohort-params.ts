/**
 * How the default cohort's lab values are simulated: each lab is drawn independently from a normal
 * distribution whose mean depends on the outcome. `d` is Cohen's effect size (mean difference / sd), chosen
 * modest (0.4–0.6) so labs alone are informative but not decisive (about AUC 0.8 together) and the image
 * adds to them. Values are clipped to `range`.
 */
export interface LabParams {
  unit: string;
  normal: { mean: number; sd: number };
  pneumonia: { mean: number; sd: number };
  range: [number, number];
  decimals: number;
}

export const LAB_PARAMS: Record<string, LabParams> = {
  age: { unit: 'years', normal: { mean: 48, sd: 16 }, pneumonia: { mean: 56, sd: 16 }, range: [18, 95], decimals: 0 }, // d = 0.5
  temperature: { unit: '°C', normal: { mean: 37.0, sd: 0.6 }, pneumonia: { mean: 37.3, sd: 0.6 }, range: [35, 41], decimals: 1 }, // d = 0.5
  wbc: { unit: '10⁹/L', normal: { mean: 8.0, sd: 2.5 }, pneumonia: { mean: 9.5, sd: 2.5 }, range: [2, 30], decimals: 1 }, // d = 0.6
  crp: { unit: 'mg/L', normal: { mean: 20, sd: 25 }, pneumonia: { mean: 30, sd: 25 }, range: [0.5, 300], decimals: 1 }, // d = 0.4
  spo2: { unit: '%', normal: { mean: 96, sd: 2.5 }, pneumonia: { mean: 94.75, sd: 2.5 }, range: [80, 100], decimals: 0 }, // d = 0.5
};

/** Share of patients with pneumonia in the default cohort. */
export const PNEUMONIA_RATE = 0.45;

/**
 * Severity, the auxiliary target: `mild` without pneumonia; with pneumonia `severe` when SpO₂ < 94 or
 * CRP > 50, else `moderate`. (A rule on simulated values, documented in the cohort card.)
 */
export function severityOf(pneumonia: boolean, labs: Record<string, number>): 'mild' | 'moderate' | 'severe' {
  if (!pneumonia) return 'mild';
  return labs.spo2 < 94 || labs.crp > 50 ? 'severe' : 'moderate';
}
