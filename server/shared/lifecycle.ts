import { DomainError, UserErrorCode, type UserErrorData } from './errors.js';

/** Why a transition is refused: a message for the transition's input field, or a whole user error. */
export type Refusal = string | { message: string; field?: string | null; code?: UserErrorCode };

export interface TransitionRule<S extends string, C> {
  /** What the transition does, as a verb for "Нельзя …": «подписать», «закрыть». */
  label: string;
  from: readonly S[];
  to: S;
  /** Said instead of the generic message when the record is in a state the transition does not start from. */
  wrongState?: string;
  /** Every reason the transition may not happen now; none when it may. */
  veto?: (context: C) => Refusal[] | Promise<Refusal[]>;
}

export interface LifecycleSpec<S extends string, T extends string, C> {
  /** The record in the genitive-free form messages use: «случай», «экспертиза». */
  record: string;
  stateLabel: Record<S, string>;
  transitions: Record<T, TransitionRule<S, C>>;
  /** The code a refusal carries unless its veto says otherwise. */
  refusalCode: UserErrorCode;
  /** Called after every allowed move, for the record's timeline (history entries). */
  onMove?: (context: C, move: { transition: T; from: S; to: S }) => void;
}

export interface MoveOptions {
  /** The input field refusals are reported on. */
  field: string | null;
}

/**
 * A record's lifecycle declared as a transitions table, each with the one check that can stop it
 * (Vendure's finite-state machine, reduced to what Razbor needs). Services move records only
 * through `move`; capability fields and SQL read `transitionsFrom`.
 */
export class Lifecycle<S extends string, T extends string, C> {
  constructor(private readonly spec: LifecycleSpec<S, T, C>) {}

  get transitions(): T[] {
    return Object.keys(this.spec.transitions) as T[];
  }

  /** Each transition's label, for the enum's descriptions in the schema. */
  transitionLabels(): Record<T, string> {
    return Object.fromEntries(this.transitions.map((t) => [t, this.spec.transitions[t].label])) as Record<T, string>;
  }

  rule(transition: T): TransitionRule<S, C> {
    return this.spec.transitions[transition];
  }

  /** Transitions that start from this state, whether or not their vetoes would allow them now. */
  transitionsFrom(state: S): T[] {
    return this.transitions.filter((t) => this.spec.transitions[t].from.includes(state));
  }

  startsFrom(transition: T, state: S): boolean {
    return this.spec.transitions[transition].from.includes(state);
  }

  /** The transition that takes a record from one state to another, if the table has one. */
  transitionBetween(from: S, to: S): T | null {
    return this.transitionsFrom(from).find((t) => this.spec.transitions[t].to === to) ?? null;
  }

  label(state: S): string {
    return this.spec.stateLabel[state];
  }

  /** Why the transition cannot happen now, as user errors; empty when it can. */
  async refusals(transition: T, state: S, context: C, options: MoveOptions): Promise<UserErrorData[]> {
    const rule = this.spec.transitions[transition];
    if (!rule.from.includes(state)) {
      const message = rule.wrongState ?? `Нельзя ${rule.label}: ${this.spec.record} в состоянии «${this.spec.stateLabel[state]}»`;
      return [{ field: options.field, code: this.spec.refusalCode, message }];
    }
    const vetoes = (await rule.veto?.(context)) ?? [];
    return vetoes.map((v) =>
      typeof v === 'string'
        ? { field: options.field, code: this.spec.refusalCode, message: v }
        : { field: v.field === undefined ? options.field : v.field, code: v.code ?? this.spec.refusalCode, message: v.message },
    );
  }

  /** Checks the transition, tells the timeline, and returns the state it leads to; a refusal throws the domain error. */
  async move(transition: T, state: S, context: C, options: MoveOptions): Promise<S> {
    const refusals = await this.refusals(transition, state, context, options);
    if (refusals.length) throw new DomainError(refusals);
    const to = this.spec.transitions[transition].to;
    this.spec.onMove?.(context, { transition, from: state, to });
    return to;
  }

  /**
   * Moves a record the user set to a target state: through the table's transition between the two
   * states, refused when there is none.
   */
  async moveTo(from: S, to: S, context: C, options: MoveOptions): Promise<S> {
    const transition = this.transitionBetween(from, to);
    if (!transition) {
      const message = `Нельзя перевести ${this.spec.record} из «${this.spec.stateLabel[from]}» в «${this.spec.stateLabel[to]}»`;
      throw new DomainError([{ field: options.field, code: UserErrorCode.INVALID_TRANSITION, message }]);
    }
    return this.move(transition, from, context, options);
  }
}

export const defineLifecycle = <S extends string, T extends string, C>(spec: LifecycleSpec<S, T, C>) => new Lifecycle(spec);
