// The teaching session inside its worker: one TrainingSession (the engine's, as every run trains) built from the
// settings, advanced in short slices between which commands are read, so a setting change, a pause or a step takes
// effect within one slice. A setting change or a reset builds a fresh session (the next generation) from scratch;
// nothing is stored. Updates are coalesced: the losses of every step since the last update, the latest gradient
// profile and (less often) the prediction panel, pushed at most once per UPDATE_INTERVAL_MS.
import { TrainingSession } from '../../common/models/training-session';
import { teachingPrediction } from '../../common/teaching/teaching-prediction';
import { TEACHING_LIMITS, type TeachingPrediction, type TeachingSettings } from '../../common/api/teaching-entities';
import { teachingSpec } from '../../common/teaching/teaching-spec';
import type { SessionStep } from '../../common/train/run-session';
import {
  PREDICTION_INTERVAL_MS,
  UPDATE_INTERVAL_MS,
  type TeachingCommand,
  type TeachingReply,
  type TeachingState,
  type TeachingUpdate,
} from './teaching-protocol';

/** How long one slice of steps may run before the worker reads its messages again. */
const SLICE_MS = 15;

export class TeachingLoop {
  private session: TrainingSession | null = null;
  private settings: TeachingSettings | null = null;
  private generation = 0;
  private running = false;
  private stopped: string | null = null;
  private losses: [number, number][] = [];
  private gradProfile: number[] | null = null;
  private prediction: TeachingPrediction | null = null;
  private lastUpdate = -Infinity;
  private lastPrediction = -Infinity;
  private scheduled: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly publish: (update: TeachingUpdate) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  handle(command: TeachingCommand): TeachingReply {
    switch (command.type) {
      case 'configure':
        return this.build(command.settings);
      case 'reset':
        return this.settings === null ? notConfigured() : this.build(this.settings);
      case 'state':
        return this.reply();
      case 'play':
        if (this.session === null) return notConfigured();
        this.running = true;
        this.schedule();
        return this.reply();
      case 'pause':
        if (this.session === null) return notConfigured();
        this.running = false;
        this.flush(true);
        return this.reply();
      case 'step':
        if (this.session === null) return notConfigured();
        this.running = false;
        this.advance(this.session);
        this.flush(true);
        return this.reply();
    }
  }

  close(): void {
    this.closed = true;
    this.running = false;
    if (this.scheduled !== null) clearTimeout(this.scheduled);
  }

  /** A fresh session of `settings` (the running state kept), or the issues of the spec they make (the old session kept). */
  private build(settings: TeachingSettings): TeachingReply {
    const resolved = teachingSpec(settings);
    if (!resolved.ok) return { ok: false, issues: resolved.issues };
    this.session = new TrainingSession(resolved.spec, resolved.task);
    this.settings = settings;
    this.generation += 1;
    this.stopped = null;
    this.losses = [];
    this.gradProfile = null;
    this.prediction = null;
    this.lastPrediction = -Infinity;
    this.flush(true);
    if (this.running) this.schedule();
    return this.reply();
  }

  private reply(): TeachingReply {
    const session = this.session;
    const settings = this.settings;
    if (session === null || settings === null) return notConfigured();
    const state: TeachingState = {
      generation: this.generation,
      step: session.step,
      running: this.running,
      settings,
      spec: session.spec,
      model: session.describe(),
    };
    return { ok: true, state };
  }

  private schedule(): void {
    if (this.scheduled !== null || this.closed) return;
    // a timer, not a loop: the worker's message port is read between slices
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      this.slice();
    }, 0);
  }

  /** Steps for up to SLICE_MS, then an update if one is due, then the next slice. */
  private slice(): void {
    const session = this.session;
    if (!this.running || session === null || this.closed) return;
    const end = this.now() + SLICE_MS;
    do {
      if (!this.advance(session)) break;
    } while (this.running && this.now() < end);
    this.flush(false);
    if (this.running) this.schedule();
  }

  /** One training step; false (and the session stopped, with why) when it cannot go on. */
  private advance(session: TrainingSession): boolean {
    if (session.finished) return this.stop(`stopped at the teaching limit of ${TEACHING_LIMITS.steps} steps; reset to start again`);
    const step: SessionStep = session.next();
    this.losses.push([step.step, step.loss]);
    const first = step.gradNorms?.[0];
    if (first !== undefined) this.gradProfile = Array.from(first.values);
    if (step.nonFinite !== null)
      return this.stop(`stopped at step ${step.step}: ${step.nonFinite}; change a setting (a smaller learning rate, or clipping) or reset`);
    return true;
  }

  private stop(reason: string): false {
    this.running = false;
    this.stopped = reason;
    return false;
  }

  /** Pushes what changed since the last update, when one is due (or `force`d by a command). */
  private flush(force: boolean): void {
    const session = this.session;
    if (session === null) return;
    const now = this.now();
    if (!force && now - this.lastUpdate < UPDATE_INTERVAL_MS) return;
    const fresh = force || now - this.lastPrediction >= PREDICTION_INTERVAL_MS;
    if (fresh) {
      this.prediction = teachingPrediction(session);
      this.lastPrediction = this.now();
    }
    this.lastUpdate = now;
    const update: TeachingUpdate = {
      generation: this.generation,
      step: session.step,
      running: this.running,
      losses: this.losses,
      gradProfile: this.gradProfile,
      prediction: fresh ? this.prediction : null,
      stopped: this.stopped,
    };
    this.losses = [];
    this.publish(update);
  }
}

function notConfigured(): TeachingReply {
  return { ok: false, issues: [{ path: '(session)', message: 'the teaching session has no settings yet; configure it first' }] };
}
