// The messages between the teaching service (main thread) and the teaching worker: commands tagged with an id,
// each answered once with the session's state after it; and updates the worker pushes while it trains, coalesced
// to at most one per UPDATE_INTERVAL_MS.
import type { TeachingSettings } from '../../common/api/teaching-entities';
import type { TeachingPrediction } from '../../common/api/teaching-entities';
import type { SpecIssue } from '../../common/spec/experiment-spec';

/** The least time between two pushed updates: at most 5 a second whatever the step rate, so a page redraws its charts rarely enough to stay responsive. */
export const UPDATE_INTERVAL_MS = 200;
/** The least time between two prediction panels (a forward pass over a few held-out examples, and a redraw). */
export const PREDICTION_INTERVAL_MS = 500;

export type TeachingCommand =
  | { readonly type: 'configure'; readonly settings: TeachingSettings }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'step' }
  | { readonly type: 'reset' }
  /** The state as it is, nothing changed. */
  | { readonly type: 'state' };

/** Where a session stands: `generation` counts the sessions built (each setting change or reset makes a new one). */
export interface TeachingState {
  readonly generation: number;
  readonly step: number;
  readonly running: boolean;
  readonly settings: TeachingSettings;
  /** The resolved experiment spec the session trains (what "save as run" creates a run from). */
  readonly spec: unknown;
  /** One line: the model's kind, sizes and parameter count. */
  readonly model: string;
}

export type TeachingReply = { readonly ok: true; readonly state: TeachingState } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

/** What changed since the last update: the loss of every step since (in order), the latest profile and panel. */
export interface TeachingUpdate {
  readonly generation: number;
  readonly step: number;
  readonly running: boolean;
  /** [step, training loss] of the steps since the last update. */
  readonly losses: readonly (readonly [number, number])[];
  /** ‖∂L/∂h_t‖ over t of the first recurrent layer at the latest step that recorded it (null before any). */
  readonly gradProfile: readonly number[] | null;
  /** The prediction panel when it was made anew since the last update (every command makes one); null when unchanged. */
  readonly prediction: TeachingPrediction | null;
  /** Set when the session stopped by itself: a NaN/Inf loss or gradient, or the step limit. */
  readonly stopped: string | null;
}

export type MainToTeaching = { readonly id: number; readonly command: TeachingCommand };
export type TeachingToMain =
  | { readonly kind: 'reply'; readonly id: number; readonly reply: TeachingReply }
  | { readonly kind: 'failure'; readonly id: number; readonly message: string }
  | { readonly kind: 'update'; readonly update: TeachingUpdate };
