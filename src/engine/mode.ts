/** How a run is taken: on one's own (`self`), or in training with the answer shown after each question. */
export const MODES = ["self", "training"] as const;
export type Mode = (typeof MODES)[number];
