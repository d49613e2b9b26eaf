/** The bundle file that says where a run's text encoder started from (transfer), for the report. */
export const RUN_FILE = 'nlp-run.json';

export interface NlpRunInfo {
  /** `--pretrained DIR`, when the text encoder was initialised from another bundle. */
  pretrained?: string;
  /** The layers copied from it. */
  transferred: string[];
}
