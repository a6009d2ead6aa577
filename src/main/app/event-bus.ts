/**
 * Typed fan-out of contract events from services to every connected transport.
 *
 * Payloads are validated in development and tests (AIW_VALIDATE_EVENTS=1) so a
 * service can never push something the renderer's types do not describe.
 */
import { eventContract, type EventChannel, type EventPayload } from '../../shared/contract.ts';

export type EventListener = (event: EventChannel, payload: unknown) => void;

export class EventBus {
  #listeners = new Set<EventListener>();
  #validate = process.env.AIW_VALIDATE_EVENTS === '1';

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    if (this.#validate) eventContract[event].parse(payload);
    for (const listener of this.#listeners) listener(event, payload);
  }

  /** Adds a listener for all events; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
